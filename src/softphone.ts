/**
 * The softphone's behaviour: what each button sends and what each HubSpot message changes. It owns
 * the call state and gets everything else passed in (the SDK, the view, the log, clock and ids),
 * so it runs the same against the real SDK in a page and against fakes in a unit test.
 */
import type { SizeInfo } from "@hubspot/calling-extensions-sdk";
import { type AppMessage, type HubSpotMethods, METHOD_OF, sendToHubSpot } from "./appMessages";
import { callingWindowUrl, isRelayed, type Role, roleOf } from "./callingWindow";
import {
  type Action,
  type CallEvent,
  type CallState,
  can,
  initialState,
  transition,
} from "./callState";
import {
  failureReason,
  type HostEvent,
  parseCallerIdMatches,
  parseDialNumber,
  parseEngagementId,
  parseReady,
  parseVisibility,
} from "./hostMessages";
import type { MessageLog } from "./messageLog";
import * as payloads from "./payloads";
import { validatePhoneNumber } from "./phoneNumber";
import { isTrustedHost } from "./trustedHosts";
import type { SoftphoneView } from "./view";

export interface SoftphoneDeps {
  readonly hubspot: HubSpotMethods;
  readonly view: SoftphoneView;
  readonly log: MessageLog;
  readonly trustedHosts: readonly string[];
  readonly sizeInfo: () => SizeInfo;
  /** The state to start from, e.g. a call restored after the frame reloaded. */
  readonly initial?: CallState;
  /** Called with every new state, e.g. to keep the call across a reload. */
  readonly onChange?: (state: CallState) => void;
  readonly now?: () => number;
  readonly newCallId?: () => string;
  /** Posts a call message to the remote frame, when this softphone is HubSpot's calling window. */
  readonly relay?: (message: AppMessage) => void;
}

export interface Softphone {
  readonly state: CallState;
  /** Where the calling window opens, when HubSpot hosts this softphone as a remote without one. */
  readonly callingWindowUrl: string | null;
  act(action: Action): void;
  receive(event: HostEvent): void;
  /** A call message relayed from the calling window: the remote frame sends it to HubSpot. */
  forward(message: AppMessage): void;
}

export const MAX_ERROR_MESSAGE = 1_000;
const MIN_SIZE = 200;
const MAX_SIZE = 2_000;

