/**
 * Everything the softphone's user can do, one entry each: when its button is enabled, and what
 * taking it does (the next state and the messages it sends, or a refusal: a field to fix). `can`,
 * the view's buttons and the core all read this table, so a new action is one entry here and one
 * button (`data-action`) in index.html. Pure: what the user typed, and when, come in with it.
 */
import { isEndStatus } from "../../common/protocol";
import type { AppMessage } from "../protocol/appMessages";
import { type Call, type CallState, isLive, type NewCall } from "./callState";
import {
  type Validation,
  validateErrorMessage,
  validateNotes,
  validatePhoneNumber,
  validateSize,
  validateWidgetUrl,
} from "./input";
import * as payloads from "./payloads";
import type { ErrorSlot, Form, SoftphoneState } from "./state";

/** What the user typed, when, and the id a call started now gets. */
export interface Taking {
  readonly form: Form;
  readonly at: number;
  readonly callId?: string;
}

/** An action taken, with its messages (and fields to set); or refused, its state saying why. */
export type Outcome =
  | {
      readonly taken: true;
      readonly state: SoftphoneState;
      readonly send: readonly AppMessage[];
      readonly fill?: Partial<Form>;
    }
  | { readonly taken: false; readonly state: SoftphoneState };

export interface ActionRule {
  /** The state allows it (and so its button is enabled, once HubSpot is trusted). */
  readonly allowed: (state: CallState) => boolean;
  readonly take: (state: SoftphoneState, taking: Taking) => Outcome;
}

type Taken = Extract<Outcome, { taken: true }>;

const taken = (state: SoftphoneState, ...send: AppMessage[]): Taken => ({
  taken: true,
  state,
  send,
});
const refused = (state: SoftphoneState): Outcome => ({ taken: false, state });
const errorOf = (result: Validation<unknown>) => (result.ok ? "" : result.error);
const withErrors = (state: SoftphoneState, errors: Partial<Record<ErrorSlot, string>>) => ({
  ...state,
  errors: { ...state.errors, ...errors },
});

/** A call starts from the numbers the user typed: the dialled one and the From number, or a caller's. */
function startCall(direction: Call["direction"]) {
  return (state: SoftphoneState, { form, at, callId }: Taking): Outcome => {
    const outbound = direction === "OUTBOUND";
    const [toField, fromField] = outbound
      ? (["phoneNumber", "fromNumber"] as const)
      : (["fromNumber", "callerNumber"] as const);
    const to = validatePhoneNumber(form[toField], outbound ? "Phone number" : "From number");
    const from = validatePhoneNumber(form[fromField], outbound ? "From number" : "Caller number");
    const checked = withErrors(state, { [toField]: errorOf(to), [fromField]: errorOf(from) });
    if (!to.ok || !from.ok) return refused(checked);
    const started: NewCall = {
      externalCallId: callId ?? "",
      toNumber: to.value,
      fromNumber: from.value,
      startedAt: at,
    };
    // HubSpot's dialling context names the record it dialled: it belongs to this call only if the
    // user still dials that number.
    const context = state.dialingContext;
    const dialingContext =
      outbound && context?.phoneNumber.trim() === started.toNumber ? context : undefined;
    const call: Call = outbound
      ? { ...started, direction, dialingContext }
      : { ...started, direction };
    // The news of the last call (its engagement, its update) is not this call's.
    const next: SoftphoneState = {
      ...checked,
      phase: outbound ? "dialing" : "ringing",
      call,
      lastCall: null,
      notice: "",
      ...(outbound ? { dialingContext: null } : {}),
    };
    return taken(next, payloads.callStarted(call));
  };
}

/** Ends the call in progress with `status`, as the End button does (and HubSpot's End call). */
export function endCall(state: SoftphoneState, at: number, status: unknown): Outcome {
  if (!state.call) return refused(state);
  const endStatus = isEndStatus(status) ? status : "COMPLETED";
  const call: Call = { ...state.call, endedAt: at, endStatus };
  return taken({ ...state, phase: "ended", call }, payloads.callEnded(call, endStatus));
}

/** Completes the ended call with the user's notes (checked), and clears them. */
export function completeCall(state: SoftphoneState, notes: string): Outcome {
  const checked = validateNotes(notes);
  const next = withErrors(state, { notes: errorOf(checked) });
  if (!checked.ok || !state.call) return refused(next);
  const done: SoftphoneState = { ...next, phase: "ready", call: null, lastCall: state.call };
  return { ...taken(done, payloads.callCompleted(state.call, checked.value)), fill: { notes: "" } };
}

function finalize(type: "FINALIZE_ENGAGEMENT" | "PUBLISH_TO_CHANNEL") {
  return (state: SoftphoneState): Outcome => {
    const last = state.lastCall;
    if (last?.engagementId === undefined) return refused(state);
    const lastCall: Call = { ...last, finalized: true };
    return taken(
      { ...state, lastCall },
      payloads.finalizeEngagement({ ...last, engagementId: last.engagementId }, type),
    );
  };
}

