/**
 * What the app did, read from the stand-in's trace (its session events, in the order it saw
 * them): the calls it placed and took, message by message, and whether a user's step has already
 * happened without the user. Pure; the check decides nothing from clocks or from which control sent
 * a message, only from what the app sent and when, in the stand-in's order.
 */

import { isRecord } from "../../common/guards";
import { MESSAGE } from "../../common/protocol";
import type { SessionEvent } from "../../common/session";
import { stepName, type UserStep } from "../../common/steps";
import { cut, excerpt } from "../../common/text";
import { RULES } from "./conformance";
import type { Finding } from "./finding";

/** HubSpot's rule a call never completed breaks: it is judged per message and per call alike. */
const GHOST_CALL = RULES.find((r) => r.id === "ghost-call") ?? {
  id: "ghost-call",
  text: "A call with an engagement is completed",
};

export type AppEvent = Extract<SessionEvent, { from: "app" }>;
export type HubSpotEvent = Extract<SessionEvent, { to: "app" }>;

export const isApp = (event: SessionEvent): event is AppEvent => "from" in event;
export const isHubSpot = (event: SessionEvent): event is HubSpotEvent => "to" in event;

/** The messages that belong to a call once it has started. */
const CALL_MESSAGES: readonly string[] = [
  MESSAGE.CALL_ANSWERED,
  MESSAGE.CALL_ENDED,
  MESSAGE.CALL_COMPLETED,
  MESSAGE.CALL_TRANSFERRED,
];

