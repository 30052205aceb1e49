/**
 * The stand-in, driven from a Playwright test: it frames the app, does what HubSpot does (through
 * `window.standIn.perform`, as its own buttons do), and hears every event of its session as it
 * happens (driver/evidence.ts). What a calling-app team's tests use; the check reaches what it
 * needs beyond that through `internals()`, which the package's public door does not export.
 */
import type { FrameLocator, Page } from "@playwright/test";
import { HANDLED_KEY } from "../../common/handledNote";
import { type FrameLocation, MESSAGE, type MessageType } from "../../common/protocol";
import type { Session, SessionEvent } from "../../common/session";
import type { HubSpotStep, Step, UserStep } from "../../common/steps";
import { errorText } from "../../common/text";
import { type AppEvent, type Call, calls, isApp, loggedIn, testFindings } from "../contract/calls";
import type { Finding, ViolationGroup } from "../contract/finding";
import { RECORDS } from "../stand-in/crm";
import type { StandInApi } from "../stand-in/page/standInApi";
import { type AppError, Evidence } from "./evidence";
import { OBSERVER, PROBE, type ProbeReport, probe } from "./probe";
import { notServed } from "./served";

declare global {
  interface Window {
    standIn: StandInApi;
  }
}

/** Bounds the stand-in keeps whatever an app sends (its last 1,000 messages of ≤ 100 KB each). */
export const STAND_IN_BOUNDS = { domNodes: 5_000, heapBytes: 150_000_000 };

export interface OpenOptions {
  /** Where HubSpot puts the app: its widget (default), the remote frame, or the calling window. */
  readonly location?: FrameLocation;
  /** The SYNC's `usesCallingWindow`. */
  readonly callingWindow?: boolean;
  readonly size?: { readonly width: number; readonly height: number };
}

/** HubSpot's fault switches and quirks: each one given is set. */
export interface Faults {
  readonly failCreate?: boolean;
  readonly failUpdate?: boolean;
  readonly dialTwice?: boolean;
  readonly objectIdZero?: boolean;
  /** After CREATE_ENGAGEMENT_SUCCEEDED, the deprecated ENGAGEMENT_CREATED too. */
  readonly engagementCreated?: boolean;
  /** Every answer HubSpot sends waits this long. */
  readonly delayMs?: number;
}

/** What the check uses of a stand-in beyond a team's tests. */
export interface StandInInternals {
  readonly page: Page;
  readonly evidence: Evidence;
  /**
   * Takes a step (HubSpot's, or notes the user's) in the stand-in; resolves once the trace has it.
   * Returns the step's index (its messages' `during`) and why HubSpot could not take it, if so.
   */
  perform(step: Step): Promise<{ during: number; problem: string | null }>;
  /** Notes the user's step in the trace (the stand-in cannot see into the app's frame). */
  note(step: UserStep): Promise<number>;
  /** Time from the frame's creation to INITIALIZED, as the stand-in measured it. */
  handshakeMs(): Promise<number | undefined>;
  /** The stand-in's DOM and heap, and its own errors: findings only when something is wrong. */
  health(): Promise<Finding[]>;
}

const INTERNALS = new WeakMap<StandIn, StandInInternals>();

/** The longest a step waits for the app to have handled the message it sent (a busy or gone app). */
const HANDLED_MS = 1_000;

/** Whether `step` is HubSpot sending the app a message through the SDK (an id the probe names). */
function sendsMessage(step: Step): boolean {
  return step.by === "hubspot" && (step.step.kind === "send" || step.step.kind === "visibility");
}

/** The check's view of `standIn`. */
export function internals(standIn: StandIn): StandInInternals {
  const found = INTERNALS.get(standIn);
  if (!found) throw new Error("not a stand-in made by StandIn.on");
  return found;
}

export class StandIn {
  /** The app's frame, as a person sees it: reach its controls with Playwright's locators. */
  readonly app: FrameLocator;
  readonly #page: Page;
  readonly #url: string;
  readonly #defaultApp: string;
  readonly #evidence = new Evidence();

