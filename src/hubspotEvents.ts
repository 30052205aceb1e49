/**
 * Every handler the SDK's `EventHandlers` type knows, each forwarding to one function as a
 * `HostEvent`. The object literal is typed against the SDK's own type, so a handler added to the
 * SDK and missing here fails the type check.
 */
import type { EventHandlers } from "@hubspot/calling-extensions-sdk";
import { type HandlerName, type HostEvent, isRecord } from "./hostMessages";

export function createEventHandlers(receive: (event: HostEvent) => void): Required<EventHandlers> {
  const on = (handler: HandlerName) => (data: unknown, message: unknown) => {
    const type = isRecord(message) && typeof message.type === "string" ? message.type : "(no type)";
    receive({ handler, type, data });
  };
  return {
    onReady: on("onReady"),
    onDialNumber: on("onDialNumber"),
    onCreateEngagementSucceeded: on("onCreateEngagementSucceeded"),
    onCreateEngagementFailed: on("onCreateEngagementFailed"),
    onEngagementCreated: on("onEngagementCreated"),
    onUpdateEngagementSucceeded: on("onUpdateEngagementSucceeded"),
    onUpdateEngagementFailed: on("onUpdateEngagementFailed"),
    onEndCall: on("onEndCall"),
    onVisibilityChanged: on("onVisibilityChanged"),
    onCallerIdMatchSucceeded: on("onCallerIdMatchSucceeded"),
    onCallerIdMatchFailed: on("onCallerIdMatchFailed"),
    onNavigateToRecordFailed: on("onNavigateToRecordFailed"),
    onPublishToChannelSucceeded: on("onPublishToChannelSucceeded"),
    onPublishToChannelFailed: on("onPublishToChannelFailed"),
    onFinalizeEngagementSucceeded: on("onFinalizeEngagementSucceeded"),
    onFinalizeEngagementFailed: on("onFinalizeEngagementFailed"),
    onSetWidgetUrlFailed: on("onSetWidgetUrlFailed"),
    onInitiateCallIdSucceeded: on("onInitiateCallIdSucceeded"),
    onInitiateCallIdFailed: on("onInitiateCallIdFailed"),
    onSetCallState: on("onSetCallState"),
    onFailed: on("onFailed"),
    defaultEventHandler: on("defaultEventHandler"),
  };
}
