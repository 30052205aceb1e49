/**
 * The steps of a calling session, taken by HubSpot's side or by the app's user: what the stand-in
 * records in a session (host/session.ts) and what `npm run check` plays, each step followed by the
 * messages the app should send. The check's scenarios and a recorded session are both lists of
 * these, so one runner plays both.
 */
import { isRecord } from "./guards";
import { brief } from "./text";

/** The user's steps a scenario may take; an actions file maps each to the app's own controls. */
export const USER_STEPS = [
  "logIn",
  "logOut",
  "available",
  "dial",
  "incomingCall",
  "answer",
  "end",
  "complete",
] as const;
export type UserStep = (typeof USER_STEPS)[number];

/** The stand-in's fault switches, and its switches for HubSpot's quirks. */
export const FAULTS = ["failCreate", "failUpdate", "dialTwice", "objectIdZero"] as const;
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

/** A step, as a report names it. */
export function stepName(step: Step): string {
  if (step.by === "user") return `user: ${step.step}`;
  const s = step.step;
  switch (s.kind) {
    case "call":
      return `HubSpot: Call record ${s.record} at ${s.phone}`;
    case "send":
      return `HubSpot sends ${s.type}`;
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

/** A value HubSpot posts, as a report names it: a message by its type, anything else briefly. */
function postedValue(value: unknown): string {
  if (isRecord(value) && typeof value.type === "string")
    return `a ${value.type.slice(0, 40)} message`;
  if (typeof value === "string" && value.length > 40)
    return `a string of ${value.length} characters`;
  return brief(value);
}
