/**
 * A recorded session, read back for `--replay`: checked (the file is untrusted input), then turned
 * into steps for the runner, each expecting the app's messages that followed it in the recording.
 * A session saved from the stand-in's page has no user steps (the stand-in cannot see inside the
 * app's frame); they are inferred from the app's messages (LOGGED_IN ← log in, ...). All pure.
 */

import { isRecord } from "../../common/guards";
import { MESSAGE } from "../../common/protocol";
import {
  MAX_SESSION_EVENTS,
  SESSION_FORMAT,
  type Session,
  type SessionEvent,
} from "../../common/session";
import {
  type HubSpotStep,
  type PlannedStep,
  parseStep,
  type Step,
  stepBringing,
} from "../../common/steps";
import { brief } from "../../common/text";
import type { Violation } from "../contract/finding";
import type { Plan } from "./plan";

const isShortText = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= 100;

const isIndex = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= -1;

/** The violations the stand-in recorded with a message, where they are well formed. */
function parseViolations(value: unknown): Violation[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const kept = value.filter(
    (v): v is Violation =>
      isRecord(v) &&
      isShortText(v.rule) &&
      typeof v.text === "string" &&
      typeof v.detail === "string",
  );
  return kept.slice(0, 50);
}

function parseEvent(value: unknown): SessionEvent | null {
  if (!isRecord(value) || typeof value.at !== "number" || !Number.isFinite(value.at)) return null;
  const { at } = value;
  const during = isIndex(value.during) ? { during: value.during } : {};
  if (value.from === "app" && isShortText(value.type)) {
    const violations = parseViolations(value.violations);
    return {
      at,
      from: "app",
      type: value.type,
      data: value.data,
      ...during,
      ...(violations ? { violations } : {}),
    };
  }
  if (value.to === "app" && isShortText(value.type))
    return {
      at,
      to: "app",
      type: value.type,
      data: value.data,
      ...during,
      ...(isShortText(value.messageId) ? { messageId: value.messageId } : {}),
    };
  if (value.frame === "handshake") return { at, frame: "handshake", ...during };
  const step = parseStep(value);
  if (step?.by === "user") return { at, by: "user", step: step.step };
  if (step?.by === "hubspot") return { at, by: "hubspot", step: step.step };
  return null;
}

/** The file's text, checked: the session, or why it cannot be replayed. */
export function parseSession(json: string): { session: Session } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { error: `not valid JSON: ${(error as Error).message.slice(0, 200)}` };
  }
  return checkSession(value);
}

/** A session as a test holds it (parsed JSON), checked as a file is. */
export function checkSession(value: unknown): { session: Session } | { error: string } {
  if (!isRecord(value) || value.format !== SESSION_FORMAT)
    return { error: `not a session: its "format" is not "${SESSION_FORMAT}"` };
  if (value.version !== 1) {
    const version = typeof value.version === "number" ? value.version : brief(value.version);
    return { error: `session version ${version} is unknown` };
  }
  if (!Array.isArray(value.events) || value.events.length > MAX_SESSION_EVENTS)
    return { error: `"events" is not a list of at most ${MAX_SESSION_EVENTS}` };
  const events: SessionEvent[] = [];
  for (const [i, raw] of value.events.entries()) {
    const event = parseEvent(raw);
    if (!event) return { error: `event ${i} is not a message or a step` };
    events.push(event);
  }
  return {
    session: {
      format: SESSION_FORMAT,
      version: 1,
      app: typeof value.app === "string" ? value.app.slice(0, 2048) : "",
      recordedAt: typeof value.recordedAt === "string" ? value.recordedAt.slice(0, 40) : "",
      dropped: typeof value.dropped === "number" ? value.dropped : 0,
      events,
    },
  };
}

/** What HubSpot sends on its own initiative, rather than in answer to the app. */
const HUBSPOT_INITIATIVE: readonly string[] = [
  MESSAGE.DIAL_NUMBER,
  MESSAGE.END_CALL,
  MESSAGE.VISIBILITY_CHANGED,
];

/** A HubSpot step that makes the app send a message on its own (no user step behind it). */
function explains(step: HubSpotStep | undefined, type: string): boolean {
  if (step?.kind === "reload") return type === MESSAGE.INITIALIZED;
  return step?.kind === "send" && step.type === MESSAGE.END_CALL && type === MESSAGE.CALL_ENDED;
}