/** Sends what a valid field makes, without changing the call, or shows why not under the field. */
function sendValid<T>(
  slot: ErrorSlot,
  check: (form: Form) => Validation<T>,
  build: (value: T) => AppMessage,
) {
  return (state: SoftphoneState, { form }: Taking): Outcome => {
    const result = check(form);
    const next = withErrors(state, { [slot]: errorOf(result) });
    return result.ok ? taken(next, build(result.value)) : refused(next);
  };
}

const finalizable = (s: CallState) =>
  s.phase === "ready" && s.lastCall?.engagementId !== undefined && s.lastCall.finalized !== true;

/** The table. Availability (for inbound routing) changes only between calls, as in HubSpot's demos. */
const RULES = {
  logIn: {
    allowed: (s) => s.phase === "loggedOut",
    take: (s) => taken({ ...s, phase: "ready" }, { type: "LOGGED_IN" }),
  },
  logOut: {
    allowed: (s) => s.phase === "ready",
    take: (s) => taken({ ...s, phase: "loggedOut", available: false }, { type: "LOGGED_OUT" }),
  },
  available: {
    allowed: (s) => s.phase === "ready" && !s.available,
    take: (s) => taken({ ...s, available: true }, { type: "USER_AVAILABLE" }),
  },
  unavailable: {
    allowed: (s) => s.phase === "ready" && s.available,
    take: (s) => taken({ ...s, available: false }, { type: "USER_UNAVAILABLE" }),
  },
  dial: { allowed: (s) => s.phase === "ready", take: startCall("OUTBOUND") },
  incoming: { allowed: (s) => s.phase === "ready" && s.available, take: startCall("INBOUND") },
  answer: {
    allowed: (s) => s.phase === "dialing" || s.phase === "ringing",
    take(s, { at }) {
      if (!s.call) return refused(s);
      const call: Call = { ...s.call, answeredAt: at };
      return taken({ ...s, phase: "connected", call }, payloads.callAnswered(call));
    },
  },
  end: {
    allowed: (s) => isLive(s.phase),
    take: (s, { form, at }) => endCall(s, at, form.endStatus),
  },
  complete: {
    allowed: (s) => s.phase === "ended",
    take: (s, { form }) => completeCall(s, form.notes),
  },
  transfer: {
    allowed: (s) => s.phase === "connected",
    take(s, { at }) {
      if (!s.call) return refused(s);
      const lastCall: Call = { ...s.call, endedAt: at };
      return taken(
        { ...s, phase: "ready", call: null, lastCall },
        payloads.callTransferred(lastCall),
      );
    },
  },
  finalize: { allowed: finalizable, take: finalize("FINALIZE_ENGAGEMENT") },
  publishToChannel: { allowed: finalizable, take: finalize("PUBLISH_TO_CHANNEL") },
  callData: {
    allowed: (s) => s.call !== null,
    take: (s) => (s.call ? taken(s, payloads.callData(s.call)) : refused(s)),
  },
  openRecord: {
    allowed: (s) => (s.call ?? s.lastCall)?.callerIdMatches?.[0] !== undefined,
    take(s, { form }) {
      const call = s.call ?? s.lastCall;
      const openIn = payloads.isOpenIn(form.openIn) ? form.openIn : "CURRENT_TAB";
      const message = call && payloads.navigateToRecord(call, openIn);
      return message ? taken(s, message) : refused(s);
    },
  },
  sendError: {
    allowed: () => true,
    take: sendValid(
      "errorMessage",
      (form) => validateErrorMessage(form.errorMessage),
      (message) => ({ type: "ERROR", data: { message } }),
    ),
  },
  resize: {
    allowed: () => true,
    take: sendValid(
      "size",
      (form) => validateSize(form.width, form.height),
      (data) => ({ type: "RESIZE_WIDGET", data }),
    ),
  },
  setWidgetUrl: {
    allowed: () => true,
    take: sendValid(
      "widgetUrl",
      (form) => validateWidgetUrl(form.widgetUrl),
      (iFrameUrl) => ({ type: "SET_WIDGET_URL", data: { iFrameUrl } }),
    ),
  },
} satisfies Record<string, ActionRule>;

export type Action = keyof typeof RULES;
export const ACTION_RULES: Readonly<Record<Action, ActionRule>> = RULES;

/** Every action, in the table's order (the page's buttons, the view's loop over them). */
export const ACTIONS = Object.keys(ACTION_RULES) as readonly Action[];

/** Whether the user may take `action` now: a button is enabled exactly when this is true. */
export function can(state: CallState, action: Action): boolean {
  return state.host === "ready" && ACTION_RULES[action].allowed(state);
}
