/**
 * The softphone's behaviour as one pure function: `decide(state, input, config)` takes what the
 * user did (with the form's values) or what HubSpot sent, and returns the next state, the messages
 * to send and a note for the log. The shell (`src/shell.ts`) performs the sends, logs them in
 * order, saves the state and renders it; nothing here touches the DOM, the SDK, storage or the
 * clock.
 */
import type { SizeInfo } from "@hubspot/calling-extensions-sdk";
import { isTrustedHost } from "../../common/trustedHosts";
import type { AppMessage } from "../protocol/appMessages";
import {
  callingWindowUrl,
  HELD_MAX,
  isRelayed,
  RELAYED_ANSWERS,
  type Receipt,
  receiptOf,
  roleOf,
} from "../protocol/callingWindow";
import {
  failureReason,
  type HostEvent,
  parseCallerIdMatches,
  parseDialNumber,
  parseEngagementId,
  parseReady,
  parseVisibility,
} from "../protocol/hostMessages";
import { ACTION_RULES, type Action, can, completeCall, endCall, type Outcome } from "./actions";
import { type CallState, initialState, isLive, transition } from "./callState";
import * as payloads from "./payloads";
import type { Form, SoftphoneState } from "./state";

export type { ErrorSlot, FieldName, Form, SoftphoneState, Visibility } from "./state";

export type Input =
  | {
      readonly kind: "act";
      readonly action: Action;
      readonly form: Form;
      readonly at: number;
      /** The id a call started by this action gets (only dial and incoming start one). */
      readonly callId?: string;
    }
  | { readonly kind: "host"; readonly event: HostEvent; readonly form: Form; readonly at: number }
  /** A call message from the calling window, for this (remote) frame to send. */
  | { readonly kind: "relayed"; readonly message: AppMessage }
  /** This remote frame now holds the relay lock. */
  | { readonly kind: "leader" }
  /** The leading remote frame sent this relayed message to HubSpot. */
  | { readonly kind: "receipt"; readonly receipt: Receipt }
  /** A moment has passed with no handshake. */
  | { readonly kind: "waiting" }
  /** The page is open on its own, or its framer sent no handshake. */
  | { readonly kind: "outside"; readonly reason: string }
  /**
   * The page is going away and will not keep the call (the browser refuses storage): end and
   * complete it now, rather than leave HubSpot a "ghost" call log that is never completed.
   */
  | { readonly kind: "leaving"; readonly at: number }
  /** A Copy button's outcome: `what` was copied, or the browser refused. */
  | { readonly kind: "copied"; readonly what: string; readonly ok: boolean };

export interface Config {
  readonly trustedHosts: readonly string[];
  readonly sizeInfo: SizeInfo;
  /** Whether a calling window can relay its messages to the remote frame (a BroadcastChannel). */
  readonly canRelay: boolean;
}

export interface Outgoing {
  readonly message: AppMessage;
  /** `relay`: to the remote frame, which sends it to HubSpot. */
  readonly to: "hubspot" | "relay";
  readonly note?: string;
}

export interface Decision {
  readonly state: SoftphoneState;
  readonly send: readonly Outgoing[];
  /** What the softphone made of a host message, for the log. */
  readonly note?: string;
  /** Field values to set in the form (a dialled number, notes cleared). */
  readonly fill?: Partial<Form>;
  /** HubSpot's answer, passed back to the calling window that made the call this frame sent. */
  readonly passBack?: HostEvent;
  /** Relayed messages this (leading) frame sent HubSpot, said on the channel. */
  readonly receipts?: readonly Receipt[];
}

export function initialSoftphone(call: CallState = initialState): SoftphoneState {
  return {
    ...call,
    role: "direct",
    hostInfo: null,
    visibility: "visible",
    notice: "",
    failure: "",
    errors: {},
    outside: null,
    leader: false,
    held: [],
    waited: false,
  };
}

/** Whether the page is shown: once HubSpot shook hands, the page is outside it, or it has waited. */
export function isShown(state: SoftphoneState): boolean {
  return state.host !== "pending" || state.outside !== null || state.waited;
}

/** Where HubSpot's calling window opens, for a remote frame without one; null otherwise. */
export function callingWindowFor(state: SoftphoneState): string | null {
  return state.role === "remote" && state.hostInfo ? callingWindowUrl(state.hostInfo) : null;
}

