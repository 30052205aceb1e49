/**
 * Softphone → HubSpot: one union member per SDK method, with the SDK's own payload types, and the
 * one place that calls the SDK. Every message the softphone sends goes through `sendToHubSpot`,
 * so the log panel shows exactly what left.
 */
import type CallingExtensions from "@hubspot/calling-extensions-sdk";
import type {
  OnCallAnswered,
  OnCallCompleted,
  OnCallEnded,
  OnCallTransferred,
  OnError,
  OnFinalizeEngagement,
  OnIncomingCall,
  OnInitialized,
  OnNavigateToRecord,
  OnOutgoingCall,
  OnPublishToChannel,
  OnResize,
  OnSetWidgetUrl,
  SizeInfo,
} from "@hubspot/calling-extensions-sdk";
import type { DialNumber } from "./hostMessages";

/** The SDK's `OnInitialized` lacks fields its documentation gives. */
export type InitializedPayload = OnInitialized & { isAvailable: boolean; sizeInfo?: SizeInfo };
/**
 * The SDK's `OnCallEnded` requires an engagement id; before HubSpot has answered with one (or
 * when it failed to create it) the field is left out rather than invented.
 */
export type CallEndedPayload = Omit<OnCallEnded, "engagementId"> & { engagementId?: number };
/** The documented `dialingContext` echo is missing from the SDK's `OnOutgoingCall`. */
export type OutgoingCallPayload = OnOutgoingCall & { dialingContext?: DialNumber };

export type AppMessage =
  | { readonly type: "INITIALIZED"; readonly data: InitializedPayload }
  | { readonly type: "LOGGED_IN" }
  | { readonly type: "LOGGED_OUT" }
  | { readonly type: "USER_AVAILABLE" }
  | { readonly type: "USER_UNAVAILABLE" }
  | { readonly type: "OUTGOING_CALL_STARTED"; readonly data: OutgoingCallPayload }
  | { readonly type: "INCOMING_CALL"; readonly data: OnIncomingCall }
  | { readonly type: "CALL_ANSWERED"; readonly data: OnCallAnswered }
  | { readonly type: "CALL_ENDED"; readonly data: CallEndedPayload }
  | { readonly type: "CALL_COMPLETED"; readonly data: OnCallCompleted }
  | { readonly type: "CALL_TRANSFERRED"; readonly data: OnCallTransferred }
  | { readonly type: "FINALIZE_ENGAGEMENT"; readonly data: OnFinalizeEngagement }
  | { readonly type: "PUBLISH_TO_CHANNEL"; readonly data: OnPublishToChannel }
  /** Undocumented: the SDK sends whatever it is given. */
  | { readonly type: "CALL_DATA"; readonly data: Readonly<Record<string, unknown>> }
  | { readonly type: "NAVIGATE_TO_RECORD"; readonly data: OnNavigateToRecord }
  | { readonly type: "ERROR"; readonly data: OnError }
  | { readonly type: "RESIZE_WIDGET"; readonly data: OnResize }
  | { readonly type: "SET_WIDGET_URL"; readonly data: OnSetWidgetUrl };

export type AppMessageType = AppMessage["type"];

/** The SDK methods the softphone calls; a fake with the same shape stands in for it in tests. */
export type HubSpotMethods = Pick<
  CallingExtensions,
  | "initialized"
  | "userLoggedIn"
  | "userLoggedOut"
  | "userAvailable"
  | "userUnavailable"
  | "outgoingCall"
  | "incomingCall"
  | "callAnswered"
  | "callEnded"
  | "callCompleted"
  | "callTransferred"
  | "finalizeEngagement"
  | "publishToChannel"
  | "callData"
  | "navigateToRecord"
  | "sendError"
  | "resizeWidget"
  | "setWidgetUrl"
>;

/** The SDK method that sends each message type, as the log panel names it. */
export const METHOD_OF: Record<AppMessageType, keyof HubSpotMethods> = {
  INITIALIZED: "initialized",
  LOGGED_IN: "userLoggedIn",
  LOGGED_OUT: "userLoggedOut",
  USER_AVAILABLE: "userAvailable",
  USER_UNAVAILABLE: "userUnavailable",
  OUTGOING_CALL_STARTED: "outgoingCall",
  INCOMING_CALL: "incomingCall",
  CALL_ANSWERED: "callAnswered",
  CALL_ENDED: "callEnded",
  CALL_COMPLETED: "callCompleted",
  CALL_TRANSFERRED: "callTransferred",
  FINALIZE_ENGAGEMENT: "finalizeEngagement",
  PUBLISH_TO_CHANNEL: "publishToChannel",
  CALL_DATA: "callData",
  NAVIGATE_TO_RECORD: "navigateToRecord",
  ERROR: "sendError",
  RESIZE_WIDGET: "resizeWidget",
  SET_WIDGET_URL: "setWidgetUrl",
};

export function sendToHubSpot(sdk: HubSpotMethods, message: AppMessage): void {
  switch (message.type) {
    case "INITIALIZED":
      sdk.initialized(message.data);
      return;
    case "LOGGED_IN":
      sdk.userLoggedIn();
      return;
    case "LOGGED_OUT":
      sdk.userLoggedOut();
      return;
    case "USER_AVAILABLE":
      sdk.userAvailable();
      return;
    case "USER_UNAVAILABLE":
      sdk.userUnavailable();
      return;
    case "OUTGOING_CALL_STARTED":
      sdk.outgoingCall(message.data);
      return;
    case "INCOMING_CALL":
      sdk.incomingCall(message.data);
      return;
    case "CALL_ANSWERED":
      sdk.callAnswered(message.data);
      return;
    case "CALL_ENDED":
      sdk.callEnded(message.data as OnCallEnded);
      return;
    case "CALL_COMPLETED":
      sdk.callCompleted(message.data);
      return;
    case "CALL_TRANSFERRED":
      sdk.callTransferred(message.data);
      return;
    case "FINALIZE_ENGAGEMENT":
      sdk.finalizeEngagement(message.data);
      return;
    case "PUBLISH_TO_CHANNEL":
      sdk.publishToChannel(message.data);
      return;
    case "CALL_DATA":
      sdk.callData(message.data);
      return;
    case "NAVIGATE_TO_RECORD":
      sdk.navigateToRecord(message.data);
      return;
    case "ERROR":
      sdk.sendError(message.data);
      return;
    case "RESIZE_WIDGET":
      sdk.resizeWidget(message.data);
      return;
    case "SET_WIDGET_URL":
      sdk.setWidgetUrl(message.data);
      return;
  }
}
