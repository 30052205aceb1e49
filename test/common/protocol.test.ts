/** The protocol's lists, written out in common/protocol.ts, against the SDK's own `Constants`. */
import { Constants } from "@hubspot/calling-extensions-sdk";
import { describe, expect, it } from "vitest";
import { APP_TO_HUBSPOT_TYPES, MESSAGE, SDK_ERROR_TYPES } from "../../common/protocol";

describe("the protocol's facts, as the SDK states them", () => {
  it("the app-to-HubSpot types are the SDK's, with the two its methods send from elsewhere", () => {
    expect([...APP_TO_HUBSPOT_TYPES].sort()).toEqual(
      [
        ...Object.values(Constants.thirdPartyToHostEvents),
        Constants.messageType.ERROR,
        Constants.messageType.SET_WIDGET_URL,
      ].sort(),
    );
  });

  it("every message type, both ways, is the SDK's, named as it is", () => {
    expect(Object.keys(MESSAGE).sort()).toEqual(Object.keys(Constants.messageType).sort());
    expect(Object.entries(MESSAGE).filter(([key, value]) => key !== value)).toEqual([]);
    expect(Object.values(MESSAGE).sort()).toEqual(Object.values(Constants.messageType).sort());
  });

  it("the SDK's own error types", () => {
    expect(SDK_ERROR_TYPES).toEqual(Object.values(Constants.errorType));
  });
});
