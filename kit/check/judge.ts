/**
 * The one place that decides whether a scenario passed: the browser only gathers evidence (the
 * stand-in's trace, each message stamped with the step in force; what each step did; the app's
 * uncaught errors, each with the step it came in). Judged here, by pure functions:
 *   1. each step: the app's messages that came while it was in force, their violations of HubSpot's
 *      rules (the stand-in judged each on arrival), errors, and what the runner could not do;
 *   2. the calls, once every step ran, by HubSpot's rules for calls (contract/calls.ts).
 * Whichever control sent a message (a user's click, the app by itself) does not matter; what the
 * app sent, in what order, does.
 */

import type { SessionEvent } from "../../common/session";
import { brings, type Expected, stepName } from "../../common/steps";
import { type AppEvent, type CallAsk, callFindings, isApp, isHubSpot } from "../contract/calls";
import { type Finding, ViolationGroups } from "../contract/finding";
import type { AppError } from "../driver/evidence";
import type { PlayedStep } from "./plan";
import { shapeDifferences } from "./replay";
import {
  MAX_VIOLATION_KINDS,
  type SequenceLine,
  type Status,
  type StepResult,
  type StepStatus,
  statusOf,
} from "./result";

export interface Evidence {
  readonly events: readonly SessionEvent[];
  readonly steps: readonly PlayedStep[];
  readonly errors: readonly AppError[];
  /** Replay: each step's messages are compared with the recording's. */
  readonly compare?: boolean;
}

export interface Judgement {
  readonly steps: StepResult[];
  readonly findings: Finding[];
  readonly status: Status;
  readonly sequence: SequenceLine[];
}

const STATUS: Readonly<Record<PlayedStep["outcome"], StepStatus>> = {
  done: "passed",
  "done by the app": "done by the app",
  skipped: "skipped",
  "not run": "not run",
};

/**
 * What a team can do about an error thrown on a value outside the SDK's envelope: most often the
 * SDK's own listener threw (in 0.9.7 it reads `event.data.type` unchecked), not the app's code.
 */
const RAW_ADVICE =
  ": the SDK's own listener throws on null or undefined before any app code runs, in every app on the SDK, so this is a warning, not a failure; to silence it, add a message listener before the SDK's that drops such values";

export function judge(evidence: Evidence): Judgement {
  const steps = evidence.steps.map((played) => stepResult(played, evidence));
  // Each call is judged whole once the scenario has run, unless a step failed: then what it left
  // undone is that failure's, not the app's.
  const failed = steps.some((s) => s.status === "failed");
  const placed = failed ? [] : callFindings(evidence.events, asksOf(evidence));
  const findings = placed.map(({ finding }) => finding);
  const status = statusOf(steps, findings);
  // A call's finding crosses the message it is about in the sequence diagram.
  const marks = new Map<number, string[]>();
  for (const { finding, at } of placed)
    if (at !== undefined && finding.rule) marks.set(at, [...(marks.get(at) ?? []), finding.rule]);
  return { steps, findings, status, sequence: sequenceOf(evidence.events, marks) };
}

