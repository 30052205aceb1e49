/**
 * The app's own controls, driven as a person reaches them: found by role and name, label or text
 * (in a nested frame where the app has one), a panel opened only while it is closed, and what
 * comes from the network as a request to the app's backend. The actions file says which controls
 * make each of the user's steps.
 */
import type { APIRequestContext, FrameLocator, Locator } from "@playwright/test";
import type { UserStep } from "../../common/steps";
import { errorText } from "../../common/text";
import {
  type Actions,
  type Control,
  controlName,
  type Declaration,
  isRequest,
  type PageControl,
  type RequestControl,
} from "./actions";
import { nearestShown, shownIn } from "./shownControls";

/**
 * Whether `target` shows within `timeoutMs`, looked for until `stop()` says the answer no longer
 * matters (another wait won the race): every 50 ms at first, when a control that is coming comes,
 * then less often (`pollGap`) while it may never come. Each look is a round trip to the app's
 * page: measured, a test that waits out a control for 15 s took 4 core-seconds less so.
 */
async function visibleWithin(
  target: Locator,
  timeoutMs: number,
  stop: () => boolean,
): Promise<boolean> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  while (!stop() && Date.now() < deadline) {
    if (
      await target
        .first()
        .isVisible()
        .catch(() => false)
    )
      return true;
    await new Promise((resolve) => setTimeout(resolve, pollGap(Date.now() - started)));
  }
  return false;
}

/**
 * Whether `target` shows within `ms`, unless `done()` says first that it is no longer needed: one
 * wait in the app's page (a control that never shows costs one round trip, not one per look),
 * raced against `done()`, which reads what this process already holds, every 50 ms.
 */
async function showsUnless(target: Locator, ms: number, done: () => boolean): Promise<boolean> {
  let settled = false;
  const shown = target
    .first()
    .waitFor({ state: "visible", timeout: ms })
    .then(
      () => true,
      () => false,
    );
  const notNeeded = (async () => {
    while (!settled && !done()) await new Promise((resolve) => setTimeout(resolve, 50));
    return false;
  })();
  const first = await Promise.race([shown, notNeeded]);
  settled = true;
  return first;
}

/** The gap before the next look, `waitedMs` into a wait for a control: 50 ms, up to 250 ms. */
export function pollGap(waitedMs: number): number {
  return Math.min(250, Math.max(50, Math.floor(waitedMs / 1_000) * 50));
}

/** How long `ifPresent` waits for a control to show. */
const IF_PRESENT_MS = 1_000;

/** The ANSI codes Playwright dims its call log with (built: Biome allows no ESC in a literal). */
const DIM = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, "g");

/** What a control's problem ends with when nothing matched it (what the app shows goes in it). */
const NONE_SHOWED = "(no such control showed)";

/** Lines of Playwright's call log that only say it is trying again. */
const RETRYING =
  /^(attempting |retrying |waiting \d+ms|waiting for element to be|element is visible, enabled and stable|scrolling into view|done scrolling)/;

/**
 * Why Playwright could not use a control, in a line: its error's first line, and what its call
 * log says last that is not a retry ("element is not enabled", "<div> intercepts pointer
 * events"), or that no such control showed at all.
 */
export function controlProblem(error: unknown): string {
  const first = errorText(error);
  let log: string[] = [];
  try {
    if (error instanceof Error)
      log = String(error.message).split("\nCall log:\n")[1]?.split("\n") ?? [];
  } catch {
    log = [];
  }
  const lines = log
    .map((line) =>
      line
        .replace(DIM, "")
        .trim()
        .replace(/^- /, "")
        .replace(/^\d+ × /, ""),
    )
    .filter((line) => line !== "" && !RETRYING.test(line));
  if (lines.length === 0) return first;
  if (!lines.some((line) => line.startsWith("locator resolved to")))
    return `${first} ${NONE_SHOWED}`;
  return `${first} (${cutKeepingEnd(lines.at(-1) ?? "", 160)})`;
}

/** How much of a long call-log line's end is kept: where Playwright says why ("… intercepts pointer events"). */
const REASON_CHARS = 60;

/**
 * A call-log line cut to about `max` characters in its middle: its start names the element, its
 * end says what is wrong with it (`<input …> from <div …> subtree intercepts pointer events`).
 */
function cutKeepingEnd(line: string, max: number): string {
  if (line.length <= max) return line;
  const head = max - REASON_CHARS;
  return `${line.slice(0, head)}… (${line.length - max} characters) …${line.slice(-REASON_CHARS)}`;
}

/** The app's own controls, as a test takes the user's steps on them (the `app` fixture). */
export interface AppSteps {
  /** Whether the actions file has controls for `step`. */
  maps(step: UserStep): boolean;
  /**
   * Takes the user's step on the app's controls, as the check does; throws, naming the control
   * and what went wrong, where one does not work. Resolves with whether any control was used (an
   * `ifPresent` one that never showed is not; a step declared "app" or "none" uses none).
   */
  do(step: UserStep): Promise<{ acted: boolean }>;
  /**
   * Makes the actions file's `reset` requests (the fixture makes them before each test that uses
   * `app`, as the check does before each scenario); throws where one fails.
   */
  reset(): Promise<void>;
}

