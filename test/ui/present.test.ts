import { describe, expect, it } from "vitest";
import type { Call } from "../../src/core/callState";
import { initialSoftphone } from "../../src/core/softphone";
import { callerLine, clock, hostLine, statusLine } from "../../src/ui/present";

const call: Call = {
  direction: "INBOUND",
  externalCallId: "c1",
  toNumber: "+1 555",
  fromNumber: "+1 617",
  startedAt: 0,
};

describe("what the page shows", () => {
  it("the host line names the host, the frame, the portal and the calling window", () => {
    expect(hostLine(null)).toBe("–");
    expect(
      hostLine({
        hostUrl: "https://app.hubspot.com",
        iframeLocation: "remote",
        portalId: 7,
        usesCallingWindow: false,
      }),
    ).toBe("https://app.hubspot.com, remote, portal 7, calling window: no");
    expect(hostLine({})).toBe("unknown host");
  });

  it("the caller line shows HubSpot's matches, an unknown caller, or nothing", () => {
    expect(callerLine(null)).toBe("–");
    expect(callerLine(call)).toBe("–");
    expect(callerLine({ ...call, callerIdMatches: [] })).toBe("Unknown caller");
    const coordinates = { portalId: 7, objectId: 1, objectTypeId: "0-1" } as const;
    expect(
      callerLine({
        ...call,
        callerIdMatches: [
          { callerIdType: "CONTACT", objectCoordinates: coordinates, name: "Ada Lovelace" },
          { callerIdType: "COMPANY", objectCoordinates: coordinates, name: "Cobol Inc" },
        ],
      }),
    ).toBe("Ada Lovelace (contact), Cobol Inc (company)");
  });

  it("the status says a page opened outside HubSpot is not in it, instead of waiting for it", () => {
    const waiting = initialSoftphone();
    expect(statusLine(waiting)).toBe("Waiting for HubSpot");
    expect(statusLine({ ...waiting, outside: "opened on its own" })).toBe("Not in HubSpot");
    expect(statusLine({ ...waiting, host: "ready", phase: "ready" })).toBe("Ready");
  });

  it("the clock shows minutes and seconds", () => {
    expect(clock(0)).toBe("00:00");
    expect(clock(61_999)).toBe("01:01");
    expect(clock(3_600_000)).toBe("60:00");
  });
});