export function decide(state: SoftphoneState, input: Input, config: Config): Decision {
  switch (input.kind) {
    case "act":
      return act({ ...state, failure: "" }, input, config);
    case "host":
      return receive(state, input, config);
    case "relayed":
      // Only the leading remote frame talking to a trusted HubSpot sends what the window relays;
      // the others hold it until the leader says it sent it.
      if (state.role !== "remote" || state.host !== "ready") return { state, send: [] };
      if (!state.leader) {
        return {
          state: { ...state, held: [...state.held, input.message].slice(-HELD_MAX) },
          send: [],
        };
      }
      return sendRelayed(state, [input.message]);
    case "receipt": {
      const { type, externalCallId } = input.receipt;
      const at = state.held.findIndex(
        (m) => m.type === type && receiptOf(m)?.externalCallId === externalCallId,
      );
      if (at < 0) return { state, send: [] };
      return { state: { ...state, held: state.held.filter((_, i) => i !== at) }, send: [] };
    }
    case "outside":
      return {
        state: state.host === "pending" ? { ...state, outside: input.reason } : state,
        send: [],
      };
    case "leader":
      // What the last leader did not say it sent (its tab closed first) goes now. Only a remote
      // frame of a trusted HubSpot holds any.
      return sendRelayed({ ...state, leader: true }, state.held);
    case "waiting":
      return { state: state.waited ? state : { ...state, waited: true }, send: [] };
    case "leaving":
      return leave(state, input.at, config);
    case "copied":
      return input.ok
        ? told(state, `Copied ${input.what}.`)
        : {
            state: {
              ...state,
              failure: `Could not copy ${input.what}: select it and copy by hand.`,
            },
            send: [],
          };
  }
}

// --- The user's actions ---------------------------------------------------------------------

type ActInput = Extract<Input, { kind: "act" }>;

function out(state: SoftphoneState, message: AppMessage, config: Config): Outgoing {
  if (state.role === "callingWindow" && config.canRelay && isRelayed(message)) {
    return {
      message,
      to: "relay",
      note: "Relayed to the remote frame, which sends it to HubSpot.",
    };
  }
  return { message, to: "hubspot" };
}

/** The leading remote frame sends relayed messages to HubSpot, and says so on the channel. */
function sendRelayed(state: SoftphoneState, messages: readonly AppMessage[]): Decision {
  const receipts = messages.map(receiptOf).filter((r): r is Receipt => r !== null);
  return {
    state: state.held.length === 0 ? state : { ...state, held: [] },
    send: messages.map((message) => ({ message, to: "hubspot", note: "From the calling window." })),
    ...(receipts.length > 0 ? { receipts } : {}),
  };
}

/** An outcome as the shell performs it: its messages addressed, to HubSpot or the relay. */
function performed(outcome: Outcome, config: Config): Decision {
  if (!outcome.taken) return { state: outcome.state, send: [] };
  const { state, send, fill } = outcome;
  return { state, send: send.map((m) => out(state, m, config)), ...(fill ? { fill } : {}) };
}

function act(state: SoftphoneState, input: ActInput, config: Config): Decision {
  // The one gate: a button is enabled exactly when `can` says so, and a click on a disabled button
  // (a double click, a forced one) changes nothing.
  if (!can(state, input.action)) return { state, send: [] };
  return performed(ACTION_RULES[input.action].take(state, input), config);
}

/** The page is going away with a call HubSpot would keep open: end it if live, then complete it. */
function leave(state: SoftphoneState, at: number, config: Config): Decision {
  const ended = isLive(state.phase) ? endCall(state, at, "CANCELED") : undefined;
  const current = ended?.state ?? state;
  if (current.phase !== "ended") return { state, send: [] };
  const done = completeCall(current, LEFT_NOTE);
  const send = [...(ended?.taken ? ended.send : []), ...(done.taken ? done.send : [])];
  return performed({ taken: true, state: done.state, send }, config);
}

const LEFT_NOTE = "The page closed before the call was completed; the softphone completed it.";

// --- HubSpot's messages ---------------------------------------------------------------------

type HostInput = Extract<Input, { kind: "host" }>;

const noted = (state: SoftphoneState, note: string): Decision => ({ state, send: [], note });
const told = (state: SoftphoneState, notice: string): Decision => ({
  state: { ...state, notice },
  send: [],
});
const failed = (state: SoftphoneState, event: HostEvent): Decision => {
  const text = `${event.type}: ${failureReason(event.data)}`;
  return { state: { ...state, failure: text }, send: [], note: text };
};

function onReady(state: SoftphoneState, data: unknown, config: Config): Decision {
  const info = parseReady(data);
  const trusted = isTrustedHost(info.hostUrl, config.trustedHosts);
  const next: SoftphoneState = {
    ...state,
    // A second handshake (the frame reloaded) keeps the call: that is how a call survives.
    host: trusted ? "ready" : "untrusted",
    role: trusted ? roleOf(info) : ("direct" as const),
    hostInfo: info,
    outside: null,
  };
  const news = !trusted
    ? {
        failure: `This page is framed by ${info.hostUrl ?? "a host that gave no address"}, which is not a trusted HubSpot host: the softphone will send it nothing.`,
      }
    : next.call
      ? { notice: `Back in the call ${next.call.externalCallId} after a reload.` }
      : {};
  // An untrusted host gets nothing, not even `initialized`: that would tell any page that frames
  // the softphone whether its user is logged in, and the id of a call in progress.
  const send: Decision["send"] = trusted
    ? [{ message: payloads.initialized(next, config.sizeInfo), to: "hubspot" }]
    : [];
  // Back from a reload in a call: the form shows its numbers again (the page starts empty).
  const call = trusted ? next.call : null;
  const fill = !call
    ? {}
    : call.direction === "OUTBOUND"
      ? { fill: { phoneNumber: call.toNumber, fromNumber: call.fromNumber } }
      : { fill: { callerNumber: call.fromNumber, fromNumber: call.toNumber } };
  return { state: { ...next, ...news }, send, ...fill };
}

