/**
 * The softphone's call state: one pure function `transition(state, event) → state` and one
 * predicate `can(state, action)` that decides which buttons are enabled. Nothing here touches
 * the DOM, the SDK or the clock: callers pass ids and times in, so the rules can be tested
 * (and fuzzed) in Node.
 */
import type { EndStatus } from "@hubspot/calling-extensions-sdk";
import type { CallerIdMatch, DialNumber } from "../protocol/hostMessages";

export const PHASES = ["loggedOut", "ready", "dialing", "ringing", "connected", "ended"] as const;
export type Phase = (typeof PHASES)[number];

/** The phases of a call in progress, before it ended: the ones End applies to. */
const LIVE_PHASES: readonly Phase[] = ["dialing", "ringing", "connected"];
export const isLive = (phase: Phase): boolean => LIVE_PHASES.includes(phase);
/** The phases in which the state holds a call, until it is completed. */
export const hasCall = (phase: Phase): boolean => isLive(phase) || phase === "ended";

/**
 * `pending` until HubSpot's SYNC; `untrusted` when the host's origin is not on the trusted list,
 * in which case the softphone sends it nothing at all, not even `initialized`.
 */
export type HostStatus = "pending" | "ready" | "untrusted";

export interface Call {
  readonly direction: "OUTBOUND" | "INBOUND";
  readonly externalCallId: string;
  readonly toNumber: string;
  readonly fromNumber: string;
  readonly startedAt: number;
  readonly answeredAt?: number;
  readonly endedAt?: number;
  readonly endStatus?: EndStatus;
  readonly engagementId?: number;
  readonly dialingContext?: DialNumber;
  /** HubSpot's matches for an inbound caller; empty when HubSpot found none. */
  readonly callerIdMatches?: readonly CallerIdMatch[];
  readonly finalized?: boolean;
}

export interface CallState {
  readonly host: HostStatus;
  readonly phase: Phase;
  readonly available: boolean;
  /** The call in progress, from dial (or ring) until complete: present exactly when `hasCall(phase)`. */
  readonly call: Call | null;
  /** The last completed call, kept for `finalizeEngagement` and opening its caller's record. */
  readonly lastCall: Call | null;
  /** The last DIAL_NUMBER payload, echoed back in the next outgoing call. */
  readonly dialingContext: DialNumber | null;
}

/** Everything the user can do, one button each. */
export const ACTIONS = [
  "logIn",
  "logOut",
  "available",
  "unavailable",
  "dial",
  "incoming",
  "answer",
  "end",
  "complete",
  "transfer",
  "finalize",
  "publishToChannel",
  "callData",
  "openRecord",
  "sendError",
  "resize",
  "setWidgetUrl",
] as const;

export type Action = (typeof ACTIONS)[number];

export interface NewCall {
  readonly externalCallId: string;
  readonly toNumber: string;
  readonly fromNumber: string;
  readonly startedAt: number;
}

export type CallEvent =
  | { readonly type: "hostReady"; readonly trusted: boolean }
  | { readonly type: "logIn" }
  | { readonly type: "logOut" }
  | { readonly type: "available" }
  | { readonly type: "unavailable" }
  | { readonly type: "dialNumber"; readonly context: DialNumber }
  | { readonly type: "dial"; readonly call: NewCall }
  | { readonly type: "incoming"; readonly call: NewCall }
  | { readonly type: "engagementCreated"; readonly engagementId: number }
  | { readonly type: "callerIdMatched"; readonly matches: readonly CallerIdMatch[] }
  | { readonly type: "answer"; readonly at: number }
  | { readonly type: "end"; readonly at: number; readonly status: EndStatus }
  | { readonly type: "complete" }
  | { readonly type: "transfer"; readonly at: number }
  | { readonly type: "finalize" };

export const initialState: CallState = {
  host: "pending",
  phase: "loggedOut",
  available: false,
  call: null,
  lastCall: null,
  dialingContext: null,
};

