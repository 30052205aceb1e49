/**
 * Facts of the protocol that both sides need, written out as data, so that what reads them (the
 * softphone's core, the stand-in's rules, the check in Node) needs no SDK code at run time. Each
 * list is checked against the SDK's own `Constants` by test/common/protocol.test.ts, and the end
 * statuses against its `EndStatus` type here.
 */
import type { EndStatus } from "@hubspot/calling-extensions-sdk";

/**
 * The end statuses HubSpot documents for `callEnded`, in the order the softphone offers them.
 * Keyed by the SDK's `EndStatus`, so a status added to or removed from the SDK fails the type check
 * (string keys keep their order).
 */
const END_STATUS_KEYS: Readonly<Record<EndStatus, true>> = {
  COMPLETED: true,
  FAILED: true,
  CANCELED: true,
  BUSY: true,
  NO_ANSWER: true,
  REJECTED: true,
  MISSED: true,
};

export const END_STATUSES = Object.keys(END_STATUS_KEYS) as readonly EndStatus[];

export function isEndStatus(value: unknown): value is EndStatus {
  return (END_STATUSES as readonly unknown[]).includes(value);
}

/**
 * Every message type a calling app may send HubSpot: the SDK's `thirdPartyToHostEvents`, plus the
 * two its methods send that the SDK files elsewhere (`sendError` → ERROR, `setWidgetUrl` →
 * SET_WIDGET_URL).
 */
export const APP_TO_HUBSPOT_TYPES: readonly string[] = [
  "CALL_ANSWERED",
  "CALL_COMPLETED",
  "CALL_DATA",
  "CALL_ENDED",
  "CALL_TRANSFERRED",
  "INCOMING_CALL",
  "INITIALIZED",
  "LOGGED_IN",
  "LOGGED_OUT",
  "NAVIGATE_TO_RECORD",
  "OUTGOING_CALL_STARTED",
  "PUBLISH_TO_CHANNEL",
  "RESIZE_WIDGET",
  "USER_AVAILABLE",
  "USER_UNAVAILABLE",
  "FINALIZE_ENGAGEMENT",
  "ERROR",
  "SET_WIDGET_URL",
];

/**
 * The SDK's own error types: the SDK itself sends `ERROR { type, data }` with one of these (an
 * unknown message type from HubSpot's side), where an app's `sendError` sends `{ message }`.
 */
export const SDK_ERROR_TYPES: readonly string[] = ["UNKNOWN_MESSAGE_TYPE"];

/** Where HubSpot puts a calling app (SYNC's `iframeLocation`): its widget, the remote frame, or its calling window. */
export const FRAME_LOCATIONS = ["widget", "remote", "window"] as const;
export type FrameLocation = (typeof FRAME_LOCATIONS)[number];

/**
 * Every message type of the protocol, both ways, as the SDK's `Constants.messageType` has them
 * (checked against it by test/common/protocol.test.ts), typed: the kit names a message by
 * `MESSAGE.CALL_COMPLETED`, so a misspelt one does not compile.
 */
export const MESSAGE = {
  CALL_ANSWERED: "CALL_ANSWERED",
  CALL_COMPLETED: "CALL_COMPLETED",
  CALL_DATA: "CALL_DATA",
  CALL_ENDED: "CALL_ENDED",
  CALL_TRANSFERRED: "CALL_TRANSFERRED",
  INCOMING_CALL: "INCOMING_CALL",
  INITIALIZED: "INITIALIZED",
  LOGGED_IN: "LOGGED_IN",
  LOGGED_OUT: "LOGGED_OUT",
  NAVIGATE_TO_RECORD: "NAVIGATE_TO_RECORD",
  OUTGOING_CALL_STARTED: "OUTGOING_CALL_STARTED",
  PUBLISH_TO_CHANNEL: "PUBLISH_TO_CHANNEL",
  RESIZE_WIDGET: "RESIZE_WIDGET",
  USER_AVAILABLE: "USER_AVAILABLE",
  USER_UNAVAILABLE: "USER_UNAVAILABLE",
  FINALIZE_ENGAGEMENT: "FINALIZE_ENGAGEMENT",
  CALLER_ID_MATCH_FAILED: "CALLER_ID_MATCH_FAILED",
  CALLER_ID_MATCH_SUCCEEDED: "CALLER_ID_MATCH_SUCCEEDED",
  CREATE_ENGAGEMENT_FAILED: "CREATE_ENGAGEMENT_FAILED",
  CREATE_ENGAGEMENT_SUCCEEDED: "CREATE_ENGAGEMENT_SUCCEEDED",
  DIAL_NUMBER: "DIAL_NUMBER",
  ENGAGEMENT_CREATED: "ENGAGEMENT_CREATED",
  INITIATE_CALL_ID_FAILED: "INITIATE_CALL_ID_FAILED",
  INITIATE_CALL_ID_SUCCEEDED: "INITIATE_CALL_ID_SUCCEEDED",
  NAVIGATE_TO_RECORD_FAILED: "NAVIGATE_TO_RECORD_FAILED",
  PUBLISH_TO_CHANNEL_FAILED: "PUBLISH_TO_CHANNEL_FAILED",
  PUBLISH_TO_CHANNEL_SUCCEEDED: "PUBLISH_TO_CHANNEL_SUCCEEDED",
  FINALIZE_ENGAGEMENT_FAILED: "FINALIZE_ENGAGEMENT_FAILED",
  FINALIZE_ENGAGEMENT_SUCCEEDED: "FINALIZE_ENGAGEMENT_SUCCEEDED",
  SET_WIDGET_URL_FAILED: "SET_WIDGET_URL_FAILED",
  UPDATE_ENGAGEMENT_FAILED: "UPDATE_ENGAGEMENT_FAILED",
  UPDATE_ENGAGEMENT_SUCCEEDED: "UPDATE_ENGAGEMENT_SUCCEEDED",
  VISIBILITY_CHANGED: "VISIBILITY_CHANGED",
  END_CALL: "END_CALL",
  ERROR: "ERROR",
  READY: "READY",
  SET_CALL_STATE: "SET_CALL_STATE",
  SET_WIDGET_URL: "SET_WIDGET_URL",
  SYNC_ACK_FAILED: "SYNC_ACK_FAILED",
  SYNC_ACK: "SYNC_ACK",
  SYNC: "SYNC",
  UNLOADING: "UNLOADING",
  FAILED: "FAILED",
} as const;
export type MessageType = keyof typeof MESSAGE;
