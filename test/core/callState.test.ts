import { describe, expect, it } from "vitest";
import { type CallState, initialState, statusLabel, transition } from "../../src/core/callState";

const call = {
  direction: "OUTBOUND",
  externalCallId: "call-1",
  toNumber: "+1 617-555-0101",
  fromNumber: "+1 555-010-0000",
  startedAt: 1_000,
} as const;

const ready: CallState = { ...initialState, host: "ready", phase: "ready" };
const dialing: CallState = { ...ready, phase: "dialing", call };

describe("what HubSpot's messages change", () => {
  it("keeps a dialled number only from a trusted host", () => {
    const context = { phoneNumber: "+1 617" };
    expect(transition(ready, { type: "dialNumber", context })?.dialingContext).toBe(context);
    expect(transition(initialState, { type: "dialNumber", context })).toBeNull();
    expect(transition({ ...ready, host: "untrusted" }, { type: "dialNumber", context })).toBeNull();
  });

  it("takes the engagement id once, for the call in progress", () => {
    const withId = transition(dialing, { type: "engagementCreated", engagementId: 42 });
    expect(withId?.call?.engagementId).toBe(42);
    expect(
      withId && transition(withId, { type: "engagementCreated", engagementId: 43 }),
    ).toBeNull();
    expect(transition(ready, { type: "engagementCreated", engagementId: 42 })).toBeNull();
  });

  it("keeps caller-ID matches for an inbound call only", () => {
    const ringing: CallState = {
      ...dialing,
      phase: "ringing",
      call: { ...call, direction: "INBOUND" },
    };
    expect(
      transition(ringing, { type: "callerIdMatched", matches: [] })?.call?.callerIdMatches,
    ).toEqual([]);
    expect(transition(dialing, { type: "callerIdMatched", matches: [] })).toBeNull();
  });

  it("keeps the rest of a larger state as it is", () => {
    const larger = { ...dialing, notice: "kept" };
    expect(transition(larger, { type: "engagementCreated", engagementId: 1 })?.notice).toBe("kept");
  });
});

describe("the status shown", () => {
  it("names the host's state first, then the call's phase", () => {
    expect(statusLabel(initialState)).toBe("Waiting for HubSpot");
    expect(statusLabel({ ...initialState, host: "untrusted" })).toBe("Untrusted host");
    expect(statusLabel({ ...initialState, host: "ready" })).toBe("Logged out");
    expect(statusLabel(ready)).toBe("Ready");
    expect(statusLabel({ ...ready, available: true })).toBe("Ready, available");
    expect(statusLabel(dialing)).toBe("Dialing");
    expect(statusLabel({ ...dialing, phase: "ringing" })).toBe("Ringing");
    expect(statusLabel({ ...dialing, phase: "connected" })).toBe("Connected");
    expect(statusLabel({ ...dialing, phase: "ended" })).toBe("Ended");
  });
});