function onDialNumber(state: SoftphoneState, data: unknown): Decision {
  const context = parseDialNumber(data);
  if (!context) return noted(state, "DIAL_NUMBER had no valid phoneNumber: ignored.");
  // HubSpot sometimes delivers one click twice: the same payload again neither fills nor dials.
  const seen = [state.dialingContext, (state.call ?? state.lastCall)?.dialingContext];
  if (seen.some((c) => c && sameJson(c, context))) {
    return noted(state, "The same DIAL_NUMBER again (HubSpot delivered one click twice): ignored.");
  }
  const next = transition(state, { type: "dialNumber", context });
  if (!next) return noted(state, "Ignored: the host is not trusted.");
  if (next.phase !== "ready") return noted(next, "Kept for the next call: a call is in progress.");
  return {
    state: { ...next, errors: { ...next.errors, phoneNumber: "" } },
    send: [],
    fill: { phoneNumber: context.phoneNumber },
  };
}

/** Whether two payloads are the same as JSON; a payload that is not JSON (a cycle) is not. */
function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

function onEngagementCreated(state: SoftphoneState, event: HostEvent): Decision {
  const engagementId = parseEngagementId(event.data);
  if (engagementId === undefined) {
    return noted(state, `${event.type} had no valid engagementId: ignored.`);
  }
  const next = transition(state, { type: "engagementCreated", engagementId });
  if (!next) {
    return noted(state, `Engagement ${engagementId} ignored: no call is waiting for one.`);
  }
  return told(next, `HubSpot created engagement ${engagementId}.`);
}

function onCallerId(state: SoftphoneState, event: HostEvent): Decision {
  const matched = event.handler === "onCallerIdMatchSucceeded";
  const matches = matched ? parseCallerIdMatches(event.data) : [];
  if (matched && matches.length === 0)
    return noted(state, "No valid caller-ID match in the payload.");
  const next = transition(state, { type: "callerIdMatched", matches });
  // A failed match is shown whatever the call; a match for no inbound call is not ours.
  if (!matched) return failed(next ?? state, event);
  return next
    ? { state: next, send: [] }
    : noted(state, "Ignored: no inbound call is in progress.");
}

function receive(state: SoftphoneState, input: HostInput, config: Config): Decision {
  const result = onHost(state, input, config);
  const passOn =
    state.role === "remote" && state.leader && RELAYED_ANSWERS.includes(input.event.handler);
  return passOn ? { ...result, passBack: input.event } : result;
}

/** What HubSpot's message does, by the SDK handler it came to. */
function onHost(state: SoftphoneState, input: HostInput, config: Config): Decision {
  const { event } = input;
  const { data } = event;
  switch (event.handler) {
    case "onReady":
      return onReady(state, data, config);
    case "onDialNumber":
      return onDialNumber(state, data);
    case "onCreateEngagementSucceeded":
    case "onEngagementCreated":
      return onEngagementCreated(state, event);
    case "onUpdateEngagementSucceeded":
      return told(state, `HubSpot updated engagement ${parseEngagementId(data) ?? "(no id)"}.`);
    case "onEndCall":
      if (!can(state, "end"))
        return noted(state, "HubSpot asked to end a call, but none is in progress.");
      return performed(endCall(state, input.at, input.form.endStatus), config);
    case "onVisibilityChanged": {
      const { isMinimized, isHidden } = parseVisibility(data);
      const visibility = isHidden ? "hidden" : isMinimized ? "minimised" : "visible";
      return {
        state: state.visibility === visibility ? state : { ...state, visibility },
        send: [],
      };
    }
    case "onCallerIdMatchSucceeded":
    case "onCallerIdMatchFailed":
      return onCallerId(state, event);
    case "onFinalizeEngagementSucceeded":
    case "onPublishToChannelSucceeded":
      return told(state, `HubSpot finalized engagement ${parseEngagementId(data) ?? ""}`.trim());
    case "onCreateEngagementFailed":
    case "onUpdateEngagementFailed":
    case "onNavigateToRecordFailed":
    case "onFinalizeEngagementFailed":
    case "onPublishToChannelFailed":
    case "onSetWidgetUrlFailed":
    case "onInitiateCallIdFailed":
    case "onFailed":
      return failed(state, event);
    case "onInitiateCallIdSucceeded":
    case "onSetCallState":
      return { state, send: [] };
    case "defaultEventHandler":
      return noted(
        state,
        "Unknown to the SDK, which answered HubSpot with ERROR (UNKNOWN_MESSAGE_TYPE).",
      );
  }
}