  private constructor(page: Page, url: string, defaultApp: string) {
    this.#page = page;
    this.#url = url;
    this.#defaultApp = defaultApp;
    this.app = page.frameLocator("#hubspot-calling-extension-iframe");
    INTERNALS.set(this, {
      page,
      evidence: this.#evidence,
      perform: (step) => this.#perform(step),
      note: async (step) => (await this.#perform({ by: "user", step })).during,
      handshakeMs: () => this.#handshakeMs(),
      health: () => this.#health(),
    });
  }

  /**
   * A stand-in served at `url`, on `page`, framing `appUrl` when `open()` names no other: set up
   * before the page loads anything.
   */
  static async on(page: Page, url: string, appUrl = ""): Promise<StandIn> {
    const standIn = new StandIn(page, url, appUrl);
    const evidence = standIn.#evidence;
    await page.exposeBinding(OBSERVER, ({ frame }, event: SessionEvent) => {
      // Only the stand-in's own page speaks for it; the app's frames could call this too.
      if (frame === page.mainFrame()) evidence.hear(event);
    });
    await page.exposeBinding(PROBE, (_source, report: ProbeReport) => evidence.heard(report));
    await page.addInitScript(probe, { name: PROBE, handledKey: HANDLED_KEY });
    return standIn;
  }

  /** The app's messages to HubSpot, in order. */
  messages(): AppEvent[] {
    return this.#evidence.events().filter(isApp);
  }

  /** The app's calls, message by message, each with its engagement and HubSpot's END_CALL. */
  calls(): Call[] {
    return calls(this.#evidence.events());
  }

  /** The app's uncaught errors, each with the step in force when it was thrown. */
  get errors(): readonly AppError[] {
    return this.#evidence.errors;
  }

  /**
   * Frames the app (at `appUrl`, by default the fixture's `appUrl` option) where HubSpot would put
   * it, and waits up to `timeoutMs` for its INITIALIZED; throws saying what went wrong if none
   * comes (no answer to SYNC, or no INITIALIZED after it), and at once where nothing listens at
   * the app's address.
   */
  async open(
    appUrl = this.#defaultApp,
    options: OpenOptions = {},
    timeoutMs = 15_000,
  ): Promise<void> {
    if (!appUrl) throw new Error("no app to frame: pass its address, or set the appUrl option");
    const url = new URL(this.#url);
    url.searchParams.set("app", appUrl);
    url.searchParams.set("iframeLocation", options.location ?? "widget");
    url.searchParams.set("usesCallingWindow", String(options.callingWindow ?? false));
    if (options.size) {
      url.searchParams.set("width", String(options.size.width));
      url.searchParams.set("height", String(options.size.height));
    }
    await this.#page.goto(url.href);
    const lost = new AbortController();
    const handshake = this.#evidence.until(
      (t) => t.some((e) => isApp(e) && e.type === MESSAGE.INITIALIZED),
      timeoutMs,
      lost.signal,
    );
    // Nothing listening at the app's address ends the wait at once, saying so.
    const unserved = notServed(appUrl).then(
      (problem): Promise<boolean | string> | string => problem ?? handshake,
    );
    const outcome = await Promise.race([handshake, unserved]);
    lost.abort();
    if (typeof outcome === "string") throw new Error(outcome);
    if (!outcome) throw new Error(this.#handshakeProblem(timeoutMs, options.location ?? "widget"));
  }

  #handshakeProblem(timeoutMs: number, location: FrameLocation): string {
    const seconds = `${(timeoutMs / 1000).toLocaleString("en")} s`;
    if (!this.#evidence.events().some((e) => "frame" in e))
      return `the app did not answer HubSpot's SYNC within ${seconds} (does it create the SDK's CallingExtensions on load, and does its frame-ancestors let the stand-in frame it?)`;
    // Within the 300 characters an error's text is kept to: the likelier cause first.
    const elsewhere =
      location === "widget"
        ? " Does it run only in HubSpot's calling window or remote frame (try --location window or --location remote)?"
        : "";
    // A build that trusts only HubSpot's hosts answers the SDK's SYNC, then refuses the host.
    const host = new URL(this.#url).origin;
    return `the app answered SYNC but sent no INITIALIZED within ${seconds} (iframeLocation ${location}).${elsewhere} Does it trust only HubSpot's hosts, not this stand-in's (${host})?`;
  }

  async #handshakeMs(): Promise<number | undefined> {
    return this.#page.evaluate(() => {
      // In the page: the kit's names are not there.
      const init = window.standIn.received().find((m) => m.type === "INITIALIZED");
      return init ? Math.round(init.receivedAt - window.standIn.frameCreatedAt()) : undefined;
    });
  }

  async #perform(step: Step): Promise<{ during: number; problem: string | null }> {
    const evidence = this.#evidence;
    const before = evidence.stepCount;
    // A message HubSpot sends ends its step once the app has handled it (the probe in its frame
    // says so): what the app answers at once is this step's, not the next one's.
    const waitMs = sendsMessage(step) ? HANDLED_MS : 0;
    const problem = await this.#page.evaluate(
      async ({ s, waitMs }) => {
        const problem = window.standIn.perform(s);
        // A stand-in page of another version may not say it.
        if (problem === null && waitMs > 0 && typeof window.standIn.handled === "function")
          await window.standIn.handled(waitMs);
        return problem;
      },
      { s: step, waitMs },
    );
    await evidence.until(() => evidence.stepCount > before, 5_000);
    evidence.touch();
    return { during: before, problem };
  }

  /** HubSpot's step; throws with HubSpot's reason if it could not be taken. */
  async #hubspot(step: HubSpotStep): Promise<number> {
    const { during, problem } = await this.#perform({ by: "hubspot", step });
    if (problem) throw new Error(problem);
    return during;
  }

  /**
   * HubSpot's user clicks Call on a record (by default the first number of the first contact),
   * once the app has reported a logged-in user, as a person would wait to (HubSpot refuses before).
   */
  async call(record: { readonly name?: string; readonly phone?: string } = {}): Promise<number> {
    await this.#evidence.until(loggedIn, 5_000);
    const found =
      RECORDS.find(
        (r) =>
          (record.name === undefined || r.name === record.name) &&
          (record.phone === undefined || r.phones.includes(record.phone)),
      ) ?? RECORDS[0];
    if (!found) throw new Error("the stand-in's CRM has no records");
    const phone = record.phone ?? found.phones[0] ?? "";
    return this.#hubspot({ kind: "call", record: found.objectId, phone });
  }

  /** HubSpot's End call (END_CALL). */
  endCall(): Promise<number> {
    return this.#hubspot({ kind: "send", type: MESSAGE.END_CALL });
  }

  /** HubSpot minimises, hides or shows the widget (VISIBILITY_CHANGED). */
  minimise(): Promise<number> {
    return this.#hubspot({ kind: "visibility", to: "minimised" });
  }
  hide(): Promise<number> {
    return this.#hubspot({ kind: "visibility", to: "hidden" });
  }
  show(): Promise<number> {
    return this.#hubspot({ kind: "visibility", to: "visible" });
  }

  /** HubSpot loads the app's frame again (the app must shake hands and initialise again). */
  reloadApp(): Promise<number> {
    return this.#hubspot({ kind: "reload" });
  }

  /** Any message from HubSpot, in the SDK's envelope. */
  send(type: string, data?: unknown): Promise<number> {
    return this.#hubspot({ kind: "send", type, data });
  }

  /** Any value posted into the app's frame, outside the SDK (what a hostile host could send). */
  post(value: unknown): Promise<number> {
    return this.#hubspot({ kind: "post", value });
  }

  /** HubSpot's fault switches and quirks; each one given is set. */
  async faults(faults: Faults): Promise<void> {
    const { delayMs, ...switches } = faults;
    for (const [fault, on] of Object.entries(switches))
      await this.#hubspot({ kind: "fault", fault, on } as HubSpotStep);
    if (delayMs !== undefined) await this.#hubspot({ kind: "delay", ms: delayMs });
  }

  /**
   * The next message of `type` from the app after position `after` in the trace (by default, any
   * that came); rejects with what did come when none does within `timeoutMs`.
   */
  async waitFor(
    type: MessageType,
    options: { after?: number; timeoutMs?: number } = {},
  ): Promise<AppEvent> {
    const after = options.after ?? -1;
    const find = (t: readonly SessionEvent[]) =>
      t.find((e, i): e is AppEvent => i > after && isApp(e) && e.type === type);
    const timeoutMs = options.timeoutMs ?? 5_000;
    if (!(await this.#evidence.until((t) => find(t) !== undefined, timeoutMs))) {
      const came = this.#evidence
        .events()
        .slice(after + 1)
        .filter(isApp)
        .map((e) => e.type);
      throw new Error(
        `no ${type} from the app within ${timeoutMs} ms (it sent: ${came.join(", ") || "nothing"})`,
      );
    }
    return find(this.#evidence.events()) as AppEvent;
  }

  /**
   * The app's calls judged whole, by the check's own rules for calls (one call per click on Call,
   * to the number dialled; each call completed, else a ghost call log; CALL_COMPLETED with the
   * engagement HubSpot created), with the check's texts: `expect(await standIn.findings())
   * .toEqual([])` tests a whole call. Rules about clicks apply where HubSpot's user clicked Call
   * (`call()`); each message's own rules are `violations()`.
   */
  findings(): Finding[] {
    return testFindings(this.#evidence.events());
  }

  /** Every violation the stand-in found, grouped (none evicted by a flood). */
  violations(): Promise<readonly ViolationGroup[]> {
    return this.#page.evaluate(() => window.standIn.violations());
  }

  /** The session as the stand-in recorded it (its last 5,000 events), to save or replay. */
  session(): Promise<Session> {
    return this.#page.evaluate(() => window.standIn.session());
  }

  async #health(): Promise<Finding[]> {
    const findings: Finding[] = [];
    try {
      const domNodes = await this.#page.evaluate(() => document.getElementsByTagName("*").length);
      const cdp = await this.#page.context().newCDPSession(this.#page);
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      if (domNodes > STAND_IN_BOUNDS.domNodes || usedSize > STAND_IN_BOUNDS.heapBytes)
        findings.push({
          ok: false,
          severity: "error",
          text: `the stand-in grew past its bounds: ${domNodes.toLocaleString("en")} DOM nodes, ${(usedSize / 1e6).toFixed(1)} MB of heap`,
        });
    } catch (error) {
      findings.push({
        ok: false,
        severity: "error",
        text: `the stand-in could not be measured: ${errorText(error)}`,
      });
    }
    const { ownErrors, dropped } = this.#evidence;
    if (ownErrors.length > 0)
      findings.push({
        ok: false,
        severity: "error",
        text: `the stand-in threw: ${ownErrors[0]} (${ownErrors.length} errors)`,
      });
    if (dropped > 0)
      findings.push({
        ok: true,
        severity: "warning",
        text: `the app sent ${dropped.toLocaleString("en")} messages more than the check keeps`,
      });
    return findings;
  }
}
