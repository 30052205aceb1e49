/**
 * HubSpot's calling window. When HubSpot hosts the softphone as a "remote" frame without a calling
 * window of its own (`iframeLocation: "remote"`, `usesCallingWindow: false`), the user works in a
 * calling window the softphone opens (`iframeLocation: "window"`), and that window's softphone
 * relays its call messages over a BroadcastChannel to the remote one, which sends them to HubSpot:
 * the flow of HubSpot's own demos.
 */
import { isRecord } from "../../common/guards";
import type { AppMessage, AppMessageType } from "./appMessages";
import type { HandlerName, HostEvent, ReadyInfo } from "./hostMessages";

/** `direct`: talks to HubSpot itself; `remote`: also sends what the calling window relays. */
export type Role = "direct" | "remote" | "callingWindow";

export const CHANNEL = "hubspot-calling-softphone";

/** The messages about a call, which HubSpot expects from the remote frame. */
export const RELAYED_TYPES: readonly AppMessageType[] = [
  "OUTGOING_CALL_STARTED",
  "INCOMING_CALL",
  "CALL_ANSWERED",
  "CALL_ENDED",
  "CALL_COMPLETED",
  "CALL_TRANSFERRED",
  "CALL_DATA",
];

export function roleOf(info: ReadyInfo): Role {
  if (info.usesCallingWindow !== false) return "direct";
  if (info.iframeLocation === "remote") return "remote";
  return info.iframeLocation === "window" ? "callingWindow" : "direct";
}

export function isRelayed(message: AppMessage): boolean {
  return RELAYED_TYPES.includes(message.type);
}

/** HubSpot's page for the calling window, on the (trusted) host that framed the remote. */
export function callingWindowUrl(info: ReadyInfo): string | null {
  if (!info.hostUrl || info.portalId === undefined) return null;
  return `${info.hostUrl}/calling-integration-popup-ui/${info.portalId}?usesCallingWindow=false`;
}

/**
 * A relayed message, checked like any input: only same-origin pages can post to the channel, but
 * another version of the softphone, or a bug, could post anything.
 */
export function parseRelayed(data: unknown): AppMessage | null {
  if (!isRecord(data) || !RELAYED_TYPES.includes(data.type as AppMessageType)) return null;
  const payload = data.data;
  if (!isRecord(payload) || typeof payload.externalCallId !== "string") return null;
  if (payload.externalCallId.length === 0 || payload.externalCallId.length > 200) return null;
  return { type: data.type, data: payload } as AppMessage;
}

/** HubSpot's answers about a call, which the remote frame passes back to the calling window. */
export const RELAYED_ANSWERS: readonly HandlerName[] = [
  "onCreateEngagementSucceeded",
  "onCreateEngagementFailed",
  "onEngagementCreated",
  "onUpdateEngagementSucceeded",
  "onUpdateEngagementFailed",
  "onCallerIdMatchSucceeded",
  "onCallerIdMatchFailed",
  "onEndCall",
];

/**
 * Only one remote frame sends what the calling window relays, whatever the number of HubSpot tabs
 * (each has its own remote frame on the channel): the one holding this Web Lock. The lock goes
 * with its page, so when that tab closes, another remote frame takes over.
 */
export const RELAY_LOCK = "hubspot-calling-softphone:relay";

/**
 * What the leading remote frame says over the channel once it has sent a relayed message to
 * HubSpot. The other remote frames hold what they hear until then: if the leader's tab closes
 * before sending, the next leader sends it (a CALL_ENDED clicked just as a HubSpot tab closed was
 * lost in that handover).
 */
export interface Receipt {
  readonly type: AppMessageType;
  readonly externalCallId: string;
}

/** How many relayed messages a remote frame that does not lead holds (a call sends a handful). */
export const HELD_MAX = 20;

export function receiptOf(message: AppMessage): Receipt | null {
  const data: unknown = "data" in message ? message.data : undefined;
  const id = isRecord(data) ? data.externalCallId : undefined;
  return typeof id === "string" ? { type: message.type, externalCallId: id } : null;
}

/** A receipt heard on the channel, checked like any input. */
export function parseReceipt(data: unknown): Receipt | null {
  if (!isRecord(data) || !isRecord(data.sent)) return null;
  const { type, externalCallId } = data.sent;
  if (!RELAYED_TYPES.includes(type as AppMessageType)) return null;
  if (typeof externalCallId !== "string" || externalCallId.length > 200) return null;
  return { type: type as AppMessageType, externalCallId };
}

/** What goes over the channel: a relayed call message, HubSpot's answer passed back, a receipt. */
export type ChannelMessage =
  | AppMessage
  | { readonly answer: HostEvent }
  | { readonly sent: Receipt };

/** A HubSpot answer passed back over the channel, checked like any input. */
export function parseAnswer(data: unknown): HostEvent | null {
  if (!isRecord(data) || !isRecord(data.answer)) return null;
  const { handler, type } = data.answer;
  if (!RELAYED_ANSWERS.includes(handler as HandlerName)) return null;
  if (typeof type !== "string" || type.length > 100) return null;
  return { handler: handler as HandlerName, type, data: data.answer.data };
}
