/**
 * The softphone's call state, and what HubSpot's messages change in it: one pure function
 * `transition(state, event)`. The user's actions (and `can`, which enables their buttons) are one
 * table in `actions.ts`. Nothing here touches the DOM, the SDK or the clock: callers pass ids and
 * times in, so the rules can be tested (and fuzzed) in Node.
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

export interface NewCall {
  readonly externalCallId: string;
  readonly toNumber: string;
  readonly fromNumber: string;
  readonly startedAt: number;
}

/** What HubSpot's messages change in the call state (the user's actions are in `actions.ts`). */
export type CallEvent =
  | { readonly type: "dialNumber"; readonly context: DialNumber }
  | { readonly type: "engagementCreated"; readonly engagementId: number }
  | { readonly type: "callerIdMatched"; readonly matches: readonly CallerIdMatch[] };

export const initialState: CallState = {
  host: "pending",
  phase: "loggedOut",
  available: false,
  call: null,
  lastCall: null,
  dialingContext: null,
};

/**
 * The next state, or `null` when the current state does not take the event (the caller says why).
 * A state that carries more than the call (the softphone's) keeps the rest as it is.
 */
export function transition<S extends CallState>(state: S, event: CallEvent): S | null {
  switch (event.type) {
    case "dialNumber":
      return state.host === "ready" ? { ...state, dialingContext: event.context } : null;
    case "engagementCreated":
      // HubSpot issues one engagement per call: a second id, or one with no call, is not ours.
      if (!state.call || state.call.engagementId !== undefined) return null;
      return { ...state, call: { ...state.call, engagementId: event.engagementId } };
    case "callerIdMatched":
      if (state.call?.direction !== "INBOUND") return null;
      return { ...state, call: { ...state.call, callerIdMatches: event.matches } };
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
