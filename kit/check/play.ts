/**
 * Plays a plan (a scenario's steps, or a recorded session's) on the stand-in and the app, and
 * keeps what each step did for the judge. HubSpot's steps are always taken. A user's step is taken
 * only where the app has not done what it brings: at once if it already has; else as soon as
 * either comes, the app doing it by itself or its control showing (then used, and what it brings
 * waited for). The actions file may declare a step the app's own ("app": only waited for) or
 * absent ("none": not taken). A step ends when what it brings is in the trace, or its time is up.
 *
 * What a person would do, the check does: where an app is slow to be ready and ignores HubSpot's
 * DIAL_NUMBER, HubSpot's user clicks Call again, once (said as a warning; ignored twice fails);
 * where the actions file names what shows when the app is ready, that is waited for after log-in
 * and after a reload. A step that fails stops the plan (what follows would only repeat it), and so
 * does one the rest cannot do without (no log-in, no call): the scenario is then judged on what
 * happened, and skipped only where no call ever started.
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
import { abandoned, calls, finished, happened, isApp, isHubSpot } from "../contract/calls";
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
  /** Why the scenario was skipped: nothing in it could be judged, and what would let it run. */
  readonly skipped?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toLocaleString("en")} s`;
const millis = (ms: number) => `${ms.toLocaleString("en")} ms`;

/** Steps on a call in progress: nothing to take once the app has let its call go. */
const ON_A_CALL: readonly UserStep[] = ["answer", "end", "complete"];

/** Steps without which the rest of a scenario cannot run: no log-in, no call. */
const NEEDED: readonly UserStep[] = ["logIn", "dial", "incomingCall"];

/** The app's messages after position `from` have `types` in this order (others may come between). */
function cameInOrder(types: readonly string[], from: number) {
  return (trace: readonly SessionEvent[]) => {
    let next = 0;
    for (const event of trace.slice(from + 1))
      if (isApp(event) && event.type === types[next]) next++;
    return next >= types.length;
  };
}

type StepPlayed = Omit<PlayedStep, "name" | "recorded">;

interface Outcome {
  readonly step: StepPlayed;
  /** What follows is not run: it would only repeat this step's failure, or cannot run without it. */
  readonly stop: boolean;
  /** Why the scenario cannot run without this step, if nothing in it could be judged. */
  readonly blocks?: string;
  /** The app's frame showed nothing: no second Call will bring it back. */
  readonly gone?: boolean;
}

interface Context {
  readonly standIn: StandInInternals;
  readonly app: AppControls;
  readonly options: PlayOptions;
}

export async function play(
  driven: StandIn,
  app: AppControls,
  plan: readonly PlannedStep[],
  options: PlayOptions,
  recorded?: (index: number) => PlayedStep["recorded"],
): Promise<Played> {
  const context: Context = { standIn: internals(driven), app, options };
  const steps: PlayedStep[] = [];
  let stopped = false;
  let blocked: string | undefined;
  for (const [i, planned] of plan.entries()) {
    const replayed = recorded?.(i);
    const base = { name: stepName(planned.step), ...(replayed ? { recorded: replayed } : {}) };
    if (stopped) {
      steps.push({ ...base, during: null, outcome: "not run", problems: [], ms: 0 });
      continue;
    }
    const { step } = planned;
    const outcomes =
      step.by === "hubspot"
        ? [await playHubSpotStep(context, step.step, planned.expect)]
        : await playUserStepAgain(context, step.step, step.optional === true, plan[i - 1], steps);
    for (const [k, outcome] of outcomes.entries()) {
      // The dial again after the second Call (k 2), and that Call (k 1), are named for what they are.
      const name =
        k === 0 ? base.name : k === 1 ? stepName(plan[i - 1]?.step ?? step) : `${base.name} again`;
      const user = step.by === "user" && k !== 1 ? { user: step.step } : {};
      steps.push({ ...base, name, ...user, ...outcome.step });
      stopped ||= outcome.stop;
      blocked ??= outcome.blocks;
    }
  }
  // Whatever the last steps set off (a second CALL_ENDED, a late error) still counts.
  await context.standIn.evidence.quiet(options.quietMs, options.stepTimeoutMs);
  const started = calls(context.standIn.evidence.events()).length > 0;
  return { steps, ...(blocked && !started ? { skipped: blocked } : {}) };
}

/** The SDK's event handler where an app answers a message HubSpot sends on its own initiative. */
const HANDLERS: Readonly<Record<string, string>> = {
  [MESSAGE.END_CALL]: "onEndCall: end the call there and send CALL_ENDED (callEnded)",
};

/** Where the app should have answered HubSpot's step, said after what did not come. */
export function handledBy(step: HubSpotStep): string {
  const handler = step.kind === "send" ? HANDLERS[step.type] : undefined;
  return handler ? ` (the SDK's ${handler})` : "";
}

