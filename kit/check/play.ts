/**
 * Plays a plan (a scenario's steps, or a recorded session's) on the stand-in and the app, and
 * keeps what each step did for the judge. HubSpot's steps are always taken. A user's step is taken
 * only where the app has not already done what it brings: after the app has been quiet for a
 * moment (its chance to act by itself), the trace is read; LOGGED_IN already came → no log in, the
 * call already started after DIAL_NUMBER → no dial. A step the app did is "done by the app". A
 * step ends when what it brings is in the trace, or its time is up. A step that fails stops the
 * plan: what follows would only repeat it.
 */

import { isRecord } from "../../common/guards";
import { MESSAGE } from "../../common/protocol";
import type { SessionEvent } from "../../common/session";
import {
  brings,
  type HubSpotStep,
  type PlannedStep,
  stepName,
  USER_STEP_TABLE,
  type UserStep,
} from "../../common/steps";
import { errorText } from "../../common/text";
import { happened, isApp, isHubSpot } from "../contract/calls";
import type { AppControls } from "../driver/appControls";
import { internals, type StandIn, type StandInInternals } from "../driver/standIn";
import type { PlayedStep } from "./plan";

export interface PlayOptions {
  readonly stepTimeoutMs: number;
  /** How long the app must be silent before the check reads what it did by itself. */
  readonly quietMs: number;
}

