import { Constants } from "@hubspot/calling-extensions-sdk";
import { describe, expect, it } from "vitest";
import { APP_MESSAGE_TYPES, sendToHubSpot } from "../../src/protocol/appMessages";
import { fakeSdk, type Sent } from "../fakes";

describe("the softphone's message table", () => {
  it("has every app → HubSpot message type the SDK knows, and no other", () => {
    // The SDK files ERROR and SET_WIDGET_URL apart from its other app → HubSpot events.
    const sdk = [
      ...Object.values(Constants.thirdPartyToHostEvents),
      Constants.messageType.ERROR,
      Constants.messageType.SET_WIDGET_URL,
    ];
    expect([...APP_MESSAGE_TYPES].sort()).toEqual([...sdk].sort());
    expect(APP_MESSAGE_TYPES).toHaveLength(18);
  });

  it("sends each type with the SDK method of that name", () => {
    const sent: Sent[] = [];
    const sdk = fakeSdk(sent);
    sendToHubSpot(sdk, { type: "LOGGED_IN" });
    sendToHubSpot(sdk, { type: "ERROR", data: { message: "Mic" } });
    sendToHubSpot(sdk, { type: "SET_WIDGET_URL", data: { iFrameUrl: "https://a.example/" } });
    expect(sent).toEqual([
      { method: "userLoggedIn", payload: undefined },
      { method: "sendError", payload: { message: "Mic" } },
      { method: "setWidgetUrl", payload: { iFrameUrl: "https://a.example/" } },
    ]);
  });
});