/**
 * Why a log-in shows no control, most often: the app's backend still has its user signed in (by
 * init's look, or by the test before), and nothing signs it out between tests.
 */
const SIGNED_IN_ALREADY =
  'if the app\'s backend keeps its user across a reload (init signs in on it), map "reset" in the actions file to sign it out before each test';

/** `controls` as a test uses them: a step that does not work throws. */
export function appSteps(
  controls: Pick<AppControls, "maps" | "do" | "reset" | "resets">,
): AppSteps {
  return {
    maps: (step) => controls.maps(step),
    async do(step) {
      const { problem, acted } = await controls.do(step);
      if (
        problem &&
        step === "logIn" &&
        !controls.resets &&
        problem.includes(NONE_SHOWED.slice(0, -1))
      )
        throw new Error(`the step ${step} did not work: ${problem}; ${SIGNED_IN_ALREADY}`);
      if (problem) throw new Error(`the step ${step} did not work: ${problem}`);
      return { acted };
    },
    async reset() {
      const problem = await controls.reset();
      if (problem) throw new Error(`the actions file's reset did not work: ${problem}`);
    },
  };
}

export class AppControls {
  constructor(
    private readonly app: FrameLocator,
    private readonly actions: Actions,
    private readonly request: APIRequestContext,
    /** How long a control may take to show and be usable. */
    readonly controlTimeoutMs: number,
  ) {}

  /** Whether the actions file has controls for `step`. */
  maps(step: UserStep): boolean {
    return Array.isArray(this.actions[step]);
  }

  /** Whether the actions file makes requests to reset the app before each test or scenario. */
  get resets(): boolean {
    return (this.actions.reset?.length ?? 0) > 0;
  }

  /** What the actions file declares of `step`: done by the app, or absent; or nothing. */
  declared(step: UserStep): Declaration | undefined {
    const entry = this.actions[step];
    return typeof entry === "string" ? entry : undefined;
  }

  /** The step's controls (none for a step declared or left out). */
  private controls(step: UserStep): readonly Control[] {
    const entry = this.actions[step];
    return typeof entry === "string" ? [] : (entry ?? []);
  }

  /** The step's first control a person looks for: past those used only if present. */
  private firstControl(step: UserStep): PageControl | undefined {
    return this.controls(step).find((c): c is PageControl => !isRequest(c) && c.ifPresent !== true);
  }

  /** Whether the actions file says what shows when the app can take a call. */
  get hasReady(): boolean {
    return (this.actions.ready ?? []).length > 0;
  }

  /**
   * Waits until what the actions file's `ready` names shows (every control of it): the app can take
   * a call. Null when it did, else why not; `stop()` ends the wait early, when the answer no longer
   * matters.
   */
  async ready(stop: () => boolean = () => false): Promise<string | null> {
    for (const control of this.actions.ready ?? [])
      if (!(await visibleWithin(this.locate(control), this.controlTimeoutMs, stop)))
        return `the app's ready ${controlName(control)} did not show within ${(this.controlTimeoutMs / 1000).toLocaleString("en")} s`;
    return null;
  }

  /**
   * Takes the user's step on the app's controls: what went wrong, if anything, and whether any
   * control was used (an `ifPresent` one that never showed is not). `done()` says the step no
   * longer needs taking (the app did it by itself): no control is used after it, and an
   * `ifPresent` one is not waited for past it (an app that answers its outbound calls itself,
   * with an Answer shown for inbound ones only, would otherwise hold each call's answer a second).
   */
  do(
    step: UserStep,
    done: () => boolean = () => false,
  ): Promise<{ problem: string | null; acted: boolean }> {
    return this.run(this.controls(step), done);
  }

  /**
   * Whether the step's control shows within `timeoutMs` (looked for as `visibleWithin` does, until
   * `stop()` says the answer no longer matters): its first control a person looks for, past those
   * used only if present. A step of requests only is ready at once.
   */
  async shows(step: UserStep, timeoutMs: number, stop: () => boolean): Promise<boolean> {
    const first = this.firstControl(step);
    if (!first) return true;
    return visibleWithin(this.locate(first), timeoutMs, stop);
  }

  /**
   * Whether the app's frame shows anything a person could read or use: an app that crashed or
   * unmounted itself (React does, after an uncaught error in rendering) shows nothing, and no
   * control can come.
   */
  async showsAnything(): Promise<boolean> {
    try {
      // biome-ignore lint/performance/useDomNodeTextContent: what a person sees (rendered text), not the text of hidden nodes.
      const text = await this.app.locator("body").innerText({ timeout: 1_000 });
      if (text.trim() !== "") return true;
      const seen = this.app.locator(
        "button, input, select, textarea, a[href], [role], img, canvas, iframe",
      );
      return await seen.first().isVisible();
    } catch {
      return false;
    }
  }