function stepResult(played: PlayedStep, evidence: Evidence): StepResult {
  const { during } = played;
  const status = STATUS[played.outcome];
  const empty = { name: played.name, status, problems: played.problems, warnings: [] };
  if (during === null)
    return {
      ...empty,
      ...(played.note ? { note: played.note } : {}),
      violations: [],
      received: [],
      ms: 0,
    };
  const messages = evidence.events.filter(isApp).filter((e) => (e.during ?? -1) === during);
  const errors = evidence.errors.filter((e) => e.during === during);
  const thrown = errors.map(
    (e) => `uncaught error in the app: ${e.text}${e.after ? ` (after HubSpot's ${e.after})` : ""}`,
  );
  // The SDK's own listener throws on a raw null or undefined (it destructures `event.data`)
  // before any app code runs: every app on the SDK does, unless it drops such values first. Only
  // a page that frames the app can post them, so it is reported, not failed.
  const raw = (e: AppError) => e.raw || played.raw === true;
  const problems = [
    ...played.problems,
    ...thrown.filter((_, i) => !raw(errors[i] as AppError)),
    ...(evidence.compare ? differences(played.recorded ?? [], messages) : []),
  ];
  const warnings = [
    ...(played.warnings ?? []),
    ...thrown
      .filter((_, i) => raw(errors[i] as AppError))
      .map((t) => `${t} (on a value outside the SDK's envelope${RAW_ADVICE})`),
  ];
  const groups = new ViolationGroups(MAX_VIOLATION_KINDS);
  for (const m of messages) groups.add(m.type, m.violations ?? [], m.data, m.during ?? during);
  const violations = groups.groups();
  const failed = problems.length > 0 || violations.length > 0;
  const late = lateByApp(played, messages);
  return {
    name: played.name,
    status: failed ? "failed" : late ? "done by the app" : status,
    ...(late ? { note: late } : played.note ? { note: played.note } : {}),
    problems,
    warnings,
    violations,
    received: messages.map((m) => m.type),
    ms: Math.round(played.ms),
  };
}

/**
 * A user's step reported skipped while what it brings came during it after all (after its time):
 * the trace says the app did it, and the step says so too, never "did not answer by itself"
 * beside the app's CALL_ANSWERED.
 */
function lateByApp(played: PlayedStep, messages: readonly AppEvent[]): string | null {
  if (played.outcome !== "skipped" || played.user === undefined) return null;
  const brought = brings(played.user);
  if (!messages.some((m) => m.type === brought)) return null;
  return `the app did it by itself: ${brought} came, after the step's time`;
}

/** The steps that asked for a call (a click on Call, a ring), where each is in the trace. */
function asksOf(evidence: Evidence): CallAsk[] {
  // The k-th step recorded is `during` k.
  const stepAt = evidence.events.flatMap((e, i) => ("by" in e ? [i] : []));
  return evidence.steps.flatMap((played) =>
    played.starts && played.during !== null
      ? [
          {
            direction: played.starts,
            at: played.during < 0 ? -1 : (stepAt[played.during] ?? -1),
            name: played.name,
            ...(played.phone === undefined ? {} : { phone: played.phone }),
          },
        ]
      : [],
  );
}

/** The calls, judged once every step ran: counts, numbers, endings and engagements. */
export function judgeCalls(evidence: Evidence): Finding[] {
  return callFindings(evidence.events, asksOf(evidence)).map(({ finding }) => finding);
}

/** Replay: how the app's messages during a step differ from the recording's. */
function differences(expected: readonly Expected[], actual: readonly AppEvent[]): string[] {
  const found: string[] = [];
  let next = 0;
  for (const message of actual) {
    const recorded = expected[next];
    if (recorded && recorded.type === message.type) {
      next++;
      for (const d of shapeDifferences(recorded.data, message.data))
        found.push(`${message.type}: ${d}`);
    } else {
      found.push(`sent ${message.type}, which the recording does not have here`);
    }
  }
  for (const missing of expected.slice(next))
    found.push(`no ${missing.type}, which the recording has here`);
  return found;
}

/** The most lines a sequence diagram shows; a flood is summarised in a note. */
export const MAX_SEQUENCE = 80;

/**
 * The trace as a sequence diagram's lines: steps as notes, messages with the rules they broke (the
 * stand-in's, and `marks`: the judge's, by position in the trace).
 */
export function sequenceOf(
  events: readonly SessionEvent[],
  marks: ReadonlyMap<number, readonly string[]> = new Map(),
): SequenceLine[] {
  const lines: SequenceLine[] = [];
  let left = 0;
  for (const [index, event] of events.entries()) {
    if (lines.length >= MAX_SEQUENCE) {
      left++;
      continue;
    }
    if ("by" in event) {
      // HubSpot's message shows what a step that sends one did.
      if (event.by === "hubspot" && event.step.kind === "send") continue;
      lines.push({ note: stepName(event) });
    } else if ("frame" in event) lines.push({ note: "handshake: the app answered SYNC" });
    else if (isApp(event))
      lines.push({
        from: "App",
        type: event.type,
        violations: [...(event.violations ?? []).map((v) => v.rule), ...(marks.get(index) ?? [])],
      });
    else if (isHubSpot(event)) lines.push({ from: "HubSpot", type: event.type, violations: [] });
  }
  if (left > 0) lines.push({ note: `… ${left.toLocaleString("en")} more events` });
  return lines;
}
