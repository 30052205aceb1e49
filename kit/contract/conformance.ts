/**
 * What HubSpot accepts from a calling app, as one table of rules. Each rule names the message
 * types it applies to and returns what is wrong, or null. `check` runs the table against one
 * message; `advance` tracks the call so order rules (no CALL_COMPLETED before CALL_ENDED, one
 * externalCallId per call, ...) can be judged. All pure, so every rule is unit-tested.
 */
import { isHttpsUrl, isRecord } from "../../common/guards";
import {
  APP_TO_HUBSPOT_TYPES,
  END_STATUSES,
  MESSAGE,
  type MessageType,
  SDK_ERROR_TYPES,
} from "../../common/protocol";
import { brief } from "../../common/text";
import { FRAME_SIDE, isFrameSide } from "../../common/widget";
import type { Violation } from "./finding";

export type { Violation } from "./finding";

export interface AppMessageIn {
  readonly type: string;
  readonly data?: unknown;
}

export interface TrackedCall {
  readonly externalCallId: string;
  readonly phase: "started" | "answered" | "ended";
  /** The engagement HubSpot created for it, once it has. */
  readonly engagementId?: number;
}

export interface ConformanceContext {
  /** INITIALIZED has come since the last handshake. */
  readonly initialized: boolean;
  readonly loggedIn: boolean;
  /** The call in progress, from its start until CALL_COMPLETED or CALL_TRANSFERRED. */
  readonly call: TrackedCall | null;
  /** The engagement ids HubSpot has issued to this app. */
  readonly engagementIds: readonly number[];
}

type Data = Readonly<Record<string, unknown>>;

export interface Rule {
  readonly id: string;
  /** The rule, as the stand-in's log states it. */
  readonly text: string;
  /** What an app does to keep it, in one line (the check's report says it). */
  readonly fix: string;
  /** The message types it applies to; `*` for every message. */
  readonly types: readonly MessageType[] | "*";
  readonly check: (data: Data, ctx: ConformanceContext, type: string) => string | null;
}

const CALL_MESSAGES = [
  MESSAGE.CALL_ANSWERED,
  MESSAGE.CALL_ENDED,
  MESSAGE.CALL_COMPLETED,
  MESSAGE.CALL_TRANSFERRED,
];
const WITH_ENGAGEMENT = [
  MESSAGE.INITIALIZED,
  MESSAGE.CALL_ENDED,
  MESSAGE.CALL_COMPLETED,
  MESSAGE.FINALIZE_ENGAGEMENT,
  MESSAGE.PUBLISH_TO_CHANNEL,
  MESSAGE.NAVIGATE_TO_RECORD,
];

export const initialContext: ConformanceContext = {
  initialized: false,
  loggedIn: false,
  call: null,
  engagementIds: [],
};

const isText = (value: unknown) => typeof value === "string" && value.trim().length > 0;
const isId = (value: unknown) =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/** Each listed field must be a non-empty string; returns the first that is not. */
function strings(data: Data, ...fields: string[]): string | null {
  const bad = fields.find((field) => !isText(data[field]));
  return bad === undefined ? null : `${bad} is ${shown(data[bad])}, not a non-empty string`;
}

function optional(data: Data, field: string, kind: "boolean" | "number" | "string"): string | null {
  const value = data[field];
  return value === undefined || typeof value === kind
    ? null
    : `${field} is ${shown(value)}, not a ${kind}`;
}

/** A value as a violation's detail names it; total over anything an app can post (`brief`). */
function shown(value: unknown): string {
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "an array";
  return brief(value);
}

const first = (...results: (string | null)[]) => results.find((r) => r !== null) ?? null;

/** The rule `shapeViolation` checks, with what to do about it. */
export const MESSAGE_SHAPE = {
  id: "message-shape",
  text: "A message is an object with a string type",
  fix: "Post to HubSpot only through the SDK's methods: each message an object with a string type.",
} as const;

