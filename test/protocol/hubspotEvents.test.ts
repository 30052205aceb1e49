import { describe, expect, it } from "vitest";
import type { HostEvent } from "../../src/protocol/hostMessages";
import { createEventHandlers } from "../../src/protocol/hubspotEvents";

describe("createEventHandlers", () => {
  it("has a handler for every message the SDK routes, and the default one", () => {
    const handlers = createEventHandlers(() => {});
    // The SDK 0.9.7's handlers, written out here from its Constants.ts.
    expect(Object.keys(handlers).sort()).toEqual(
      [
        "onCallerIdMatchFailed",
        "onCallerIdMatchSucceeded",
        "onCreateEngagementFailed",
        "onCreateEngagementSucceeded",
        "onDialNumber",
        "onEndCall",
        "onEngagementCreated",
        "onInitiateCallIdFailed",
        "onInitiateCallIdSucceeded",
        "onNavigateToRecordFailed",
        "onPublishToChannelFailed",
        "onPublishToChannelSucceeded",
        "onFinalizeEngagementFailed",
        "onFinalizeEngagementSucceeded",
        "onReady",
        "onSetCallState",
        "onSetWidgetUrlFailed",
        "onUpdateEngagementFailed",
        "onUpdateEngagementSucceeded",
        "onVisibilityChanged",
        "onFailed",
        "defaultEventHandler",
      ].sort(),
    );
  });

  it("forwards the handler's name, the message type and the payload", () => {
    const events: HostEvent[] = [];
    const handlers = createEventHandlers((event) => events.push(event));
    handlers.onDialNumber(
      { phoneNumber: "+1" },
      { type: "DIAL_NUMBER", data: { phoneNumber: "+1" } },
    );
    handlers.defaultEventHandler(undefined, "not a message");
    expect(events).toEqual([
      { handler: "onDialNumber", type: "DIAL_NUMBER", data: { phoneNumber: "+1" } },
      { handler: "defaultEventHandler", type: "(no type)", data: undefined },
    ]);
  });

  it("passes onFailed on once, from the specific handler, except for the generic FAILED", () => {
    const events: HostEvent[] = [];
    const handlers = createEventHandlers((event) => events.push(event));
    handlers.onFailed({}, { type: "CREATE_ENGAGEMENT_FAILED" });
    handlers.onCreateEngagementFailed({}, { type: "CREATE_ENGAGEMENT_FAILED" });
    handlers.onFailed({}, { type: "FAILED" });
    expect(events.map((e) => e.handler)).toEqual(["onCreateEngagementFailed", "onFailed"]);
  });
});
