/**
 * One of HubSpot's scenarios, run as the check runs it, from inside any Playwright test: in a
 * browser context of its own (a fresh profile, as every scenario starts), on the stand-in at
 * `standInUrl`, with the app's controls from the actions file. The check's own spec runs its
 * scenarios through here, and so can a team's tests (the fixture's `scenarios.run`).
 */
import type { Browser, LaunchOptions } from "@playwright/test";
import { type FrameLocation, MESSAGE } from "../../common/protocol";
import type { Session } from "../../common/session";
import type { PlannedStep } from "../../common/steps";
import type { Actions } from "../driver/actions";
import { AppControls } from "../driver/appControls";
import { StandIn } from "../driver/standIn";
import type { Plan } from "./plan";
import { checkSession, replayScenario } from "./replay";
import type { ScenarioResult } from "./result";
import { runScenario } from "./scenario";
import { type Quirk, SCENARIO_IDS, SCENARIOS, SECURITY } from "./scenarios";
import { runSecurity } from "./securityScenario";

export interface ScenarioOptions {
  /** The app to frame (as HubSpot would load it). */
  readonly app: string;
  readonly location?: FrameLocation;
  /** The SYNC's `usesCallingWindow`. */
  readonly callingWindow?: boolean;
  /** How long the app must be silent before the check reads what it did by itself (200 ms). */
  readonly quietMs?: number;
  /**
   * HubSpot's quirks to play from the start: `engagementCreated` sends the deprecated
   * ENGAGEMENT_CREATED after CREATE_ENGAGEMENT_SUCCEEDED, as a HubSpot that still sends both.
   */
  readonly quirks?: readonly Quirk[];
}

/** `plan`, with HubSpot's quirks switched on before its first step. */
function withQuirks(plan: Plan, quirks: readonly Quirk[]): Plan {
  if (quirks.length === 0) return plan;
  const on = quirks.map(
    (fault): PlannedStep => ({
      step: { by: "hubspot", step: { kind: "fault", fault, on: true } },
      expect: [],
    }),
  );
  return { ...plan, steps: [...on, ...plan.steps] };
}

export interface RunContext {
  readonly browser: Browser;
  /** How `browser` was launched: the security scenario launches one more browser so. */
  readonly launchOptions: LaunchOptions;
  readonly standInUrl: string;
  readonly actions: Actions;
  /** How long a step waits for the app's messages; the handshake and a control wait three times as long. */
  readonly stepTimeoutMs: number;
}

/** What the check's quiet wait is unless told: long enough for an app that dials on DIAL_NUMBER. */
export const DEFAULT_QUIET_MS = 200;

/** A scenario by its id, as a plan (every scenario but `security`, which is not a list of steps). */
export function planOf(id: string): Plan | undefined {
  const scenario = SCENARIOS.find((s) => s.id === id);
  return scenario && { ...scenario, opening: [{ type: MESSAGE.INITIALIZED }] };
}

/**
 * Runs `plan` in a new context of `run.browser`; resolves with the result and the session the
 * stand-in recorded (to attach, or to save for a replay).
 */
export async function runPlan(
  run: RunContext,
  plan: Plan,
  options: ScenarioOptions,
): Promise<{ result: ScenarioResult; session: Session | null }> {
  const context = await run.browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1400, height: 900 },
  });
  try {
    const page = await context.newPage();
    const standIn = await StandIn.on(page, run.standInUrl);
    // A control gets as long as the handshake: on a loaded machine (a CI runner, a test suite
    // beside it) a Log in once took over 5 s to be clickable. Only a control that never comes
    // waits it out.
    const controlMs = run.stepTimeoutMs * 3;
    const app = new AppControls(standIn.app, run.actions, context.request, controlMs);
    const result = await runScenario(standIn, app, withQuirks(plan, options.quirks ?? []), {
      app: options.app,
      location: options.location ?? "widget",
      callingWindow: options.callingWindow ?? false,
      stepTimeoutMs: run.stepTimeoutMs,
      handshakeTimeoutMs: run.stepTimeoutMs * 3,
      quietMs: options.quietMs ?? DEFAULT_QUIET_MS,
    });
    const session = await standIn.session().catch(() => null);
    return { result, session };
  } finally {
    await context.close();
  }
}

/** A scenario's result, and the session the stand-in recorded (none for `security`). */
export type ScenarioRun = ScenarioResult & { readonly session: Session | null };

/** Runs the scenario `id` (see `SCENARIO_IDS`); throws on an id that names none. */
export async function runScenarioById(
  run: RunContext,
  id: string,
  options: ScenarioOptions,
): Promise<ScenarioRun> {
  if (id === SECURITY.id) {
    const result = await runSecurity(run.browser, run.launchOptions, {
      app: options.app,
      standIn: run.standInUrl,
      handshakeTimeoutMs: run.stepTimeoutMs * 3,
      stepTimeoutMs: run.stepTimeoutMs,
    });
    return { ...result, session: null };
  }
  const plan = planOf(id);
  if (!plan) throw new Error(`no scenario ${id} (the scenarios: ${SCENARIO_IDS.join(", ")})`);
  const { result, session } = await runPlan(run, plan, options);
  return { ...result, session };
}

/**
 * Replays a recorded session (a value parsed from its JSON) on the app it names, or `options.app`:
 * HubSpot's and the user's steps again, and where the app's messages differ from the recording's.
 * Throws saying why a value is no session.
 */
export async function runReplay(
  run: RunContext,
  value: unknown,
  options: Partial<ScenarioOptions>,
): Promise<ScenarioRun> {
  const checked = checkSession(value);
  if ("error" in checked) throw new Error(`not a session to replay: ${checked.error}`);
  const app = options.app ?? checked.session.app;
  if (!app.startsWith("https://")) throw new Error("the session names no https:// app: give app");
  const plan = replayScenario(checked.session, checked.session.app || "a session");
  const { result, session } = await runPlan(run, plan, { ...options, app });
  return { ...result, session };
}

/** The longest a scenario may take: its handshake, then each step's wait and a little more. */
export function scenarioBudgetMs(plan: Pick<Plan, "steps">, stepTimeoutMs: number): number {
  return stepTimeoutMs * 3 + (plan.steps.length + 2) * (stepTimeoutMs + 2_000);
}
