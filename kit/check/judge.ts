/**
 * The one place that decides whether a scenario passed: the browser only gathers evidence (the
 * stand-in's trace, each message stamped with the step in force; what each step did; the app's
 * uncaught errors, each with the step it came in). Judged here, by pure functions:
 *   1. each step: the app's messages that came while it was in force, their violations of HubSpot's
 *      rules (the stand-in judged each on arrival), errors, and what the runner could not do;
 *   2. the calls, once every step ran: each click on Call brings one call to the number dialled,
 *      each call is ended and completed, and carries the engagement HubSpot created for it.
 * Whichever control sent a message (a user's click, the app by itself) does not matter; what the
 * app sent, in what order, does.
 */
import { type Expected, stepName } from "../../common/steps";
import { cut, excerpt } from "../../common/text";
import { shapeDifferences } from "./replay";
import {
  type Finding,
  groupViolations,
  type SequenceLine,
  type Status,
  type StepResult,
  type StepStatus,
  statusOf,
} from "./result";
import {
  type AppEvent,
  type Call,
  calls,
  finished,
  isApp,
  isHubSpot,
  type TraceEvent,
} from "./trace";

/** What the runner did for one step of the plan. */
export interface PlayedStep {
  readonly name: string;
  /** The step's index among the trace's steps (messages carry it as `during`); -1 for the opening. */
  readonly during: number | null;
  /** `done`: taken. The rest: see `StepStatus`; `skipped` with `required` skips the scenario. */
  readonly outcome: "done" | "done by the app" | "skipped" | "not run";
  readonly note?: string;
  readonly problems: readonly string[];
  readonly ms: number;
  /** A value posted outside the SDK's envelope: an app's error on it is a warning (see below). */
  readonly raw?: boolean;
  /** Starts a call: HubSpot's Call on a record (outbound), the user's incoming call (inbound). */
  readonly brings?: "OUTBOUND" | "INBOUND";
  /** The number HubSpot's user clicked Call on. */
  readonly phone?: string;
  /** Replay: the app's messages the recording had while this step was in force. */
  readonly recorded?: readonly Expected[];
}

/** An uncaught error in the app's frames. */
export interface AppError {
  readonly text: string;
  /** The step in force when it was thrown. */
  readonly during: number;
  /** The HubSpot message the app received last before it, if any. */
  readonly after?: string;
  /** Thrown on a value posted outside the SDK's envelope. */
  readonly raw: boolean;
}