export interface CallMessage {
  /** Its position in the trace. */
  readonly index: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface Call {
  readonly externalCallId: string;
  readonly direction: "OUTBOUND" | "INBOUND";
  /** The start message's position in the trace, and the step in force when it came. */
  readonly index: number;
  readonly during: number;
  /** The start message's payload. */
  readonly start: Readonly<Record<string, unknown>>;
  /** Every message about it after its start, in order. */
  readonly messages: readonly CallMessage[];
  /** HubSpot's answer to its start: the engagement it created, or that it could not. */
  readonly engagement: { readonly id: number } | "failed" | null;
  /** Where HubSpot sent END_CALL during the call, if it did. */
  readonly endCallAt: number | null;
}

type Building = {
  -readonly [K in keyof Call]: K extends "messages" ? CallMessage[] : Call[K];
};

const dataOf = (event: { data?: unknown }): Readonly<Record<string, unknown>> =>
  isRecord(event.data) ? event.data : {};

/**
 * The app's calls: each OUTGOING_CALL_STARTED or INCOMING_CALL starts one; a later message about a
 * call belongs to the call its externalCallId names, or (with none, or one never started) to the
 * latest. HubSpot answers the calls that asked for an engagement in the order they asked; END_CALL
 * belongs to the call in progress when it was sent.
 */
export function calls(events: readonly SessionEvent[]): Call[] {
  const found: Building[] = [];
  /** Calls that asked HubSpot for an engagement, oldest first: HubSpot answers them in order. */
  const asking: Building[] = [];
  events.forEach((event, index) => {
    const latest = found.at(-1);
    if (isApp(event)) {
      const data = dataOf(event);
      if (event.type === MESSAGE.OUTGOING_CALL_STARTED || event.type === MESSAGE.INCOMING_CALL) {
        const call: Building = {
          externalCallId: typeof data.externalCallId === "string" ? data.externalCallId : "",
          direction: event.type === MESSAGE.INCOMING_CALL ? "INBOUND" : "OUTBOUND",
          index,
          during: event.during ?? -1,
          start: data,
          messages: [],
          engagement: null,
          endCallAt: null,
        };
        found.push(call);
        if (data.createEngagement === true) asking.push(call);
      } else if (CALL_MESSAGES.includes(event.type)) {
        const named = found.findLast((c) => c.externalCallId === data.externalCallId);
        (named ?? latest)?.messages.push({ index, type: event.type, data });
      }
      return;
    }
    if (!isHubSpot(event) || !latest) return;
    if (
      event.type === MESSAGE.CREATE_ENGAGEMENT_SUCCEEDED ||
      event.type === MESSAGE.CREATE_ENGAGEMENT_FAILED
    ) {
      const call = asking.shift();
      const id = dataOf(event).engagementId;
      if (call && event.type === MESSAGE.CREATE_ENGAGEMENT_FAILED) call.engagement = "failed";
      else if (call && typeof id === "number") call.engagement = { id };
    } else if (event.type === MESSAGE.END_CALL && latest.endCallAt === null && !finished(latest)) {
      latest.endCallAt = index;
    }
  });
  return found;
}

const has = (call: Call, type: string) => call.messages.some((m) => m.type === type);

/**
 * Whether the app has let `call` go unfinished: it logged out, or came back from a reload with an
 * INITIALIZED that does not carry the engagement HubSpot created for it. Nothing more can be done
 * with such a call; its engagement stays a ghost call log.
 */
export function abandoned(call: Call, events: readonly SessionEvent[]): boolean {
  if (finished(call)) return false;
  const id = typeof call.engagement === "object" && call.engagement ? call.engagement.id : null;
  return events
    .slice(call.index + 1)
    .some(
      (e) =>
        isApp(e) &&
        (e.type === MESSAGE.LOGGED_OUT ||
          (e.type === MESSAGE.INITIALIZED && id !== null && dataOf(e).engagementId !== id)),
    );
}

/** Completed (or transferred): HubSpot's call log is whole. */
export const finished = (call: Call): boolean =>
  has(call, MESSAGE.CALL_COMPLETED) || has(call, MESSAGE.CALL_TRANSFERRED);

/** Whether the app says its user is logged in, after every message it sent so far. */
export function loggedIn(events: readonly SessionEvent[]): boolean {
  return fold(events, "isLoggedIn", MESSAGE.LOGGED_IN, MESSAGE.LOGGED_OUT);
}

/** Whether the app says its user is available for inbound calls. */
export function available(events: readonly SessionEvent[]): boolean {
  return fold(events, "isAvailable", MESSAGE.USER_AVAILABLE, MESSAGE.USER_UNAVAILABLE);
}

function fold(events: readonly SessionEvent[], field: string, on: string, off: string): boolean {
  let state = false;
  for (const event of events) {
    if (!isApp(event)) continue;
    if (event.type === MESSAGE.INITIALIZED) state = dataOf(event)[field] === true;
    else if (event.type === on) state = true;
    else if (event.type === off) state = false;
  }
  return state;
}

/**
 * Where a new outbound call would answer HubSpot's user: after HubSpot's last DIAL_NUMBER (from its
 * Call button, or replayed as it was sent), and after the last call was finished.
 */
function sinceLastDial(events: readonly SessionEvent[], all: readonly Call[]): number {
  const dialled = events.findLastIndex((e) => isHubSpot(e) && e.type === MESSAGE.DIAL_NUMBER);
  const finishedAt = all
    .flatMap((c) =>
      c.messages.filter(
        (m) => m.type === MESSAGE.CALL_COMPLETED || m.type === MESSAGE.CALL_TRANSFERRED,
      ),
    )
    .reduce((latest, m) => Math.max(latest, m.index), -1);
  return Math.max(dialled, finishedAt);
}

/**
 * Whether what the user's `step` brings is in the trace: checked before the step (a click-to-call
 * app dials on DIAL_NUMBER, many log in by themselves, the network answers: the step is then "done
 * by the app" and not taken) and after it (the step did what it should).
 */
export function happened(step: UserStep, events: readonly SessionEvent[]): boolean {
  const all = calls(events);
  const last = all.at(-1);
  const open = last && !finished(last) ? last : undefined;
  switch (step) {
    case "logIn":
      return loggedIn(events);
    case "logOut":
      return !loggedIn(events);
    case "available":
      return available(events);
    case "dial": {
      const since = sinceLastDial(events, all);
      return all.some((c) => c.direction === "OUTBOUND" && c.index > since);
    }
    case "incomingCall":
      return open?.direction === "INBOUND";
    case "answer":
      return open !== undefined && has(open, MESSAGE.CALL_ANSWERED);
    // The last call, completed or not: an app may complete a call as it ends it.
    case "end":
      return last !== undefined && has(last, MESSAGE.CALL_ENDED);
    case "complete":
      return last !== undefined && finished(last);
  }
}

/** The rules the calls as a whole keep, beside each message's (conformance.ts). */
export const CALL_RULES = {
  "one-call-per-click": {
    text: "Each click on Call brings exactly one call, to the number HubSpot dialled",
    fix: "Start one call per click: ignore a second DIAL_NUMBER with the same payload, and dial the phoneNumber it carries.",
  },
  "call-finished": {
    text: "Every call is ended (CALL_ENDED) before it is completed",
    fix: "Call callEnded when the call ends, before callCompleted.",
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

/**
 * What asks the app for a call: HubSpot's user clicking Call (outbound, with the number dialled),
 * or a call ringing (inbound); `at` is the asking step's position in the trace.
 */
export interface CallAsk {
  readonly direction: "OUTBOUND" | "INBOUND";
  readonly at: number;
  /** The step, as the report names it. */
  readonly name: string;
  readonly phone?: string;
}

/** A finding about the calls, with the position in the trace of the message it is about. */
export interface PlacedFinding {
  readonly finding: Finding;
  readonly at?: number;
}

const digits = (value: unknown) => (typeof value === "string" ? value.replace(/\D/g, "") : "");

/** Two numbers are one when their digits are, or one ends with the other's (a country code added). */
function sameNumber(a: unknown, b: unknown): boolean {
  const [x, y] = [digits(a), digits(b)];
  if (x === "" || y === "") return false;
  return x === y || (Math.min(x.length, y.length) >= 7 && (x.endsWith(y) || y.endsWith(x)));
}

const placed = (rule: CallRule, text: string, at?: number): PlacedFinding => ({
  finding: {
    rule,
    ok: false,
    severity: "error",
    text: cut(`${CALL_RULES[rule].text}: ${text}`, 400),
  },
  ...(at === undefined ? {} : { at }),
});

const callName = (call: Call, i: number) =>
  `call ${i + 1} ("${cut(call.externalCallId, 60)}", ${call.direction.toLowerCase()})`;

/**
 * The calls in `events`, judged as a whole against what asked for them: one call per click on
 * Call, to the number dialled, and none unasked; each ring reported; each call ended, completed,
 * and completed with the engagement HubSpot created for it.
 */
export function callFindings(
  events: readonly SessionEvent[],
  asks: readonly CallAsk[],
): PlacedFinding[] {
  const all = calls(events);
  return [
    ...clickFindings(
      all,
      asks.filter((a) => a.direction === "OUTBOUND"),
    ),
    ...ringFindings(all, asks.filter((a) => a.direction === "INBOUND").length),
    ...all.flatMap((call, i) => [...endingFindings(call, i), ...engagementFindings(all, call, i)]),
  ];
}

/** Each click on Call brought exactly one call, to its number; no call came before the first. */
function clickFindings(all: readonly Call[], clicks: readonly CallAsk[]): PlacedFinding[] {
  const found: PlacedFinding[] = [];
  const outbound = all.filter((c) => c.direction === "OUTBOUND");
  const firstClick = clicks[0]?.at ?? Number.POSITIVE_INFINITY;
  for (const call of outbound.filter((c) => c.index < firstClick))
    found.push(
      placed(
        "no-unasked-call",
        `${callName(call, all.indexOf(call))} before any click on Call`,
        call.index,
      ),
    );
  clicks.forEach((click, k) => {
    const until = clicks[k + 1]?.at ?? Number.POSITIVE_INFINITY;
    const brought = outbound.filter((c) => c.index > click.at && c.index < until);
    if (brought.length !== 1) {
      const ids = brought.map((c) => `"${cut(c.externalCallId, 40)}"`).join(", ");
      const text = `${brought.length} calls after "${click.name}"${ids ? ` (${ids})` : ""}`;
      found.push(placed("one-call-per-click", text, brought[1]?.index));
    }
    const [call] = brought;
    if (call && click.phone !== undefined && !sameNumber(call.start.toNumber, click.phone))
      found.push(
        placed(
          "one-call-per-click",
          `the call went to ${excerpt(call.start.toNumber, 60)}, HubSpot dialled "${click.phone}"`,
          call.index,
        ),
      );
  });
  return found;
}

function ringFindings(all: readonly Call[], rings: number): PlacedFinding[] {
  const inbound = all.filter((c) => c.direction === "INBOUND").length;
  return inbound === rings
    ? []
    : [placed("inbound-calls", `${inbound} incoming calls reported, ${rings} rang`)];
}

/**
 * The call was completed (or transferred), else its engagement stays a ghost call log on the record
 * (HubSpot's rule, conformance.ts); and it was ended before.
 */
function endingFindings(call: Call, i: number): PlacedFinding[] {
  const ended = call.messages.some((m) => m.type === MESSAGE.CALL_ENDED);
  const transferred = call.messages.some((m) => m.type === MESSAGE.CALL_TRANSFERRED);
  if (!finished(call)) {
    const engagement =
      typeof call.engagement === "object" && call.engagement
        ? `: its engagement ${call.engagement.id} stays a ghost call log on the record`
        : "";
    const text = `${GHOST_CALL.text}: ${callName(call, i)} was never completed${engagement} (map complete to the app's control, if it has one)`;
    return [
      { finding: { rule: GHOST_CALL.id, ok: false, severity: "error", text: cut(text, 400) } },
    ];
  }
  return ended || transferred
    ? []
    : [placed("call-finished", `${callName(call, i)} has no ${MESSAGE.CALL_ENDED}`)];
}

/** CALL_COMPLETED carried the engagement HubSpot created for the call, and no other call's. */
function engagementFindings(all: readonly Call[], call: Call, i: number): PlacedFinding[] {
  const completed = call.messages.find((m) => m.type === MESSAGE.CALL_COMPLETED);
  if (!completed) return [];
  const name = callName(call, i);
  const sent = completed.data.engagementId;
  const issued = typeof call.engagement === "object" && call.engagement ? call.engagement.id : null;
  if (issued !== null && sent !== issued)
    return [
      placed(
        "call-engagement",
        `${name}: CALL_COMPLETED carries engagementId ${excerpt(sent, 40)}, HubSpot created ${issued}`,
        completed.index,
      ),
    ];
  if (issued !== null || sent === undefined || sent === null || sent === 0) return [];
  const owner = all.findIndex(
    (other) => typeof other.engagement === "object" && other.engagement?.id === sent,
  );
  return owner < 0
    ? []
    : [
        placed(
          "call-engagement",
          `${name}: CALL_COMPLETED carries engagementId ${excerpt(sent, 40)}, which HubSpot created for call ${owner + 1}; it created none for this one`,
          completed.index,
        ),
      ];
}

/**
 * What asked for the calls in a trace, read from its steps: HubSpot's Call on a record (outbound),
 * and the user's incoming call (inbound). For a trace whose steps a test took as it liked (a team's
 * own test), rather than a scenario's plan.
 */
export function asksIn(events: readonly SessionEvent[]): CallAsk[] {
  return events.flatMap((e, at): CallAsk[] => {
    if (!("by" in e)) return [];
    if (e.by === "user")
      return e.step === "incomingCall"
        ? [{ direction: "INBOUND", at, name: stepName({ by: "user", step: e.step }) }]
        : [];
    const name = stepName({ by: "hubspot", step: e.step });
    return e.step.kind === "call" ? [{ direction: "OUTBOUND", at, name, phone: e.step.phone }] : [];
  });
}

/**
 * The calls in a trace a test drove as it liked, judged by the rules for calls that apply to it:
 * those about clicks on Call only where HubSpot's user clicked, the count of incoming calls only
 * where the test rang them as the user's step.
 */
export function testFindings(events: readonly SessionEvent[]): Finding[] {
  const asks = asksIn(events);
  const clicked = asks.some((a) => a.direction === "OUTBOUND");
  const rang = asks.some((a) => a.direction === "INBOUND");
  const skip = new Set<string>([
    ...(clicked ? [] : ["one-call-per-click", "no-unasked-call"]),
    ...(rang ? [] : ["inbound-calls"]),
  ]);
  return callFindings(events, asks)
    .map(({ finding }) => finding)
    .filter((f) => !skip.has(f.rule ?? ""));
}