export interface Played {
  readonly steps: PlayedStep[];
  /** Why the scenario was skipped: a step it needs has no control and the app did not do it. */
  readonly skipped?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toLocaleString("en")} s`;

/** The app's messages after position `from` have `types` in this order (others may come between). */
function cameInOrder(types: readonly string[], from: number) {
  return (trace: readonly SessionEvent[]) => {
    let next = 0;
    for (const event of trace.slice(from + 1))
      if (isApp(event) && event.type === types[next]) next++;
    return next >= types.length;
  };
}

export async function play(
  driven: StandIn,
  app: AppControls,
  plan: readonly PlannedStep[],
  options: PlayOptions,
  recorded?: (index: number) => PlayedStep["recorded"],
): Promise<Played> {
  const standIn = internals(driven);
  const steps: PlayedStep[] = [];
  let stopped = false;
  let skipped: string | undefined;
  for (const [i, planned] of plan.entries()) {
    const replayed = recorded?.(i);
    const base = { name: stepName(planned.step), ...(replayed ? { recorded: replayed } : {}) };
    if (stopped) {
      steps.push({ ...base, during: null, outcome: "not run", problems: [], ms: 0 });
      continue;
    }
    const { step } = planned;
    const played =
      step.by === "hubspot"
        ? await playHubSpotStep(standIn, step.step, planned.expect, options)
        : await playUserStep(standIn, app, step.step, step.optional === true, options);
    steps.push({ ...base, ...played.step });
    stopped = played.stop;
    if (played.skips) skipped = played.step.note;
  }
  // Whatever the last steps set off (a second CALL_ENDED, a late error) still counts.
  await standIn.evidence.quiet(options.quietMs, options.stepTimeoutMs);
  return { steps, ...(skipped ? { skipped } : {}) };
}

type StepPlayed = Omit<PlayedStep, "name" | "recorded">;

interface Outcome {
  readonly step: StepPlayed;
  /** What follows is not run: it would only repeat this step's failure. */
  readonly stop: boolean;
  /** The scenario is skipped (the step's note says why). */
  readonly skips?: boolean;
}

/** HubSpot's step, then the app's messages it should bring, in order. */
async function playHubSpotStep(
  standIn: StandInInternals,
  step: HubSpotStep,
  expect: PlannedStep["expect"],
  options: PlayOptions,
): Promise<Outcome> {
  const started = Date.now();
  const from = standIn.evidence.position;
  const { during, problem } = await standIn.perform({ by: "hubspot", step }).catch((error) => ({
    during: null,
    problem: errorText(error),
  }));
  const problems = problem ? [problem] : [];
  const types = expect.map((e) => e.type);
  if (!problem && types.length > 0) {
    const came = await standIn.evidence.until(cameInOrder(types, from), options.stepTimeoutMs);
    if (!came)
      problems.push(
        `no ${types.join(", ")} from the app within ${options.stepTimeoutMs.toLocaleString("en")} ms`,
      );
  }
  return {
    step: {
      during,
      outcome: "done",
      problems,
      ms: Date.now() - started,
      ...(step.kind === "post" ? { raw: !isEnvelope(step.value) } : {}),
      ...clickOn(step),
    },
    stop: problems.length > 0,
  };
}

/**
 * Whether the app could still take `step` by itself while its control shows too: a click-to-call
 * app dials on DIAL_NUMBER within milliseconds, and may keep its Dial button. Only there does the
 * check give the app a quiet moment first; elsewhere a step waits for whichever comes first, the
 * app doing it or its control showing.
 */
function invited(step: UserStep, trace: readonly SessionEvent[]): boolean {
  if (step !== "dial") return false;
  const dialled = trace.findLastIndex((e) => isHubSpot(e) && e.type === MESSAGE.DIAL_NUMBER);
  const started = trace.findLastIndex((e) => isApp(e) && e.type === MESSAGE.OUTGOING_CALL_STARTED);
  return dialled > started;
}

/**
 * The user's step, taken only where the app has not done what it brings: at once if it already
 * has; else as soon as either comes, the app doing it by itself or its control showing (then
 * used, and what it brings waited for).
 */
async function playUserStep(
  standIn: StandInInternals,
  app: AppControls,
  step: UserStep,
  optional: boolean,
  options: PlayOptions,
): Promise<Outcome> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  const starts = step === "incomingCall" ? { starts: "INBOUND" as const } : {};
  const isDone = (trace: readonly SessionEvent[]) => happened(step, trace);
  if (invited(step, standIn.evidence.events()))
    await standIn.evidence.quiet(options.quietMs, options.stepTimeoutMs);
  if (isDone(standIn.evidence.events())) {
    const during = await standIn.note(step);
    const note = `the app had already done it: ${brings(step)} came before the step`;
    return {
      step: { ...starts, during, outcome: "done by the app", note, problems: [], ms: 0 },
      stop: false,
    };
  }
  const during = await standIn.note(step);
  const byApp = (note: string): Outcome => ({
    step: { ...starts, during, outcome: "done by the app", note, problems: [], ms: ms() },
    stop: false,
  });
  if (app.maps(step)) {
    const first = await firstOf(standIn, app, step, isDone, app.controlTimeoutMs);
    if (first === "app")
      return byApp(`the app did it by itself: ${brings(step)} came before its control showed`);
    if (first === "control") {
      const outcome = await used(standIn, app, step, optional, options, during, started);
      if (outcome) return outcome;
    }
  }
  // No control to use (none mapped, or none showing): an optional step is not needed; one the
  // scenario needs may still come from the app (the network answers, a backend logs in).
  const came = optional ? false : await standIn.evidence.until(isDone, options.stepTimeoutMs);
  const how = app.maps(step) ? `no control for ${step} showed` : `the actions file maps no ${step}`;
  if (came) return byApp(`${how}; the app did it by itself`);
  const why = `${how}, and the app did not ${USER_STEP_TABLE[step].verb} by itself${optional ? "" : ` within ${seconds(options.stepTimeoutMs)}`}`;
  return {
    step: { during, outcome: "skipped", note: why, problems: [], ms: ms() },
    stop: !optional,
    skips: !optional,
  };
}

/** Whichever comes first: the app doing `step` by itself, or its control showing; or neither. */
async function firstOf(
  standIn: StandInInternals,
  app: AppControls,
  step: UserStep,
  isDone: (trace: readonly SessionEvent[]) => boolean,
  timeoutMs: number,
): Promise<"app" | "control" | "neither"> {
  let settled = false;
  const done = standIn.evidence.until(isDone, timeoutMs).then((came) => (came ? "app" : "neither"));
  const shows = app
    .shows(step, timeoutMs, () => settled)
    .then((shown) => (shown ? "control" : "neither"));
  const first = await Promise.race([done, shows]);
  settled = true;
  if (first !== "neither") return first;
  // One gave up: the other may still come within the time left.
  return (await Promise.all([done, shows])).find((r) => r !== "neither") ?? "neither";
}

/**
 * The step's controls used, then what the step brings waited for; null when none was used (an
 * `ifPresent` control that never showed), and the step is still the app's to take.
 */
async function used(
  standIn: StandInInternals,
  app: AppControls,
  step: UserStep,
  optional: boolean,
  options: PlayOptions,
  during: number,
  started: number,
): Promise<Outcome | null> {
  const starts = step === "incomingCall" ? { starts: "INBOUND" as const } : {};
  const { problem, acted } = await app.do(step);
  const ms = () => Date.now() - started;
  if (problem)
    return {
      step: { ...starts, during, outcome: "done", problems: [problem], ms: ms() },
      stop: true,
    };
  if (!acted) return null;
  const came = await standIn.evidence.until((t) => happened(step, t), options.stepTimeoutMs);
  if (came || !optional) {
    const problems = came
      ? []
      : [`no ${brings(step)} from the app within ${options.stepTimeoutMs.toLocaleString("en")} ms`];
    return {
      step: { ...starts, during, outcome: "done", problems, ms: ms() },
      stop: !came,
    };
  }
  const note = `no ${brings(step)} came: the call went on without it`;
  return { step: { during, outcome: "skipped", note, problems: [], ms: ms() }, stop: false };
}

/**
 * HubSpot's user clicking Call: its Call button, or its DIAL_NUMBER replayed as it was sent with a
 * phone number (a hostile payload sent in its place is no click, and brings no call).
 */
function clickOn(step: HubSpotStep): Pick<PlayedStep, "starts" | "phone"> {
  if (step.kind === "call") return { starts: "OUTBOUND", phone: step.phone };
  if (step.kind !== "send" || step.type !== MESSAGE.DIAL_NUMBER) return {};
  const phone = isRecord(step.data) ? step.data.phoneNumber : undefined;
  return typeof phone === "string" && /^\+?[\d\s().-]{6,32}$/.test(phone)
    ? { starts: "OUTBOUND", phone }
    : {};
}

/** An object with a string `type`: what the SDK's listener takes apart without throwing. */
function isEnvelope(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === "string"
  );
}