/** Whether the user may take `action` now; a button is enabled exactly when this is true. */
export function can(state: CallState, action: Action): boolean {
  if (state.host !== "ready") return false;
  const { phase } = state;
  switch (action) {
    case "logIn":
      return phase === "loggedOut";
    case "logOut":
      return phase === "ready";
    // As in HubSpot's demos, availability (for inbound routing) changes only between calls.
    case "available":
      return phase === "ready" && !state.available;
    case "unavailable":
      return phase === "ready" && state.available;
    case "dial":
      return phase === "ready";
    case "incoming":
      return phase === "ready" && state.available;
    case "answer":
      return phase === "dialing" || phase === "ringing";
    case "end":
      return isLive(phase);
    case "complete":
      return phase === "ended";
    case "transfer":
      return phase === "connected";
    case "finalize":
    case "publishToChannel":
      return (
        phase === "ready" &&
        state.lastCall?.engagementId !== undefined &&
        state.lastCall.finalized !== true
      );
    case "callData":
      return state.call !== null;
    case "openRecord":
      return (state.call ?? state.lastCall)?.callerIdMatches?.[0] !== undefined;
    case "sendError":
    case "resize":
    case "setWidgetUrl":
      return true;
  }
}

/**
 * The next state. An event the current state does not allow returns `state` itself (the same
 * object), so a caller can tell a refused event from an accepted one. A state that carries more
 * than the call (the softphone's) keeps the rest as it is.
 */
export function transition<S extends CallState>(state: S, event: CallEvent): S {
  switch (event.type) {
    case "hostReady":
      // A second handshake (the frame reloaded) keeps the call: that is how a call survives.
      return { ...state, host: event.trusted ? "ready" : "untrusted" };
    case "logIn":
      return can(state, "logIn") ? { ...state, phase: "ready" } : state;
    case "logOut":
      return can(state, "logOut") ? { ...state, phase: "loggedOut", available: false } : state;
    case "available":
      return can(state, "available") ? { ...state, available: true } : state;
    case "unavailable":
      return can(state, "unavailable") ? { ...state, available: false } : state;
    case "dialNumber":
      return state.host === "ready" ? { ...state, dialingContext: event.context } : state;
    case "dial": {
      if (!can(state, "dial")) return state;
      // The context names the record HubSpot dialled; it belongs to this call only if the user
      // still dials that number.
      const context = state.dialingContext;
      const dialingContext =
        context?.phoneNumber.trim() === event.call.toNumber ? context : undefined;
      const call: Call = { ...event.call, direction: "OUTBOUND", dialingContext };
      return { ...state, phase: "dialing", call, dialingContext: null, lastCall: null };
    }
    case "incoming":
      if (!can(state, "incoming")) return state;
      return {
        ...state,
        phase: "ringing",
        call: { ...event.call, direction: "INBOUND" },
        lastCall: null,
      };
    case "engagementCreated":
      // HubSpot issues one engagement per call: a second id, or one with no call, is not ours.
      if (!state.call || state.call.engagementId !== undefined) return state;
      return { ...state, call: { ...state.call, engagementId: event.engagementId } };
    case "callerIdMatched":
      if (state.call?.direction !== "INBOUND") return state;
      return { ...state, call: { ...state.call, callerIdMatches: event.matches } };
    case "answer":
      if (!can(state, "answer") || !state.call) return state;
      return { ...state, phase: "connected", call: { ...state.call, answeredAt: event.at } };
    case "end":
      if (!can(state, "end") || !state.call) return state;
      return {
        ...state,
        phase: "ended",
        call: { ...state.call, endedAt: event.at, endStatus: event.status },
      };
    case "transfer":
      if (!can(state, "transfer") || !state.call) return state;
      return {
        ...state,
        phase: "ready",
        call: null,
        lastCall: { ...state.call, endedAt: event.at },
      };
    case "complete":
      if (!can(state, "complete")) return state;
      return { ...state, phase: "ready", call: null, lastCall: state.call };
    case "finalize":
      if (!can(state, "finalize") || !state.lastCall) return state;
      return { ...state, lastCall: { ...state.lastCall, finalized: true } };
  }
}

/** What the page shows as the call status. */
export function statusLabel(state: CallState): string {
  if (state.host === "pending") return "Waiting for HubSpot";
  if (state.host === "untrusted") return "Untrusted host";
  switch (state.phase) {
    case "loggedOut":
      return "Logged out";
    case "ready":
      return state.available ? "Ready, available" : "Ready";
    case "dialing":
      return "Dialing";
    case "ringing":
      return "Ringing";
    case "connected":
      return "Connected";
    case "ended":
      return "Ended";
  }
}

/** Milliseconds the timer shows: from the call's start until it ended, or until `now`. */
export function callDuration(call: Call | null, now: number): number {
  if (!call) return 0;
  return Math.max(0, (call.endedAt ?? now) - call.startedAt);
}
