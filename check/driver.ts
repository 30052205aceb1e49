/**
 * Drives one stand-in page and the app inside it, in a real browser: HubSpot's steps through the
 * stand-in's own controls (or `window.standIn` where HubSpot has none), the user's through the
 * app's controls as the actions file finds them, and the app's messages as the stand-in received
 * and judged them.
 */
import type { FrameLocator, Locator, Page } from "@playwright/test";
import type { Fault, HubSpotStep, UserStep, Visibility } from "../common/steps";
import { errorText } from "../common/text";
import { RECORDS } from "../host/crm";
import type { StandInApi } from "../host/standInApi";
import { type Actions, type Control, controlName } from "./actions";

/** An app message as the stand-in judged it. */
export interface Arrived {
  readonly type: string;
  readonly data?: unknown;
  readonly receivedAt: number;
  readonly violations: readonly { rule: string; text: string; detail: string }[];
}

const FAULT_LABELS: Readonly<Record<Fault, string>> = {
  failCreate: "Fail engagement creation",
  failUpdate: "Fail engagement update",
  dialTwice: "Send DIAL_NUMBER twice",
  objectIdZero: "objectId 0 in DIAL_NUMBER",
};
const VISIBILITY_BUTTONS: Readonly<Record<Visibility, string>> = {
  minimised: "Minimise",
  hidden: "Hide",
  visible: "Show",
};

/** Whether `target` shows within a second. */
async function shows(target: Locator): Promise<boolean> {
  try {
    await target.waitFor({ state: "visible", timeout: 1_000 });
    return true;
  } catch {
    return false;
  }
}

declare global {
  interface Window {
    standIn: StandInApi;
  }
}

/** The most app messages kept for one scenario; a flood past it is counted, not kept. */
const MAX_ARRIVED = 20_000;

export class StandInDriver {
  readonly app: FrameLocator;
  private readonly arrived: Arrived[] = [];
  /** Messages past `MAX_ARRIVED`. */
  overflow = 0;

  private constructor(
    readonly page: Page,
    private readonly timeoutMs: number,
  ) {
    this.app = page.frameLocator("#hubspot-calling-extension-iframe");
  }

  /** A driver for `page`, told of each app message as the stand-in judges it; before `goto`. */
  static async on(page: Page, timeoutMs: number): Promise<StandInDriver> {
    const driver = new StandInDriver(page, timeoutMs);
    await page.exposeFunction("standInObserver", (entry: Arrived) => {
      if (driver.arrived.length < MAX_ARRIVED) driver.arrived.push(entry);
      else driver.overflow++;
    });
    return driver;
  }

  /** The stand-in's clock: what its messages' `receivedAt` is measured on. */
  now(): Promise<number> {
    return this.page.evaluate(() => performance.timeOrigin + performance.now());
  }

  /** The app's messages that arrived at or after `since`. */
  arrivedSince(since: number): Arrived[] {
    return this.arrived.filter((r) => r.receivedAt >= since);
  }

  handshakes(): Promise<number> {
    return this.page.evaluate(() => window.standIn?.handshakes() ?? 0);
  }

  frameCreatedAt(): Promise<number> {
    return this.page.evaluate(() => window.standIn?.frameCreatedAt() ?? 0);
  }

  /**
   * Waits until the app has sent `types`, in this order, since `since`; returns the types still
   * missing at the timeout (none when all came) and when the last one came.
   */
  async waitFor(
    types: readonly string[],
    since: number,
    timeoutMs = this.timeoutMs,
  ): Promise<{ missing: string[]; lastAt: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const arrived = this.arrivedSince(since);
      let next = 0;
      let lastAt = since;
      for (const message of arrived) {
        if (message.type === types[next]) {
          next++;
          lastAt = message.receivedAt;
        }
      }
      if (next === types.length || Date.now() > deadline)
        return { missing: types.slice(next), lastAt };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Does HubSpot's step; returns what went wrong, if anything. */
  async hubspot(step: HubSpotStep): Promise<string | null> {
    const { page } = this;
    const button = (name: string) => page.getByRole("button", { name, exact: true });
    switch (step.kind) {
      case "call":
        return this.call(step.record, step.phone);
      case "send": {
        const sent = await page.evaluate(([t, d]) => window.standIn.send(t, d), [
          step.type,
          step.data,
        ] as const);
        return sent ? null : `${step.type} not sent: the app has not answered the handshake`;
      }
      case "post": {
        const posted = await page.evaluate((v) => window.standIn.post(v), step.value);
        return posted ? null : "not posted: the app has no frame";
      }
      case "visibility":
        await button(VISIBILITY_BUTTONS[step.to]).click({ timeout: this.timeoutMs });
        return null;
      case "reload":
        await button("Reload app frame").click({ timeout: this.timeoutMs });
        return null;
      case "fault":
        await page.getByLabel(FAULT_LABELS[step.fault]).setChecked(step.on);
        return null;
    }
  }

  /** HubSpot's user clicks Call on a record; HubSpot refuses (with an alert) while logged out. */
  private async call(objectId: number, phone: string): Promise<string | null> {
    const record = RECORDS.find((r) => r.objectId === objectId);
    if (!record) return `the stand-in's CRM has no record ${objectId}`;
    const dials = () =>
      this.page.evaluate(
        () => window.standIn.sent().filter((m) => m.type === "DIAL_NUMBER").length,
      );
    const before = await dials();
    await this.page
      .getByRole("button", { name: `Call ${record.name} at ${phone}` })
      .click({ timeout: this.timeoutMs });
    if ((await dials()) > before) return null;
    const alert = await this.page.getByRole("alert").textContent();
    return `HubSpot did not send DIAL_NUMBER: "${(alert ?? "").trim().slice(0, 200)}"`;
  }

  /** Does the user's step on the app's own controls; returns what went wrong, if anything. */
  async user(step: UserStep, actions: Actions): Promise<string | null> {
    const controls = actions[step];
    if (!controls) return `the actions file has no ${step}`;
    await this.page.evaluate((s) => window.standIn.note(s), step);
    for (const control of controls) {
      try {
        const target = this.locate(control);
        if (control.ifPresent && !(await shows(target))) continue;
        if (control.fill === undefined) await target.click({ timeout: this.timeoutMs });
        else await target.fill(control.fill, { timeout: this.timeoutMs });
      } catch (error) {
        return `${controlName(control)}: ${errorText(error)}`;
      }
    }
    return null;
  }

  private locate(control: Control): Locator {
    const found = this.find(control);
    return control.nth === undefined ? found : found.nth(control.nth);
  }

  private find(control: Control): Locator {
    const exact = control.exact === undefined ? {} : { exact: control.exact };
    if ("role" in control) {
      return this.app.getByRole(control.role, {
        ...(control.name === undefined ? {} : { name: control.name }),
        ...exact,
      });
    }
    if ("label" in control) return this.app.getByLabel(control.label, exact);
    return this.app.getByText(control.text, exact);
  }
}