export interface Evidence {
  readonly events: readonly TraceEvent[];
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

/** The rules the judge adds to HubSpot's (conformance.ts): what a scenario asks of the calls. */
export const CALL_RULES = {
  "one-call-per-click": {
    text: "Each click on Call brings exactly one call, to the number HubSpot dialled",
    fix: "Start one call per click: ignore a second DIAL_NUMBER with the same payload, and dial the phoneNumber it carries.",
  },
  "call-finished": {
    text: "Every call is ended (CALL_ENDED) and then completed (CALL_COMPLETED)",
    fix: "Call callEnded when the call ends and callCompleted when the user is done with it; a call never completed stays a half-made call log.",
  },
  "call-engagement": {
    text: "CALL_COMPLETED carries the engagement HubSpot created for that call (none when it created none)",
    fix: "Keep the engagementId from onCreateEngagementSucceeded (not the deprecated onEngagementCreated) per call, and pass it to callCompleted.",
  },
  "inbound-calls": {
    text: "Each incoming call the scenario rings is reported once (INCOMING_CALL)",
    fix: "Report every inbound call with incomingCall, once.",
  },
  "no-unasked-call": {
    text: "A call starts only when HubSpot's user clicks Call or a call comes in",
    fix: "Start calls only from DIAL_NUMBER or the user's own action; check the payload before dialling.",
  },
} as const;
export type CallRule = keyof typeof CALL_RULES;

const STATUS: Readonly<Record<PlayedStep["outcome"], StepStatus>> = {
  done: "passed",
  "done by the app": "done by the app",
  skipped: "skipped",
  "not run": "not run",
};

export function judge(evidence: Evidence): Judgement {
  const steps = evidence.steps.map((played) => stepResult(played, evidence));
  const complete = steps.every((s) => s.status !== "failed" && s.status !== "not run");
  const placed = complete ? placedCallFindings(evidence) : [];
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
  const warnings = thrown
    .filter((_, i) => raw(errors[i] as AppError))
    .map((t) => `${t} (on a value outside the SDK's envelope)`);
  const violations = groupViolations(
    messages.flatMap((m) =>
      (m.violations ?? []).map((v) => ({ ...v, type: m.type, message: excerpt(m.data) })),
    ),
  );
  const failed = problems.length > 0 || violations.length > 0;
  return {
    name: played.name,
    status: failed ? "failed" : status,
    ...(played.note ? { note: played.note } : {}),
    problems,
    warnings,
    violations,
    received: messages.map((m) => m.type),
    ms: Math.round(played.ms),
  };
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

const digits = (value: unknown) => (typeof value === "string" ? value.replace(/\D/g, "") : "");

/** Two numbers are one when their digits are, or one ends with the other's (a country code added). */
function sameNumber(a: unknown, b: unknown): boolean {
  const [x, y] = [digits(a), digits(b)];
  if (x === "" || y === "") return false;
  return x === y || (Math.min(x.length, y.length) >= 7 && (x.endsWith(y) || y.endsWith(x)));
}

const finding = (rule: CallRule, text: string): Finding => ({
  rule,
  ok: false,
  severity: "error",
  text: cut(`${CALL_RULES[rule].text}: ${text}`, 400),
});

const callName = (call: Call, i: number) =>
  `call ${i + 1} ("${cut(call.externalCallId, 60)}", ${call.direction.toLowerCase()})`;

/** The calls, judged once every step ran: counts, numbers, endings and engagements. */
export function judgeCalls(evidence: Evidence): Finding[] {
  return placedCallFindings(evidence).map(({ finding }) => finding);
}

/** Each call's finding, with the position in the trace of the message it is about, if one is. */
function placedCallFindings(evidence: Evidence): { finding: Finding; at?: number }[] {
  const { events } = evidence;
  const all = calls(events);
  const placed: { finding: Finding; at?: number }[] = [];
  const findings = {
    push: (finding: Finding, at?: number) =>
      placed.push({ finding, ...(at === undefined ? {} : { at }) }),
  };
  // Where each step's event is in the trace: the k-th step recorded is `during` k.
  const stepAt = events.flatMap((e, i) => ("by" in e ? [i] : []));
  const at = (played: PlayedStep) =>
    played.during === null || played.during < 0 ? -1 : (stepAt[played.during] ?? -1);

  const clicks = evidence.steps.filter((s) => s.brings === "OUTBOUND" && s.during !== null);
  const outbound = all.filter((c) => c.direction === "OUTBOUND");
  const firstClick = clicks[0] ? at(clicks[0]) : Number.POSITIVE_INFINITY;
  for (const call of outbound.filter((c) => c.index < firstClick))
    findings.push(
      finding("no-unasked-call", `${callName(call, all.indexOf(call))} before any click on Call`),
      call.index,
    );
  clicks.forEach((click, k) => {
    const from = at(click);
    const next = clicks[k + 1];
    const until = next ? at(next) : Number.POSITIVE_INFINITY;
    const brought = outbound.filter((c) => c.index > from && c.index < until);
    if (brought.length !== 1) {
      const ids = brought.map((c) => `"${cut(c.externalCallId, 40)}"`).join(", ");
      findings.push(
        finding(
          "one-call-per-click",
          `${brought.length} calls after "${click.name}"${ids ? ` (${ids})` : ""}`,
        ),
        brought[1]?.index,
      );
    }
    const [call] = brought;
    if (call && click.phone !== undefined && !sameNumber(call.start.toNumber, click.phone))
      findings.push(
        finding(
          "one-call-per-click",
          `the call went to ${excerpt(call.start.toNumber, 60)}, HubSpot dialled "${click.phone}"`,
        ),
        call.index,
      );
  });

  const rings = evidence.steps.filter((s) => s.brings === "INBOUND" && s.during !== null).length;
  const inbound = all.filter((c) => c.direction === "INBOUND").length;
  if (inbound !== rings)
    findings.push(finding("inbound-calls", `${inbound} incoming calls reported, ${rings} rang`));

  all.forEach((call, i) => {
    const name = callName(call, i);
    const ended = call.messages.some((m) => m.type === "CALL_ENDED");
    const transferred = call.messages.some((m) => m.type === "CALL_TRANSFERRED");
    if (!finished(call) || (!ended && !transferred)) {
      const missing = [
        ended || transferred ? "" : "CALL_ENDED",
        finished(call) ? "" : "CALL_COMPLETED",
      ]
        .filter(Boolean)
        .join(" and ");
      findings.push(finding("call-finished", `${name} has no ${missing}`));
    }
    const completed = call.messages.find((m) => m.type === "CALL_COMPLETED");
    if (!completed) return;
    const sent = completed.data.engagementId;
    const issued =
      typeof call.engagement === "object" && call.engagement ? call.engagement.id : null;
    if (issued !== null && sent !== issued)
      findings.push(
        finding(
          "call-engagement",
          `${name}: CALL_COMPLETED carries engagementId ${excerpt(sent, 40)}, HubSpot created ${issued}`,
        ),
        completed.index,
      );
    if (issued === null && sent !== undefined && sent !== null && sent !== 0) {
      const owner = all.findIndex(
        (other) => typeof other.engagement === "object" && other.engagement?.id === sent,
      );
      if (owner >= 0)
        findings.push(
          finding(
            "call-engagement",
            `${name}: CALL_COMPLETED carries engagementId ${excerpt(sent, 40)}, which HubSpot created for call ${owner + 1}; it created none for this one`,
          ),
          completed.index,
        );
    }
  });
  return placed;
}

/** The most lines a sequence diagram shows; a flood is summarised in a note. */
export const MAX_SEQUENCE = 80;

/**
 * The trace as a sequence diagram's lines: steps as notes, messages with the rules they broke (the
 * stand-in's, and `marks`: the judge's, by position in the trace).
 */
export function sequenceOf(
  events: readonly TraceEvent[],
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