/**
 * What the SDK's host code itself needs of a message before any rule can look at it: an object
 * with a string `type`. Checked by the stand-in ahead of the SDK, which throws on `null`.
 */
export function shapeViolation(data: unknown): Violation | null {
  if (isRecord(data) && typeof data.type === "string" && data.type.length <= 100) return null;
  const what = isRecord(data) ? `a message whose type is ${shown(data.type)}` : shown(data);
  return {
    rule: MESSAGE_SHAPE.id,
    text: MESSAGE_SHAPE.text,
    detail: `${what}: dropped before the SDK's host code`,
  };
}

export const RULES: readonly Rule[] = [
  {
    id: "known-type",
    text: "Only the SDK's app-to-HubSpot message types are sent",
    fix: "Send only the SDK's message types (its methods send them); drop messages of your own.",
    types: "*",
    check: (_data, _ctx, type) =>
      APP_TO_HUBSPOT_TYPES.includes(type) ? null : `${type} is not one of them`,
  },
  {
    id: "initialized-first",
    text: "INITIALIZED comes first after the handshake",
    fix: "Call initialized() in onReady, before anything else (the user's log-in, a call).",
    types: "*",
    check: (_data, ctx, type) =>
      ctx.initialized || type === MESSAGE.INITIALIZED ? null : `${type} came before INITIALIZED`,
  },
  {
    id: "initialized-fields",
    text: "INITIALIZED carries isLoggedIn, and isAvailable and sizeInfo with their types",
    fix: "Pass initialized({ isLoggedIn: true|false, isAvailable?: boolean, sizeInfo?: { width, height } }).",
    types: [MESSAGE.INITIALIZED],
    check: (data) =>
      first(
        typeof data.isLoggedIn === "boolean"
          ? null
          : `isLoggedIn is ${shown(data.isLoggedIn)}, not a boolean`,
        optional(data, "isAvailable", "boolean"),
        data.sizeInfo === undefined ||
          (isRecord(data.sizeInfo) &&
            typeof data.sizeInfo.width === "number" &&
            typeof data.sizeInfo.height === "number")
          ? null
          : "sizeInfo is not { width: number, height: number }",
      ),
  },
  {
    id: "logged-in",
    text: "A call starts only while the user is logged in",
    fix: "Call userLoggedIn() (or initialized with isLoggedIn: true) before a call starts, and not userLoggedOut() during one.",
    types: [MESSAGE.OUTGOING_CALL_STARTED, MESSAGE.INCOMING_CALL],
    check: (_data, ctx) =>
      ctx.loggedIn ? null : "no LOGGED_IN before this call (or LOGGED_OUT since)",
  },
  {
    id: "outgoing-fields",
    text: "OUTGOING_CALL_STARTED carries externalCallId, toNumber and fromNumber, and typed callStartTime and createEngagement",
    fix: "Pass outgoingCall({ externalCallId, toNumber, fromNumber, callStartTime, createEngagement: true }) as strings, a number and a boolean.",
    types: [MESSAGE.OUTGOING_CALL_STARTED],
    check: (data) =>
      first(
        strings(data, "externalCallId", "toNumber", "fromNumber"),
        optional(data, "callStartTime", "number"),
        optional(data, "createEngagement", "boolean"),
      ),
  },
  {
    id: "incoming-fields",
    text: "INCOMING_CALL carries externalCallId, fromNumber and toNumber, and typed callStartTime and createEngagement",
    fix: "Pass incomingCall({ externalCallId, fromNumber, toNumber, callStartTime, createEngagement: true }) as strings, a number and a boolean.",
    types: [MESSAGE.INCOMING_CALL],
    check: (data) =>
      first(
        strings(data, "externalCallId", "fromNumber", "toNumber"),
        optional(data, "callStartTime", "number"),
        optional(data, "createEngagement", "boolean"),
      ),
  },
  {
    id: "one-call",
    text: "A call starts only after the previous one was completed or transferred (else the previous one stays a ghost call log)",
    fix: "Complete (callCompleted) or transfer the call in progress before another starts; start one call per click on Call.",
    types: [MESSAGE.OUTGOING_CALL_STARTED, MESSAGE.INCOMING_CALL],
    check: (_data, ctx) =>
      ctx.call ? `call ${ctx.call.externalCallId} is still ${ctx.call.phase}` : null,
  },
  {
    id: "ghost-call",
    text: "A call with an engagement is completed before the app logs out or comes back without it (else its engagement stays a ghost call log)",
    fix: "Complete every call (callCompleted), from a control or by the app itself when the call ends; keep the call across a reload (storage, or your backend) and send initialized with its engagementId; complete it before logging out.",
    types: [MESSAGE.LOGGED_OUT, MESSAGE.INITIALIZED],
    check: (data, ctx, type) =>
      abandons(ctx, type, data) ? `call ${ctx.call?.externalCallId} was never completed` : null,
  },
  {
    id: "call-in-progress",
    text: "CALL_ANSWERED, CALL_ENDED, CALL_COMPLETED and CALL_TRANSFERRED come only during a call",
    fix: "Send callAnswered, callEnded, callCompleted and callTransferred only between a call's start and its completion.",
    types: CALL_MESSAGES,
    check: (_data, ctx, type) => (ctx.call ? null : `${type} with no call started`),
  },
  {
    id: "same-call-id",
    text: "A message about a call carries the externalCallId the call started with, or none",
    fix: "Use the externalCallId the call started with in every message about it.",
    types: CALL_MESSAGES,
    // None is the call in progress: HubSpot's demo-minimal-js answers END_CALL with a bare
    // callEnded(), and HubSpot takes it.
    check: (data, ctx) =>
      !ctx.call ||
      data.externalCallId === undefined ||
      data.externalCallId === ctx.call.externalCallId
        ? null
        : `externalCallId is ${shown(data.externalCallId)}, the call is "${ctx.call.externalCallId}"`,
  },
  {
    id: "answer-order",
    text: "CALL_ANSWERED comes once, before CALL_ENDED",
    fix: "Call callAnswered once per call, before callEnded (one listener on the callee's answer).",
    types: [MESSAGE.CALL_ANSWERED],
    check: (_data, ctx) =>
      !ctx.call || ctx.call.phase === "started" ? null : `the call is already ${ctx.call.phase}`,
  },
  {
    id: "end-order",
    text: "CALL_ENDED comes once per call",
    fix: "Call callEnded once per call (one listener on the end of a call).",
    types: [MESSAGE.CALL_ENDED],
    check: (_data, ctx) => (ctx.call?.phase === "ended" ? "the call had already ended" : null),
  },
  {
    id: "end-status",
    text: `CALL_ENDED's callEndStatus, if any, is one HubSpot knows (${END_STATUSES.join(", ")})`,
    fix: "Give callEndStatus one of the SDK's end statuses, or leave it out.",
    types: [MESSAGE.CALL_ENDED],
    // Optional in the SDK's own type (OnCallEnded), and left out by HubSpot's demo-minimal-js.
    check: (data) =>
      data.callEndStatus === undefined ||
      (END_STATUSES as readonly unknown[]).includes(data.callEndStatus)
        ? null
        : `callEndStatus is ${shown(data.callEndStatus)}`,
  },
  {
    id: "complete-after-end",
    text: "CALL_COMPLETED comes after CALL_ENDED",
    fix: "Call callEnded before callCompleted.",
    types: [MESSAGE.CALL_COMPLETED],
    check: (_data, ctx) =>
      !ctx.call || ctx.call.phase === "ended" ? null : `the call is ${ctx.call.phase}, not ended`,
  },
  {
    id: "transfer-connected",
    text: "CALL_TRANSFERRED comes while the call is connected",
    fix: "Transfer a call only once it is connected (after callAnswered).",
    types: [MESSAGE.CALL_TRANSFERRED],
    check: (_data, ctx) =>
      !ctx.call || ctx.call.phase === "answered" ? null : `the call is ${ctx.call.phase}`,
  },
  {
    id: "engagement-issued",
    text: "An engagementId is one HubSpot issued",
    fix: "Send only an engagementId HubSpot gave you (onCreateEngagementSucceeded), or none.",
    types: WITH_ENGAGEMENT,
    check: (data, ctx) => {
      const id = data.engagementId;
      // HubSpot's own demos say "no engagement" with 0 (demo-react-ts's INITIALIZED, and
      // demo-minimal-js's CALL_COMPLETED when none was created) or null (an empty React state).
      if (id === undefined || id === null || id === 0) return null;
      return isId(id) && ctx.engagementIds.includes(id as number)
        ? null
        : `engagementId ${shown(id)} was never issued`;
    },
  },
  {
    id: "engagement-properties",
    text: "engagementProperties is an object of strings, numbers and nulls",
    fix: "Give engagementProperties as strings and numbers (null leaves one empty), and hideWidget as a boolean.",
    types: [MESSAGE.CALL_COMPLETED],
    // null leaves a property empty: HubSpot's demo-react-ts sends hs_call_recording_url: null.
    check: (data) => {
      const props = data.engagementProperties;
      if (props === undefined) return null;
      if (!isRecord(props)) return `engagementProperties is ${shown(props)}`;
      const bad = Object.entries(props).find(
        ([, v]) => typeof v !== "string" && typeof v !== "number" && v !== null,
      );
      return bad ? `${bad[0]} is ${shown(bad[1])}` : optional(data, "hideWidget", "boolean");
    },
  },
  {
    id: "finalize-fields",
    text: "FINALIZE_ENGAGEMENT carries externalCallId and engagementId",
    fix: "Pass finalizeEngagement({ externalCallId, engagementId }) with the id HubSpot created.",
    types: [MESSAGE.FINALIZE_ENGAGEMENT, MESSAGE.PUBLISH_TO_CHANNEL],
    check: (data) =>
      first(
        strings(data, "externalCallId"),
        isId(data.engagementId) ? null : `engagementId is ${shown(data.engagementId)}`,
      ),
  },
  {
    id: "navigate-fields",
    text: 'NAVIGATE_TO_RECORD carries objectCoordinates { portalId, objectId, objectTypeId "0-1" or "0-2" }, and openIn, if any, is CURRENT_TAB or NEW_TAB',
    fix: 'Pass navigateToRecord({ objectCoordinates: { portalId, objectId, objectTypeId: "0-1" or "0-2" }, openIn?: "CURRENT_TAB" or "NEW_TAB" }).',
    types: [MESSAGE.NAVIGATE_TO_RECORD],
    check: (data) => {
      const c = data.objectCoordinates;
      if (!isRecord(c)) return `objectCoordinates is ${shown(c)}`;
      if (!isId(c.portalId) || !isId(c.objectId))
        return "portalId and objectId must be positive integers";
      if (c.objectTypeId !== "0-1" && c.objectTypeId !== "0-2")
        return `objectTypeId is ${shown(c.objectTypeId)}`;
      const { openIn } = data;
      return openIn === undefined || openIn === "CURRENT_TAB" || openIn === "NEW_TAB"
        ? null
        : `openIn is ${shown(openIn)}`;
    },
  },
  {
    id: "error-message",
    text: "ERROR carries a message string (or is the SDK's own, with one of its error types)",
    fix: "Pass sendError({ message }) with a string.",
    types: [MESSAGE.ERROR],
    check: (data) =>
      SDK_ERROR_TYPES.includes(data.type as string) ? null : strings(data, "message"),
  },
  {
    id: "resize-size",
    text: `RESIZE_WIDGET carries a width and height from ${FRAME_SIDE.min} to ${FRAME_SIDE.max} pixels`,
    fix: "Ask resizeWidget for a width and a height within the limits.",
    types: [MESSAGE.RESIZE_WIDGET],
    check: (data) =>
      isFrameSide(data.width) && isFrameSide(data.height)
        ? null
        : `width ${shown(data.width)}, height ${shown(data.height)}`,
  },
  {
    id: "widget-url",
    text: "SET_WIDGET_URL carries an https iFrameUrl",
    fix: "Pass setWidgetUrl an https:// address.",
    types: [MESSAGE.SET_WIDGET_URL],
    check: (data) => (isHttpsUrl(data.iFrameUrl) ? null : `iFrameUrl is ${shown(data.iFrameUrl)}`),
  },
];

