/**
 * HubSpot's side of the handshake, run by the SDK's own `IFrameManager` in host mode. The only
 * addition: HubSpot's SYNC carries the portal, user, owner and frame location, which the SDK's
 * host mode leaves out, so they are added to the SYNC message on its way out.
 */
import { Constants, IFrameManager } from "@hubspot/calling-extensions-sdk";
import { handledId } from "../../../common/handledNote";
import type { FrameLocation } from "../../../common/protocol";
import { shapeViolation, type Violation } from "../../contract/conformance";

export interface SyncInfo {
  readonly portalId: number;
  readonly userId: number;
  readonly ownerId: number;
  readonly iframeLocation: FrameLocation;
  readonly usesCallingWindow: boolean;
  readonly engagementId?: number;
}

/** The SDK handler a HubSpot message type is delivered to in the app, as the log names it. */
export function handlerOf(type: string): string {
  return Constants.messageHandlerNames[type] ?? "defaultEventHandler";
}

/** A message from the app, as `IFrameManager` hands it over. */
export interface FrameMessage {
  readonly type: string;
  readonly data?: unknown;
  readonly messageId?: string;
}

export interface HostFrameOptions {
  readonly src: string;
  readonly width: number;
  readonly height: number;
  /** A selector for the element the frame goes in (the SDK's host mode takes a selector). */
  readonly hostElementSelector: string;
  readonly sync: SyncInfo;
  /** The frame's accessible name. */
  readonly title: string;
  readonly onMessage: (message: FrameMessage) => void;
  /** A message from the app that is not an object with a type, dropped before the SDK sees it. */
  readonly onMalformed: (data: unknown, violation: Violation) => void;
  /** The kit's probe in the app's frame says the app has handled the message with this id. */
  readonly onHandled?: (messageId: string) => void;
  /** Keep the SDK's own console logging (`?debug`). */
  readonly debug?: boolean;
}

type SdkMessage = Parameters<IFrameManager["sendMessage"]>[0];

export class HostFrame extends IFrameManager {
  private readonly sync: SyncInfo;
  private readonly onMalformed: HostFrameOptions["onMalformed"];
  private readonly onHandled: HostFrameOptions["onHandled"];

  constructor(options: HostFrameOptions) {
    super({
      iFrameOptions: {
        src: options.src,
        width: `${options.width}px`,
        height: `${options.height}px`,
        hostElementSelector: options.hostElementSelector,
      },
      debugMode: options.debug === true,
      onMessageHandler: options.onMessage,
    });
    this.sync = options.sync;
    this.onMalformed = options.onMalformed;
    this.onHandled = options.onHandled;
    // The SDK logs every message to the console, labelled for the app's side ("To HubSpot" for
    // what HubSpot sends): the stand-in's own log shows them all, rightly labelled.
    if (!options.debug) this.logDebugMessage = () => {};
    // A frame needs a name for screen readers; the SDK gives it none.
    this.iFrame?.setAttribute("title", options.title);
  }

  /** How many messages this frame was sent, to make their ids unique. */
  private sent = 0;
  /** The id of the last message sent: the session records it with the message. */
  lastMessageId: string | undefined;

  override sendMessage(message: SdkMessage, callback?: (data: unknown) => void): void {
    if (message.type === "SYNC") {
      super.sendMessage({ ...this.sync, ...message }, callback);
      return;
    }
    // The SDK's ids are `${instance}_${Date.now()}`: two messages in one millisecond share one.
    // An error in the app is laid against the last message it received, by its id, so each gets
    // its own (same prefix, so the app's SDK reads it as HubSpot's as before).
    const messageId =
      message.messageId === undefined
        ? `${IFrameManager.createMessageId(this.instanceId)}-${++this.sent}`
        : String(message.messageId);
    this.lastMessageId = messageId;
    super.sendMessage({ ...message, messageId }, callback);
  }

  /**
   * The SDK's host mode turns SET_WIDGET_URL into a READY (it reads `iFrameUrl` from the message
   * envelope instead of its `data`, so the new URL is lost). HubSpot's widget acts on it, so the
   * stand-in takes it from the app first, after the same origin check the SDK makes.
   */
  override onMessage(event: { data: unknown; origin?: string }): void {
    const { data, origin } = event;
    // The kit's probe, not the app: its note is no message of the app's, nor one the SDK reads.
    const handled = origin === this.destinationHost ? handledId(data) : null;
    if (handled !== null) {
      this.onHandled?.(handled);
      return;
    }
    // The SDK's host code reads `event.data.type` before any check, and throws on `null`; the
    // stand-in drops such messages first, and reports those from the app.
    const malformed = shapeViolation(data);
    if (malformed) {
      if (origin === this.destinationHost) this.onMalformed(data, malformed);
      return;
    }
    const isSetWidgetUrl =
      typeof data === "object" && data !== null && (data as FrameMessage).type === "SET_WIDGET_URL";
    if (isSetWidgetUrl && origin === this.destinationHost) this.onMessageHandler(data);
    else super.onMessage(event as { data: unknown; origin?: string });
  }

  /** Loads the app's page again, as HubSpot does when the user navigates mid-call. */
  reload(): void {
    if (this.iFrame) this.iFrame.src = this.iFrame.src;
  }
}
