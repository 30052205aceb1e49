import { Constants } from "@hubspot/calling-extensions-sdk";
import { describe, expect, it } from "vitest";
import type { HostEvent } from "../src/hostMessages";
import { createEventHandlers } from "../src/hubspotEvents";

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
});