/** HubSpot's step, then the app's messages it should bring, in order. */
async function playHubSpotStep(
  { standIn, app, options }: Context,
  step: HubSpotStep,
  expect: PlannedStep["expect"],
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
        `no ${types.join(", ")} from the app within ${millis(options.stepTimeoutMs)}${handledBy(step)}`,
      );
  }
  // After a reload between calls the app is ready again only once what the actions file names
  // shows. Not mid-call (it shows its call, not that it can take one), nor once it came back
  // logged out (it will not show): the call's fate is then the judge's to say.
  if (!problem && step.kind === "reload" && app.hasReady && !inCall(standIn.evidence.events())) {
    const loggedOut = () => cameBackLoggedOut(standIn.evidence.events().slice(from));
    const notReady = await app.ready(loggedOut);
    if (notReady && !loggedOut()) problems.push(notReady);
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
 * The user's step; a dial that brought no call after HubSpot's Call (the app ignored DIAL_NUMBER:
 * not ready yet) is taken again after a second Call, as HubSpot's user would click it again.
 * Returns the outcomes in order: the step, or the step, the second Call and the step again.
 */
async function playUserStepAgain(
  context: Context,
  step: UserStep,
  optional: boolean,
  before: PlannedStep | undefined,
  played: PlayedStep[],
): Promise<Outcome[]> {
  const first = await playUserStep(context, step, optional);
  const call = before?.step.by === "hubspot" ? before.step.step : undefined;
  const clicked = played.at(-1);
  if (step !== "dial" || call?.kind !== "call" || !clicked || !ignoredDial(context, first))
    return [first];
  const evidence = context.standIn.evidence;
  const gap = dialAfterLogIn(evidence.events());
  // The first click brought no call: it is not one the app must answer for.
  played[played.length - 1] = {
    ...withoutStart(clicked),
    note: "the app ignored this DIAL_NUMBER: HubSpot's user clicked Call again",
  };
  const ignored = {
    ...first,
    step: {
      ...first.step,
      outcome: "skipped" as const,
      problems: [],
      note: `no ${MESSAGE.OUTGOING_CALL_STARTED}: the app ignored HubSpot's DIAL_NUMBER`,
    },
    stop: false,
    blocks: undefined,
  };
  const again = await playHubSpotStep(context, call, []);
  const warning = `DIAL_NUMBER ignored${gap === null ? "" : ` ${millis(gap)} after LOGGED_IN`}; the second Call was taken`;
  const second = {
    ...again,
    step: { ...again.step, warnings: [warning] },
  };
  const retried = await playUserStep(context, step, optional);
  if (!ignoredDial(context, retried)) return [ignored, second, retried];
  const twice = `DIAL_NUMBER ignored twice: no ${MESSAGE.OUTGOING_CALL_STARTED} after either Call (${whyIgnored(evidence.events())})`;
  return [
    ignored,
    second,
    { step: { ...retried.step, outcome: "done", problems: [twice] }, stop: true },
  ];
}

/**
 * Why an app may ignore HubSpot's Call twice, from the trace: a call of its own it still holds
 * (never completed, nor let go: an app shows it and takes no new one, which is what unmapped end
 * and complete steps leave), else an app not ready to call yet.
 */
export function whyIgnored(trace: readonly SessionEvent[]): string {
  const last = calls(trace).at(-1);
  if (last && !finished(last) && !abandoned(last, trace))
    return `the app still holds its last call, never ${last.messages.some((m) => m.type === MESSAGE.CALL_ENDED) ? "completed" : "ended"}: an app takes no new call while it shows one; map end and complete to its controls, or declare them "app"`;
  return 'an app that is not ready to call yet: name what shows when it is, as "ready" in the actions file';
}

/** The dial step brought no call (its control was used, or the app was waited for, in vain). */
function ignoredDial({ standIn }: Context, outcome: Outcome): boolean {
  if (outcome.gone || outcome.step.outcome === "done by the app") return false;
  return !happened("dial", standIn.evidence.events());
}

const withoutStart = ({ starts: _, phone: __, ...step }: PlayedStep): PlayedStep => step;

/** How long after the app's last LOGGED_IN HubSpot's last DIAL_NUMBER came (the stand-in's clock). */
function dialAfterLogIn(trace: readonly SessionEvent[]): number | null {
  const dial = trace.findLast((e) => isHubSpot(e) && e.type === MESSAGE.DIAL_NUMBER);
  const logIn = trace.findLast((e) => isApp(e) && e.type === MESSAGE.LOGGED_IN);
  return dial && logIn ? Math.round(dial.at - logIn.at) : null;
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

/** The user's step, by what the actions file says of it: its controls, "app", "none", or nothing. */
async function playUserStep(context: Context, step: UserStep, optional: boolean): Promise<Outcome> {
  const { standIn, app, options } = context;
  const started = Date.now();
  const starts = step === "incomingCall" ? { starts: "INBOUND" as const } : {};
  const isDone = (trace: readonly SessionEvent[]) => happened(step, trace);
  const declared = app.declared(step);
  const early = await notTaken(context, step);
  if (early) return early;
  if (invited(step, standIn.evidence.events()))
    await standIn.evidence.quiet(options.quietMs, options.stepTimeoutMs);
  if (isDone(standIn.evidence.events())) {
    const during = await standIn.note(step);
    const note = `the app had already done it: ${brings(step)} came before the step`;
    const outcome = await afterLogIn(context, step, { during, ms: 0 });
    return (
      outcome ?? {
        step: { ...starts, during, outcome: "done by the app", note, problems: [], ms: 0 },
        stop: false,
      }
    );
  }
  const during = await standIn.note(step);
  const ms = () => Date.now() - started;
  const byApp = async (note: string): Promise<Outcome> =>
    (await afterLogIn(context, step, { during, ms: ms() })) ?? {
      step: { ...starts, during, outcome: "done by the app", note, problems: [], ms: ms() },
      stop: false,
    };
  if (declared === "app") {
    if (await standIn.evidence.until(isDone, options.stepTimeoutMs))
      return byApp(`the app did it by itself, as the actions file declares ("${step}": "app")`);
    const problem = `the actions file declares the app does it by itself ("${step}": "app"), and no ${brings(step)} came within ${millis(options.stepTimeoutMs)}`;
    return {
      step: { ...starts, during, outcome: "done", problems: [problem], ms: ms() },
      stop: true,
    };
  }
  if (app.maps(step)) {
    const first = await firstOf(context, step, isDone);
    if (first === "app")
      return byApp(`the app did it by itself: ${brings(step)} came before its control showed`);
    if (first === "control") {
      const outcome = await used(context, step, optional, during, started);
      if (outcome) return outcome;
    }
    if (first === "gone") {
      const problem = `the app's frame shows nothing (it crashed, or unmounted itself): no control for ${step} can come`;
      return {
        step: { ...starts, during, outcome: "done", problems: [problem], ms: ms() },
        stop: true,
        gone: true,
      };
    }
  }
  return waitedFor(context, step, optional, { during, started }, byApp);
}

/** A step the actions file declares absent, or one on a call the app has let go: not taken. */
async function notTaken({ standIn, app }: Context, step: UserStep): Promise<Outcome | null> {
  const why =
    app.declared(step) === "none"
      ? `the actions file declares no ${step} ("${step}": "none"): not taken`
      : ON_A_CALL.includes(step)
        ? letGo(standIn.evidence.events())
        : null;
  if (!why) return null;
  const during = await standIn.note(step);
  const note = why.startsWith("the app let")
    ? `${why}: nothing to ${USER_STEP_TABLE[step].verb.replace(/ the call$/, "")}`
    : why;
  return { step: { during, outcome: "skipped", note, problems: [], ms: 0 }, stop: false };
}

/**
 * No control to use (none mapped, or none showing): an optional step is not needed; one the
 * scenario needs may still come from the app (the network answers, a backend logs in). Where it
 * does not: skipped when unmapped, failed when its mapped control never showed.
 */
async function waitedFor(
  { standIn, app, options }: Context,
  step: UserStep,
  optional: boolean,
  { during, started }: { during: number; started: number },
  byApp: (note: string) => Promise<Outcome>,
): Promise<Outcome> {
  const isDone = (trace: readonly SessionEvent[]) => happened(step, trace);
  const came = optional ? false : await standIn.evidence.until(isDone, options.stepTimeoutMs);
  const mapped = app.maps(step);
  const how = mapped ? `no control for ${step} showed` : `the actions file maps no ${step}`;
  if (came) return byApp(`${how}; the app did it by itself`);
  // The name written may be a slip: what the app shows instead, nearest first.
  const instead = mapped ? await app.shownInsteadOf(step) : null;
  const verb = USER_STEP_TABLE[step].verb;
  const within = optional ? "" : ` within ${seconds(options.stepTimeoutMs)}`;
  // An incoming call comes from the phone network: a request to the app's backend that rings one.
  const mapTo =
    step === "incomingCall"
      ? 'a request to your backend that rings one ({ "request": "https://…" })'
      : "its control";
  const remedy = mapped
    ? ""
    : `: map ${step} to ${mapTo}, or declare "${step}": "app" (the app does it) or "none"`;
  const note = `${how}${instead ? ` (${instead})` : ""}, and the app did not ${verb} by itself${within}${remedy}`;
  const needed = !optional && NEEDED.includes(step);
  // A control the actions file names that never showed, where the scenario cannot go on without
  // it: the file no longer matches the app (a button renamed). A failure, not a skip, so that a
  // CI job goes red, not green with no call checked; a step left unmapped is a choice, and skips.
  if (mapped && needed)
    return {
      step: { during, outcome: "done", problems: [note], ms: Date.now() - started },
      stop: true,
    };
  return {
    step: { during, outcome: "skipped", note, problems: [], ms: Date.now() - started },
    stop: needed,
    ...(needed ? { blocks: note } : {}),
  };
}

/** Whether the app, in these events after a reload, said it is logged out (INITIALIZED or LOGGED_OUT). */
export function cameBackLoggedOut(events: readonly SessionEvent[]): boolean {
  return events.some(
    (e) =>
      isApp(e) &&
      (e.type === MESSAGE.LOGGED_OUT ||
        (e.type === MESSAGE.INITIALIZED && isRecord(e.data) && e.data.isLoggedIn !== true)),
  );
}

/** Whether the app's last call is still going (started, and not ended nor completed). */
export function inCall(trace: readonly SessionEvent[]): boolean {
  const last = calls(trace).at(-1);
  return (
    last !== undefined &&
    !last.messages.some((m) => m.type === MESSAGE.CALL_ENDED || m.type === MESSAGE.CALL_COMPLETED)
  );
}

/** How the app let its last call go, if it did (it came back from a reload without it). */
function letGo(trace: readonly SessionEvent[]): string | null {
  const last = calls(trace).at(-1);
  if (!last || !abandoned(last, trace)) return null;
  return `the app let its call go (it logged out, or came back without its engagement)`;
}

/**
 * After the user's log-in, the app may take a call only once what the actions file names as
 * `ready` shows: waited for; a failure (as the step's problem) when it never shows.
 */
async function afterLogIn(
  { app }: Context,
  step: UserStep,
  at: { during: number; ms: number },
): Promise<Outcome | null> {
  if (step !== "logIn" || !app.hasReady) return null;
  const problem = await app.ready();
  if (!problem) return null;
  return { step: { ...at, outcome: "done", problems: [problem] }, stop: true };
}

/**
 * Whichever comes first: the app doing `step` by itself, or its control showing; or neither; or
 * the app gone (its frame shows nothing, twice in a row, a second apart): no control can come.
 */
async function firstOf(
  { standIn, app }: Context,
  step: UserStep,
  isDone: (trace: readonly SessionEvent[]) => boolean,
): Promise<"app" | "control" | "neither" | "gone"> {
  let settled = false;
  const timeoutMs = app.controlTimeoutMs;
  // The wait for the app ends with the race once it is lost: no timer of it outlives the step.
  const lost = new AbortController();
  const done = standIn.evidence
    .until(isDone, timeoutMs, lost.signal)
    .then((came) => (came ? "app" : "neither"));
  const shows = app
    .shows(step, timeoutMs, () => settled)
    .then((shown) => (shown ? "control" : "neither"));
  const gone = goneWithin(app, timeoutMs, () => settled);
  const first = await Promise.race([done, shows, gone]);
  settled = true;
  if (first === "control" || first === "gone") lost.abort();
  if (first !== "neither") return first;
  // One gave up: the other may still come within the time left.
  return (await Promise.all([done, shows])).find((r) => r !== "neither") ?? "neither";
}

/** "gone" once the app's frame shows nothing twice in a row, a second apart; else never settles. */
async function goneWithin(
  app: AppControls,
  timeoutMs: number,
  stop: () => boolean,
): Promise<"gone"> {
  const deadline = Date.now() + timeoutMs;
  let blank = 0;
  while (!stop() && Date.now() < deadline) {
    blank = (await app.showsAnything()) ? 0 : blank + 1;
    if (blank >= 2) return "gone";
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  // Only "gone" may win the race: otherwise this waits on nothing, and is let go.
  return new Promise(() => {});
}

/**
 * The step's controls used, then what the step brings waited for; null when none was used (an
 * `ifPresent` control that never showed, or the app did the step before one was needed), and the
 * step is still the app's to take, or already taken by it.
 */
async function used(
  context: Context,
  step: UserStep,
  optional: boolean,
  during: number,
  started: number,
): Promise<Outcome | null> {
  const { standIn, app, options } = context;
  const starts = step === "incomingCall" ? { starts: "INBOUND" as const } : {};
  // The app may still do the step by itself meanwhile: then no control is used after it.
  const { problem, acted } = await app.do(step, () => happened(step, standIn.evidence.events()));
  const ms = () => Date.now() - started;
  if (problem)
    return {
      step: { ...starts, during, outcome: "done", problems: [problem], ms: ms() },
      stop: true,
    };
  if (!acted) return null;
  const came = await standIn.evidence.until((t) => happened(step, t), options.stepTimeoutMs);
  const notReady = came ? await afterLogIn(context, step, { during, ms: ms() }) : null;
  if (notReady) return notReady;
  if (came || !optional) {
    const problems = came
      ? []
      : [`no ${brings(step)} from the app within ${millis(options.stepTimeoutMs)}`];
    return { step: { ...starts, during, outcome: "done", problems, ms: ms() }, stop: !came };
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