/** The rules `message` breaks in `ctx`. */
export function check(ctx: ConformanceContext, message: AppMessageIn): Violation[] {
  const data: Data = isRecord(message.data) ? message.data : {};
  const violations: Violation[] = [];
  for (const rule of RULES) {
    if (rule.types !== "*" && !(rule.types as readonly string[]).includes(message.type)) continue;
    const detail = rule.check(data, ctx, message.type);
    if (detail !== null) violations.push({ rule: rule.id, text: rule.text, detail });
  }
  return violations;
}

/** The context after `message`, whether or not it broke a rule (so one mistake is reported once). */
export function advance(ctx: ConformanceContext, message: AppMessageIn): ConformanceContext {
  const data: Data = isRecord(message.data) ? message.data : {};
  const id = typeof data.externalCallId === "string" ? data.externalCallId : "";
  switch (message.type) {
    case MESSAGE.INITIALIZED: {
      const call = abandons(ctx, message.type, data) ? null : ctx.call;
      return { ...ctx, call, initialized: true, loggedIn: data.isLoggedIn === true };
    }
    case MESSAGE.LOGGED_IN:
      return { ...ctx, loggedIn: true };
    case MESSAGE.LOGGED_OUT:
      return { ...ctx, call: null, loggedIn: false };
    case MESSAGE.OUTGOING_CALL_STARTED:
    case MESSAGE.INCOMING_CALL:
      return { ...ctx, call: { externalCallId: id, phase: "started" } };
    case MESSAGE.CALL_ANSWERED:
      return ctx.call ? { ...ctx, call: { ...ctx.call, phase: "answered" } } : ctx;
    case MESSAGE.CALL_ENDED:
      return ctx.call ? { ...ctx, call: { ...ctx.call, phase: "ended" } } : ctx;
    case MESSAGE.CALL_COMPLETED:
    case MESSAGE.CALL_TRANSFERRED:
      return { ...ctx, call: null };
    default:
      return ctx;
  }
}

/** A new handshake (the frame loaded again): the app must send INITIALIZED again; the call stays. */
export function afterHandshake(ctx: ConformanceContext): ConformanceContext {
  return { ...ctx, initialized: false };
}

/** HubSpot created `engagementId`, for the call in progress. */
export function withEngagement(ctx: ConformanceContext, engagementId: number): ConformanceContext {
  const call =
    ctx.call && ctx.call.engagementId === undefined ? { ...ctx.call, engagementId } : ctx.call;
  return { ...ctx, call, engagementIds: [...ctx.engagementIds, engagementId] };
}

/**
 * Whether `data` (LOGGED_OUT, or INITIALIZED after a reload) leaves the call in progress behind:
 * logging out, or coming back without the call's engagement. A call with no engagement leaves no
 * call log, ghost or not.
 */
function abandons(ctx: ConformanceContext, type: string, data: Data): boolean {
  const engagementId = ctx.call?.engagementId;
  if (engagementId === undefined) return false;
  return (
    type === MESSAGE.LOGGED_OUT ||
    (type === MESSAGE.INITIALIZED && data.engagementId !== engagementId)
  );
}