export interface ReplayPlan {
  /** The app's messages before the first step: the handshake's. */
  readonly opening: PlannedStep["expect"];
  readonly steps: readonly PlannedStep[];
  /** Whether the user's steps were inferred from the app's messages. */
  readonly inferred: boolean;
  /** Whether HubSpot's steps were read from its messages (a session saved inside an app). */
  readonly hubspotInferred: boolean;
}

/**
 * A session as the scenario that replays it: its steps, each expecting the app's messages that
 * followed it in the recording, under a title that says which steps were read how.
 */
export function replayScenario(session: Session, source: string): Plan {
  const { opening, steps, inferred, hubspotInferred } = replayPlan(session);
  const read = [
    inferred ? "the user's steps inferred from the app's messages" : "",
    hubspotInferred ? "HubSpot's steps read from its messages" : "",
  ].filter(Boolean);
  const title = `Replay of ${source}${read.length > 0 ? ` (${read.join("; ")})` : ""}`;
  return { id: "replay", title, opening, steps, compare: true };
}

/** The steps to replay, each expecting the app's messages that followed it in the recording. */
export function replayPlan(session: Session): ReplayPlan {
  const inferred = !session.events.some((e) => "by" in e && e.by === "user");
  // Saved inside an app (the softphone's Save session), a session has HubSpot's messages but not
  // its steps: what HubSpot sends on its own initiative is sent again as it was.
  const fromApp = !session.events.some((e) => "by" in e && e.by === "hubspot");
  const opening: { type: string; data?: unknown }[] = [];
  const plan: { step: Step; expect: { type: string; data?: unknown }[] }[] = [];
  let explained = false;
  for (const event of session.events) {
    if ("by" in event) {
      plan.push({ step: { by: event.by, step: event.step } as Step, expect: [] });
      explained = false;
      continue;
    }
    if ("to" in event && fromApp && HUBSPOT_INITIATIVE.includes(event.type)) {
      const step: Step = {
        by: "hubspot",
        step: { kind: "send", type: event.type, data: event.data },
      };
      plan.push({ step, expect: [] });
      explained = false;
      continue;
    }
    if (!("from" in event)) continue;
    const expected = { type: event.type, data: event.data };
    const last = plan.at(-1);
    const behind = stepBringing(event.type);
    const hubspotStep = last?.step.by === "hubspot" ? last.step.step : undefined;
    if (inferred && behind && !(explains(hubspotStep, event.type) && !explained)) {
      plan.push({ step: { by: "user", step: behind }, expect: [expected] });
      continue;
    }
    if (hubspotStep && explains(hubspotStep, event.type)) explained = true;
    if (last) last.expect.push(expected);
    else opening.push(expected);
  }
  return { opening, steps: plan, inferred, hubspotInferred: fromApp };
}

/** Fields whose values (not only their types) must match the recording's. */
const COMPARED_VALUES = [
  "callEndStatus",
  "isLoggedIn",
  "isAvailable",
  "createEngagement",
  "hideWidget",
  "openIn",
];

function kind(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/**
 * How `actual` differs from `recorded` in shape: fields missing or added, types changed, and the
 * values of the few fields that name a choice (an id or a time is expected to differ).
 */
export function shapeDifferences(recorded: unknown, actual: unknown, path = "data"): string[] {
  if (kind(recorded) !== kind(actual)) return [`${path} is ${kind(actual)}, was ${kind(recorded)}`];
  if (!isRecord(recorded) || !isRecord(actual)) return [];
  const differences: string[] = [];
  for (const key of Object.keys(recorded)) {
    if (!(key in actual)) differences.push(`${path}.${key} is missing`);
  }
  for (const [key, value] of Object.entries(actual)) {
    const where = `${path}.${key}`;
    if (!(key in recorded)) {
      differences.push(`${where} is new`);
      continue;
    }
    const before = recorded[key];
    if (COMPARED_VALUES.includes(key) && before !== value && kind(before) === kind(value))
      differences.push(`${where} is ${JSON.stringify(value)}, was ${JSON.stringify(before)}`);
    else if (path.split(".").length < 3)
      differences.push(...shapeDifferences(before, value, where));
  }
  return differences.slice(0, 20);
}