  /** The actions file's `reset`, before a scenario: null when there is none or it worked. */
  async reset(): Promise<string | null> {
    return (await this.run(this.actions.reset ?? [])).problem;
  }

  private async run(
    controls: readonly Control[],
    done: () => boolean = () => false,
  ): Promise<{ problem: string | null; acted: boolean }> {
    let acted = false;
    // A panel's toggle not clicked because its next control showed already: said with a failure
    // after it (a panel kept in the page while closed shows its controls, covered).
    let takenAsOpen: string | null = null;
    for (const [i, control] of controls.entries()) {
      if (done()) break;
      try {
        if (isRequest(control)) {
          const problem = await this.send(control);
          if (problem) return { problem, acted };
          acted = true;
          continue;
        }
        const target = this.locate(control);
        if (control.ifPresent && !(await showsUnless(target, IF_PRESENT_MS, done))) continue;
        const open = control.opens ? await this.openBy(target, controls[i + 1]) : null;
        if (open === "next")
          takenAsOpen = `${controlName(control)} was not clicked, its panel taken as open as the next control showed: leave "opens" out if it was closed`;
        if (open) continue;
        if (control.fill === undefined) await target.click({ timeout: this.controlTimeoutMs });
        else await target.fill(control.fill, { timeout: this.controlTimeoutMs });
        // Filling a field alone does not make the step: a click or a request must follow.
        if (control.fill === undefined) acted = true;
      } catch (error) {
        const problem = controlProblem(error);
        const said = isRequest(control) ? problem : await this.shownInstead(control, problem);
        const why = `${controlName(control)}: ${said}`;
        return { problem: takenAsOpen ? `${why}; ${takenAsOpen}` : why, acted };
      }
    }
    return { problem: null, acted };
  }

  /**
   * A panel is open when its toggle says so, or the control that comes next already shows: which
   * of the two, or null when it is closed.
   */
  private async openBy(
    toggle: Locator,
    next: Control | undefined,
  ): Promise<"toggle" | "next" | null> {
    await toggle.waitFor({ state: "visible", timeout: this.controlTimeoutMs });
    if ((await toggle.getAttribute("aria-expanded")) === "true") return "toggle";
    if (next === undefined || isRequest(next)) return null;
    return (await this.locate(next).isVisible()) ? "next" : null;
  }

  private async send(control: RequestControl): Promise<string | null> {
    const response = await this.request.fetch(control.request, {
      method: control.method ?? "POST",
      ...(control.body === undefined
        ? {}
        : { data: control.body, headers: { "content-type": "application/json" } }),
      timeout: this.controlTimeoutMs,
      failOnStatusCode: false,
    });
    return response.status() < 400 ? null : `${controlName(control)} answered ${response.status()}`;
  }

  /**
   * Where the step's first control (the one `shows` looks for) did not show: that control, and
   * what the app shows of its role instead, nearest name first (`button "Sign In"; shown as
   * button: "Sign in"`); null for a step without such a control.
   */
  async shownInsteadOf(step: UserStep): Promise<string | null> {
    const first = this.firstControl(step);
    if (!first) return null;
    const instead = await this.shownFor(first);
    return instead ? `${controlName(first)}; ${instead}` : controlName(first);
  }

  /**
   * `problem`, and where no control of a role showed, what the app shows of that role instead.
   */
  private async shownInstead(control: PageControl, problem: string): Promise<string> {
    if (!problem.endsWith(NONE_SHOWED)) return problem;
    const instead = await this.shownFor(control);
    return instead ? `${problem.slice(0, -1)}; ${instead})` : problem;
  }

  /**
   * What the app shows of `control`'s role, nearest name first, from its accessibility snapshot
   * (read once the wait is over, a second at most); null for a control found by label or text,
   * or a frame that gave no snapshot.
   */
  private async shownFor(control: PageControl): Promise<string | null> {
    if (!("role" in control)) return null;
    const snapshot = await this.scopeOf(control)
      .locator("body")
      .ariaSnapshot({ timeout: 1_000 })
      .catch(() => null);
    return snapshot === null ? null : nearestShown(control.role, control.name, shownIn(snapshot));
  }

  /** The app's frame, or the frame nested in it where the control is. */
  private scopeOf(control: PageControl): FrameLocator {
    let scope = this.app;
    for (const selector of control.frame ?? []) scope = scope.frameLocator(selector);
    return scope;
  }

  private locate(control: PageControl): Locator {
    const scope = this.scopeOf(control);
    const exact = control.exact === undefined ? {} : { exact: control.exact };
    const found =
      "role" in control
        ? scope.getByRole(control.role, {
            ...(control.name === undefined ? {} : { name: control.name }),
            ...exact,
          })
        : "label" in control
          ? scope.getByLabel(control.label, exact)
          : scope.getByText(control.text, exact);
    return control.nth === undefined ? found : found.nth(control.nth);
  }
}