export function createSoftphone(deps: SoftphoneDeps): Softphone {
  const { view, log } = deps;
  const now = deps.now ?? Date.now;
  const newCallId = deps.newCallId ?? (() => crypto.randomUUID());
  let state = deps.initial ?? initialState;

  let role: Role = "direct";
  let callingWindow: string | null = null;
  /** While a host message is handled, what it makes the softphone send is logged after it. */
  let deferred: [AppMessage, string | undefined][] | null = null;

  function logSent(message: AppMessage, note?: string) {
    const data = "data" in message ? message.data : undefined;
    log.add("out", message.type, METHOD_OF[message.type], data, note);
  }

  function send(message: AppMessage) {
    const relayed = role === "callingWindow" && deps.relay !== undefined && isRelayed(message);
    const note = relayed ? "Relayed to the remote frame, which sends it to HubSpot." : undefined;
    if (deferred) deferred.push([message, note]);
    else logSent(message, note);
    if (relayed) deps.relay?.(message);
    else sendToHubSpot(deps.hubspot, message);
  }

  function update(next: CallState) {
    state = next;
    deps.onChange?.(state);
    view.render(state);
  }

  /** Applies `event` and, when the state accepted it, sends what the new state says. */
  function step(event: CallEvent, message: (next: CallState) => AppMessage | null): boolean {
    const next = transition(state, event);
    if (next === state) return false;
    update(next);
    const built = message(next);
    if (built) send(built);
    return true;
  }

  /** Validates a phone field, showing or clearing its inline error. */
  function phone(
    field: "phoneNumber" | "fromNumber" | "callerNumber",
    label: string,
  ): string | null {
    const result = validatePhoneNumber(view.field(field), label);
    view.showError(field, result.ok ? "" : result.error);
    return result.ok ? result.value : null;
  }

  function startCall(direction: "dial" | "incoming") {
    if (!can(state, direction)) return;
    const [toLabel, fromLabel] =
      direction === "dial" ? ["Phone number", "From number"] : ["From number", "Caller number"];
    const toField = direction === "dial" ? "phoneNumber" : "fromNumber";
    const fromField = direction === "dial" ? "fromNumber" : "callerNumber";
    const toNumber = phone(toField, toLabel);
    const fromNumber = phone(fromField, fromLabel);
    if (toNumber === null || fromNumber === null) return;
    const call = { externalCallId: newCallId(), toNumber, fromNumber, startedAt: now() };
    step({ type: direction, call }, (next) => (next.call ? payloads.callStarted(next.call) : null));
  }

  function finalize(type: "FINALIZE_ENGAGEMENT" | "PUBLISH_TO_CHANNEL") {
    step({ type: "finalize" }, ({ lastCall }) =>
      lastCall?.engagementId !== undefined
        ? payloads.finalizeEngagement({ ...lastCall, engagementId: lastCall.engagementId }, type)
        : null,
    );
  }

  const actions: Record<Action, () => void> = {
    logIn: () => step({ type: "logIn" }, () => ({ type: "LOGGED_IN" })),
    logOut: () => step({ type: "logOut" }, () => ({ type: "LOGGED_OUT" })),
    available: () => step({ type: "available" }, () => ({ type: "USER_AVAILABLE" })),
    unavailable: () => step({ type: "unavailable" }, () => ({ type: "USER_UNAVAILABLE" })),
    dial: () => startCall("dial"),
    incoming: () => startCall("incoming"),
    answer: () =>
      step({ type: "answer", at: now() }, (next) =>
        next.call ? payloads.callAnswered(next.call) : null,
      ),
    end() {
      const chosen = view.field("endStatus");
      const status = payloads.isEndStatus(chosen) ? chosen : "COMPLETED";
      step({ type: "end", at: now(), status }, (next) =>
        next.call ? payloads.callEnded(next.call, status) : null,
      );
    },
    complete() {
      if (!can(state, "complete")) return;
      const notes = view.field("notes");
      const tooLong = notes.length > payloads.MAX_NOTES_LENGTH;
      view.showError(
        "notes",
        tooLong
          ? `Notes are too long: ${notes.length.toLocaleString("en")} characters, at most ${payloads.MAX_NOTES_LENGTH.toLocaleString("en")}.`
          : "",
      );
      if (tooLong) return;
      if (
        step({ type: "complete" }, (next) =>
          next.lastCall ? payloads.callCompleted(next.lastCall, notes) : null,
        )
      ) {
        view.setField("notes", "");
      }
    },
    transfer: () =>
      step({ type: "transfer", at: now() }, (next) =>
        next.lastCall ? payloads.callTransferred(next.lastCall) : null,
      ),
    finalize: () => finalize("FINALIZE_ENGAGEMENT"),
    publishToChannel: () => finalize("PUBLISH_TO_CHANNEL"),
    callData() {
      if (!can(state, "callData") || !state.call) return;
      send({ type: "CALL_DATA", data: { externalCallId: state.call.externalCallId } });
    },
    openRecord() {
      if (!can(state, "openRecord")) return;
      const call = state.call ?? state.lastCall;
      const match = call?.callerIdMatches?.[0];
      if (!call || !match) return;
      send({
        type: "NAVIGATE_TO_RECORD",
        data: {
          objectCoordinates: match.objectCoordinates,
          ...(call.engagementId === undefined ? {} : { engagementId: call.engagementId }),
        },
      });
    },
    sendError() {
      if (!can(state, "sendError")) return;
      const message = view.field("errorMessage").trim();
      const error =
        message === ""
          ? "Error message is required."
          : message.length > MAX_ERROR_MESSAGE
            ? `Error message is too long (at most ${MAX_ERROR_MESSAGE} characters).`
            : "";
      view.showError("errorMessage", error);
      if (!error) send({ type: "ERROR", data: { message } });
    },
    resize() {
      if (!can(state, "resize")) return;
      const width = Number(view.field("width"));
      const height = Number(view.field("height"));
      const valid = (n: number) => Number.isInteger(n) && n >= MIN_SIZE && n <= MAX_SIZE;
      const ok = valid(width) && valid(height);
      view.showError(
        "size",
        ok ? "" : `Width and height must be whole numbers from ${MIN_SIZE} to ${MAX_SIZE}.`,
      );
      if (ok) send({ type: "RESIZE_WIDGET", data: { width, height } });
    },
    setWidgetUrl() {
      if (!can(state, "setWidgetUrl")) return;
      const url = view.field("widgetUrl").trim();
      const ok = URL.canParse(url) && new URL(url).protocol === "https:";
      view.showError("widgetUrl", ok ? "" : "Widget URL must be a full https:// address.");
      if (ok) send({ type: "SET_WIDGET_URL", data: { iFrameUrl: url } });
    },
  };

  function onReady(data: unknown) {
    const info = parseReady(data);
    const trusted = isTrustedHost(info.hostUrl, deps.trustedHosts);
    role = trusted ? roleOf(info) : "direct";
    callingWindow = role === "remote" ? callingWindowUrl(info) : null;
    view.showCallingWindow(callingWindow !== null);
    update(transition(state, { type: "hostReady", trusted }));
    const where = [
      info.hostUrl ?? "unknown host",
      info.iframeLocation,
      info.portalId && `portal ${info.portalId}`,
    ];
    const windowNote =
      info.usesCallingWindow === undefined
        ? ""
        : `, calling window: ${info.usesCallingWindow ? "yes" : "no"}`;
    view.show("host", `${where.filter(Boolean).join(", ")}${windowNote}`);
    // HubSpot needs `initialized` in every case; an untrusted host gets nothing else.
    send(payloads.initialized(state, deps.sizeInfo()));
    if (!trusted) {
      view.notify(
        `This page is framed by ${info.hostUrl ?? "a host that gave no address"}, which is not a trusted HubSpot host: the softphone will send it nothing.`,
        "error",
      );
    } else if (state.call) {
      view.notify(`Back in the call ${state.call.externalCallId} after a reload.`);
    }
  }

  function onEngagementCreated(event: HostEvent) {
    const engagementId = parseEngagementId(event.data);
    if (engagementId === undefined) return `${event.type} had no valid engagementId: ignored.`;
    const next = transition(state, { type: "engagementCreated", engagementId });
    if (next === state) return `Engagement ${engagementId} ignored: no call is waiting for one.`;
    update(next);
    view.notify(`HubSpot created engagement ${engagementId}.`);
    return undefined;
  }

  /** What each handler does beyond logging; a returned string is a note for the log and the page. */
  function handle(event: HostEvent): string | undefined {
    const { data } = event;
    switch (event.handler) {
      case "onReady":
        onReady(data);
        return undefined;
      case "onDialNumber": {
        if (state.host !== "ready") return "Ignored: the host is not trusted.";
        const context = parseDialNumber(data);
        if (!context) return "DIAL_NUMBER had no valid phoneNumber: ignored.";
        update(transition(state, { type: "dialNumber", context }));
        if (state.phase !== "ready") return "Kept for the next call: a call is in progress.";
        view.setField("phoneNumber", context.phoneNumber);
        view.showError("phoneNumber", "");
        return undefined;
      }
      case "onCreateEngagementSucceeded":
      case "onEngagementCreated":
        return onEngagementCreated(event);
      case "onUpdateEngagementSucceeded":
        view.notify(`HubSpot updated engagement ${parseEngagementId(data) ?? "(no id)"}.`);
        return undefined;
      case "onEndCall":
        if (!can(state, "end")) return "HubSpot asked to end a call, but none is in progress.";
        actions.end();
        return undefined;
      case "onVisibilityChanged": {
        const { isMinimized, isHidden } = parseVisibility(data);
        view.show("visibility", isHidden ? "hidden" : isMinimized ? "minimised" : "visible");
        return undefined;
      }
      case "onCallerIdMatchSucceeded": {
        const matches = parseCallerIdMatches(data);
        if (matches.length === 0) return "No valid caller-ID match in the payload.";
        const next = transition(state, { type: "callerIdMatched", matches });
        if (next === state) return "Ignored: no inbound call is in progress.";
        update(next);
        view.show(
          "caller",
          matches.map((m) => `${m.name} (${m.callerIdType.toLowerCase()})`).join(", "),
        );
        return undefined;
      }
      case "onCallerIdMatchFailed":
        view.show("caller", "Unknown caller");
        return failed(event);
      case "onFinalizeEngagementSucceeded":
      case "onPublishToChannelSucceeded":
        view.notify(`HubSpot finalized engagement ${parseEngagementId(data) ?? ""}`.trim());
        return undefined;
      case "onCreateEngagementFailed":
      case "onUpdateEngagementFailed":
      case "onNavigateToRecordFailed":
      case "onFinalizeEngagementFailed":
      case "onPublishToChannelFailed":
      case "onSetWidgetUrlFailed":
      case "onInitiateCallIdFailed":
      case "onFailed":
        return failed(event);
      case "onInitiateCallIdSucceeded":
      case "onSetCallState":
        return undefined;
      case "defaultEventHandler":
        return `Unknown to the SDK, which answered HubSpot with ERROR (UNKNOWN_MESSAGE_TYPE).`;
    }
  }

  function failed(event: HostEvent): string {
    const text = `${event.type}: ${failureReason(event.data)}`;
    view.notify(text, "error");
    return text;
  }

  return {
    get state() {
      return state;
    },
    get callingWindowUrl() {
      return callingWindow;
    },
    act(action) {
      view.clearFailure();
      actions[action]();
    },
    receive(event) {
      // The SDK calls `onFailed` beside the specific handler of every `*_FAILED` message: handle it
      // once, in the specific handler, unless the message is the generic FAILED itself.
      if (event.handler === "onFailed" && event.type !== "FAILED") return;
      let note: string | undefined;
      const answers: [AppMessage, string | undefined][] = [];
      deferred = answers;
      try {
        note = handle(event);
      } catch (error) {
        // Parsers do not throw; this keeps a bug from reaching the SDK, which would drop the message.
        note = `The softphone failed on this message: ${error instanceof Error ? error.message : String(error)}`;
        view.notify(note, "error");
      } finally {
        deferred = null;
      }
      log.add("in", event.type, event.handler, event.data, note);
      for (const [message, sentNote] of answers) logSent(message, sentNote);
    },
    forward(message) {
      if (role !== "remote" || state.host !== "ready") return;
      logSent(message, "From the calling window.");
      sendToHubSpot(deps.hubspot, message);
    },
  };
}
