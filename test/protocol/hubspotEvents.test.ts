import { Constants } from "@hubspot/calling-extensions-sdk";
import { describe, expect, it } from "vitest";
import type { HostEvent } from "../../src/protocol/hostMessages";
import { createEventHandlers } from "../../src/protocol/hubspotEvents";

describe("createEventHandlers", () => {
  it("has a handler for every message the SDK routes, and the default one", () => {
    const handlers = createEventHandlers(() => {});
    const routed = new Set(Object.values(Constants.messageHandlerNames));
    expect(new Set(Object.keys(handlers))).toEqual(new Set([...routed, "defaultEventHandler"]));
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
