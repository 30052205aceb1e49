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
import type { HubSpotStep, PlannedStep, UserStep } from "../../common/steps";
import { stepName } from "../../common/steps";
import { errorText } from "../../common/text";
import type { AppControls } from "./appControls";
import type { PlayedStep } from "./judge";
import type { StandIn } from "./standIn";
import { BRINGS, happened, isApp, type TraceEvent } from "./trace";

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

/** What the user does, as a sentence ends: "the app did not log in by itself". */
const VERBS: Readonly<Record<UserStep, string>> = {
  logIn: "log in",
  logOut: "log out",
  available: "make its user available",
  dial: "dial",
  incomingCall: "take an incoming call",
  answer: "answer",
  end: "end the call",
  complete: "complete the call",
};

/** The app's messages after position `from` have `types` in this order (others may come between). */
function cameInOrder(types: readonly string[], from: number) {
  return (trace: readonly TraceEvent[]) => {
    let next = 0;
    for (const event of trace.slice(from + 1))
      if (isApp(event) && event.type === types[next]) next++;
    return next >= types.length;
  };
}

export async function play(
  standIn: StandIn,
  app: AppControls,
  plan: readonly PlannedStep[],
  options: PlayOptions,
  recorded?: (index: number) => PlayedStep["recorded"],
): Promise<Played> {
  const steps: PlayedStep[] = [];
  let stopped = false;
  let skipped: string | undefined;
  for (const [i, planned] of plan.entries()) {
    const name = stepName(planned.step);
    const replayed = recorded?.(i);
    const base = { name, ...(replayed ? { recorded: replayed } : {}) };
    if (stopped) {
      steps.push({ ...base, during: null, outcome: "not run", problems: [], ms: 0 });
      continue;
    }
    const started = Date.now();
    const ms = () => Date.now() - started;
    const { step } = planned;
    if (step.by === "hubspot") {
      const s = step.step;
      const from = standIn.position;
      const { during, problem } = await standIn.perform(step).catch((error) => ({
        during: null,
        problem: errorText(error),
      }));
      const problems = problem ? [problem] : [];
      const types = planned.expect.map((e) => e.type);
      if (!problem && types.length > 0) {
        const came = await standIn.until(cameInOrder(types, from), options.stepTimeoutMs);
        if (!came)
          problems.push(
            `no ${types.join(", ")} from the app within ${options.stepTimeoutMs.toLocaleString("en")} ms`,
          );
      }
      steps.push({
        ...base,
        during,
        outcome: "done",
        problems,
        ms: ms(),
        ...(s.kind === "post" ? { raw: !isEnvelope(s.value) } : {}),
        ...clickOn(s),
      });
      stopped = problems.length > 0;
      continue;
    }
    const userStep = step.step;
    const brings = userStep === "incomingCall" ? { brings: "INBOUND" as const } : {};
    // The app's chance to do it by itself: a click-to-call app dials on DIAL_NUMBER, at once.
    await standIn.quiet(options.quietMs, options.stepTimeoutMs);
    const isDone = (trace: readonly TraceEvent[]) => happened(userStep, trace);
    if (isDone(standIn.events())) {
      const during = await standIn.note(userStep);
      steps.push({
        ...base,
        ...brings,
        during,
        outcome: "done by the app",
        note: `the app had already done it: ${BRINGS[userStep]} came before the step`,
        problems: [],
        ms: 0,
      });
      continue;
    }
    const optional = step.optional === true;
    const during = await standIn.note(userStep);
    const { problem, acted } = app.maps(userStep)
      ? await app.do(userStep)
      : { problem: null, acted: false };
    if (problem) {
      steps.push({ ...base, ...brings, during, outcome: "done", problems: [problem], ms: ms() });
      stopped = true;
      continue;
    }
    if (acted) {
      const came = await standIn.until(isDone, options.stepTimeoutMs);
      if (came || !optional) {
        const problems = came
          ? []
          : [
              `no ${BRINGS[userStep]} from the app within ${options.stepTimeoutMs.toLocaleString("en")} ms`,
            ];
        steps.push({ ...base, ...brings, during, outcome: "done", problems, ms: ms() });
        stopped = !came;
      } else {
        const note = `no ${BRINGS[userStep]} came: the call went on without it`;
        steps.push({ ...base, during, outcome: "skipped", note, problems: [], ms: ms() });
      }
      continue;
    }
    // No control to use (none mapped, or none showing): an optional step is not needed; one the
    // scenario needs may still come from the app (the network answers, a backend logs in).
    const came = optional ? false : await standIn.until(isDone, options.stepTimeoutMs);
    const how = app.maps(userStep)
      ? `no control for ${userStep} showed`
      : `the actions file maps no ${userStep}`;
    if (came) {
      const note = `${how}; the app did it by itself`;
      steps.push({
        ...base,
        ...brings,
        during,
        outcome: "done by the app",
        note,
        problems: [],
        ms: ms(),
      });
      continue;
    }
    const why = `${how}, and the app did not ${VERBS[userStep]} by itself${optional ? "" : ` within ${seconds(options.stepTimeoutMs)}`}`;
    steps.push({ ...base, during, outcome: "skipped", note: why, problems: [], ms: ms() });
    if (!optional) {
      skipped = why;
      stopped = true;
    }
  }
  // Whatever the last steps set off (a second CALL_ENDED, a late error) still counts.
  await standIn.quiet(options.quietMs, options.stepTimeoutMs);
  return { steps, ...(skipped ? { skipped } : {}) };
}

/**
 * HubSpot's user clicking Call: its Call button, or its DIAL_NUMBER replayed as it was sent with a
 * phone number (a hostile payload sent in its place is no click, and brings no call).
 */
function clickOn(step: HubSpotStep): Pick<PlayedStep, "brings" | "phone"> {
  if (step.kind === "call") return { brings: "OUTBOUND", phone: step.phone };
  if (step.kind !== "send" || step.type !== "DIAL_NUMBER") return {};
  const phone = isRecord(step.data) ? step.data.phoneNumber : undefined;
  return typeof phone === "string" && /^\+?[\d\s().-]{6,32}$/.test(phone)
    ? { brings: "OUTBOUND", phone }
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
