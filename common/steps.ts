/**
 * The steps of a calling session, taken by HubSpot's side or by the app's user: what the stand-in
 * records in a session (host/session.ts) and what `npm run check` plays, each step followed by the
 * messages the app should send. The check's scenarios and a recorded session are both lists of
 * these, so one runner plays both.
 */

import { isRecord } from "./guards";
import { MESSAGE } from "./protocol";
import { brief } from "./text";

/**
 * The user's steps a scenario may take (an actions file maps each to the app's own controls), in
 * one table: the message that shows it was taken, by the user or by the app itself (what the step
 * "brings": a recorded session's user steps are inferred from it too), and the words for what the
 * user does, as a sentence ends ("the app did not log in by itself").
 */
export const USER_STEP_TABLE = {
  logIn: { brings: MESSAGE.LOGGED_IN, verb: "log in" },
  logOut: { brings: MESSAGE.LOGGED_OUT, verb: "log out" },
  available: { brings: MESSAGE.USER_AVAILABLE, verb: "make its user available" },
  dial: { brings: MESSAGE.OUTGOING_CALL_STARTED, verb: "dial" },
  incomingCall: { brings: MESSAGE.INCOMING_CALL, verb: "take an incoming call" },
  answer: { brings: MESSAGE.CALL_ANSWERED, verb: "answer" },
  end: { brings: MESSAGE.CALL_ENDED, verb: "end the call" },
  complete: { brings: MESSAGE.CALL_COMPLETED, verb: "complete the call" },
} as const;
export type UserStep = keyof typeof USER_STEP_TABLE;
export const USER_STEPS = Object.keys(USER_STEP_TABLE) as readonly UserStep[];

/** The message a user's step brings. */
export const brings = (step: UserStep): string => USER_STEP_TABLE[step].brings;

/** The user's step that brings `type`, if one does (a recorded session's steps, inferred). */
export function stepBringing(type: string): UserStep | undefined {
  return USER_STEPS.find((step) => USER_STEP_TABLE[step].brings === type);
}

/** The stand-in's fault switches, and its switches for HubSpot's quirks. */
export const FAULTS = [
  "failCreate",
  "failUpdate",
  "dialTwice",
  "objectIdZero",
  "engagementCreated",
] as const;
export type Fault = (typeof FAULTS)[number];

export const VISIBILITIES = ["minimised", "hidden", "visible"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Something HubSpot does, through the stand-in's own page where it has a control for it. */
export type HubSpotStep =
  | { readonly kind: "call"; readonly record: number; readonly phone: string }
  | { readonly kind: "send"; readonly type: string; readonly data?: unknown }
  | { readonly kind: "post"; readonly value: unknown }
  | { readonly kind: "visibility"; readonly to: Visibility }
  | { readonly kind: "reload" }
  | { readonly kind: "fault"; readonly fault: Fault; readonly on: boolean }
  /** Every answer HubSpot sends waits this long (the stand-in's "Answer delay"). */
  | { readonly kind: "delay"; readonly ms: number };

export type Step =
  | {
      readonly by: "user";
      readonly step: UserStep;
      /** Taken only if the actions file maps it (an app may have no such control). */
      readonly optional?: boolean;
    }
  | { readonly by: "hubspot"; readonly step: HubSpotStep };

/** A message the app should send after a step; `data`, when given, is compared by shape. */
export interface Expected {
  readonly type: string;
  readonly data?: unknown;
}

export interface PlannedStep {
  readonly step: Step;
  /** The app's messages that should follow, in this order (others may come between). */
  readonly expect: readonly Expected[];
}

const includes = <T>(list: readonly T[], value: unknown): value is T =>
  (list as readonly unknown[]).includes(value);
const isShortText = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= 100;
/** The longest answer delay a step may set: the stand-in's own field's maximum. */
export const MAX_DELAY_MS = 60_000;

/**
 * A step from anywhere it arrives as a value (a saved session, `window.standIn.perform` in a
 * page's console, a test): the step, or null when it is none. Total over any value.
 */
export function parseStep(value: unknown): Step | null {
  if (!isRecord(value)) return null;
  if (value.by === "user")
    return includes(USER_STEPS, value.step)
      ? { by: "user", step: value.step, ...(value.optional === true ? { optional: true } : {}) }
      : null;
  if (value.by !== "hubspot") return null;
  const step = parseHubSpotStep(value.step);
  return step ? { by: "hubspot", step } : null;
}

function parseHubSpotStep(value: unknown): HubSpotStep | null {
  if (!isRecord(value)) return null;
  switch (value.kind) {
    case "call":
      return typeof value.record === "number" && isShortText(value.phone)
        ? { kind: "call", record: value.record, phone: value.phone }
        : null;
    case "send":
      return isShortText(value.type) ? { kind: "send", type: value.type, data: value.data } : null;
    case "post":
      return { kind: "post", value: value.value };
    case "visibility":
      return includes(VISIBILITIES, value.to) ? { kind: "visibility", to: value.to } : null;
    case "reload":
      return { kind: "reload" };
    case "fault":
      return includes(FAULTS, value.fault) && typeof value.on === "boolean"
        ? { kind: "fault", fault: value.fault, on: value.on }
        : null;
    case "delay":
      return Number.isInteger(value.ms) &&
        (value.ms as number) >= 0 &&
        (value.ms as number) <= MAX_DELAY_MS
        ? { kind: "delay", ms: value.ms as number }
        : null;
    default:
      return null;
  }
}

/** A step, as a report names it. */
export function stepName(step: Step): string {
  if (step.by === "user") return `user: ${step.step}`;
  const s = step.step;
  switch (s.kind) {
    case "call":
      return `HubSpot: Call record ${s.record} at ${s.phone}`;
    case "send":
      return s.data === undefined
        ? `HubSpot sends ${s.type}`
        : `HubSpot sends ${s.type} with ${sentData(s.data)}`;
    case "post":
      return `HubSpot posts ${postedValue(s.value)}`;
    case "visibility":
      return `HubSpot: widget ${s.to}`;
    case "reload":
      return "HubSpot reloads the app's frame";
    case "fault":
      return `HubSpot: ${s.fault} ${s.on ? "on" : "off"}`;
    case "delay":
      return `HubSpot: answers delayed by ${s.ms.toLocaleString("en")} ms`;
  }
}

/**
 * A message's data, as a report names it: an object by its first keys and their values, briefly
 * (what tells one hostile DIAL_NUMBER from the next), anything else as `brief` says it.
 */
function sentData(data: unknown): string {
  try {
    if (!isRecord(data)) return shortValue(data);
    const keys = Object.keys(data);
    const shown = keys.slice(0, 3).map((key) => `${brief(key, 20)}: ${shortValue(data[key])}`);
    return `{ ${[...shown, ...(keys.length > 3 ? ["…"] : [])].join(", ")} }`;
  } catch {
    return "a value that cannot be read";
  }
}

/** A long string by its length, anything else as `brief` says it. */
function shortValue(value: unknown): string {
  return typeof value === "string" && value.length > 40
    ? `a string of ${value.length} characters`
    : brief(value, 30);
}

/** A value HubSpot posts, as a report names it: a message by its type, anything else briefly. */
function postedValue(value: unknown): string {
  if (isRecord(value) && typeof value.type === "string")
    return `a ${value.type.slice(0, 40)} message`;
  if (typeof value === "string" && value.length > 40)
    return `a string of ${value.length} characters`;
  return brief(value);
}
