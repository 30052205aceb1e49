/**
 * Softphone → HubSpot: one table, `METHOD_OF`, names every message type the softphone sends and
 * the SDK method that sends it; the message union, the SDK methods it needs and the sending are
 * derived from it. Payloads are the SDK's own parameter types, widened or narrowed only where the
 * SDK's types and HubSpot's documentation disagree.
 */
import type CallingExtensions from "@hubspot/calling-extensions-sdk";
import type {
  OnCallEnded,
  OnInitialized,
  OnOutgoingCall,
  SizeInfo,
} from "@hubspot/calling-extensions-sdk";
import type { DialNumber } from "./hostMessages";

/** The SDK method that sends each message type, as the log panel names it. */
export const METHOD_OF = {
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
} as const satisfies Record<string, keyof CallingExtensions>;

export type AppMessageType = keyof typeof METHOD_OF;
type MethodName = (typeof METHOD_OF)[AppMessageType];

/** The SDK methods the softphone calls; a fake with the same shape stands in for it in tests. */
export type HubSpotMethods = Pick<CallingExtensions, MethodName>;

/** The SDK's `OnInitialized` lacks fields its documentation gives. */
export type InitializedPayload = OnInitialized & { isAvailable: boolean; sizeInfo?: SizeInfo };
/**
 * The SDK's `OnCallEnded` requires an engagement id; before HubSpot has answered with one (or
 * when it failed to create it) the field is left out rather than invented.
 */
export type CallEndedPayload = Omit<OnCallEnded, "engagementId"> & { engagementId?: number };
/** The documented `dialingContext` echo is missing from the SDK's `OnOutgoingCall`. */
export type OutgoingCallPayload = OnOutgoingCall & { dialingContext?: DialNumber };

interface PayloadOverrides {
  readonly INITIALIZED: InitializedPayload;
  readonly CALL_ENDED: CallEndedPayload;
  readonly OUTGOING_CALL_STARTED: OutgoingCallPayload;
  /** Undocumented: the SDK sends whatever it is given. */
  readonly CALL_DATA: Readonly<Record<string, unknown>>;
}

type PayloadOf<T extends AppMessageType> = T extends keyof PayloadOverrides
  ? PayloadOverrides[T]
  : Parameters<CallingExtensions[(typeof METHOD_OF)[T]]>[0];

/** One member per type: `{ type }` for the methods that take nothing, `{ type, data }` otherwise. */
export type AppMessage = {
  readonly [T in AppMessageType]: undefined extends PayloadOf<T>
    ? { readonly type: T }
    : { readonly type: T; readonly data: PayloadOf<T> };
}[AppMessageType];

export const APP_MESSAGE_TYPES = Object.keys(METHOD_OF) as readonly AppMessageType[];

/** The one place the softphone calls the SDK: every message goes through here. */
export function sendToHubSpot(sdk: HubSpotMethods, message: AppMessage): void {
  const method = sdk[METHOD_OF[message.type]] as (this: HubSpotMethods, data?: unknown) => void;
  method.call(sdk, "data" in message ? message.data : undefined);
}
