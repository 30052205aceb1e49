/**
 * Facts of the protocol that both sides need, taken from the SDK rather than from either page, so
 * that the stand-in's rules do not repeat the softphone's own tables.
 */
import { Constants, type EndStatus } from "@hubspot/calling-extensions-sdk";

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
  ...Object.values(Constants.thirdPartyToHostEvents),
  Constants.messageType.ERROR,
  Constants.messageType.SET_WIDGET_URL,
];

/** The SDK handler a HubSpot message type is delivered to. */
export function handlerOf(type: string): string {
  return Constants.messageHandlerNames[type] ?? "defaultEventHandler";
}

/**
 * The SDK's own error types: the SDK itself sends `ERROR { type, data }` with one of these (an
 * unknown message type from HubSpot's side), where an app's `sendError` sends `{ message }`.
 */
export const SDK_ERROR_TYPES: readonly string[] = Object.values(Constants.errorType);
