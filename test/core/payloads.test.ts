import { describe, expect, it } from "vitest";
import type { Call } from "../../src/core/callState";
import { initialState } from "../../src/core/callState";
import * as payloads from "../../src/core/payloads";

const call: Call = {
  direction: "OUTBOUND",
  externalCallId: "call-1",
  toNumber: "+1 617-555-0101",
  fromNumber: "+1 555-010-0000",
  startedAt: 1_000,
  answeredAt: 3_000,
  endedAt: 63_000,
  endStatus: "BUSY",
  engagementId: 50_001,
};

describe("payloads", () => {
  it("initialized reports login, availability, size and the engagement of a call in progress", () => {
    const size = { width: 400, height: 650 };
    expect(payloads.initialized(initialState, size)).toEqual({
      type: "INITIALIZED",
      data: { isLoggedIn: false, isAvailable: false, sizeInfo: size },
    });
    const inCall = { ...initialState, phase: "connected" as const, available: true, call };
    expect(payloads.initialized(inCall, size)).toMatchObject({
      data: { isLoggedIn: true, isAvailable: true, engagementId: 50_001 },
    });
  });

  it("an outbound call sends every documented field, with the dialing context when there is one", () => {
    const dialingContext = { phoneNumber: call.toNumber, objectId: 101 };
    expect(payloads.callStarted({ ...call, dialingContext })).toEqual({
      type: "OUTGOING_CALL_STARTED",
      data: {
        externalCallId: "call-1",
        toNumber: "+1 617-555-0101",
        fromNumber: "+1 555-010-0000",
        callStartTime: 1_000,
        createEngagement: true,
        dialingContext,
      },
    });
    expect(payloads.callStarted(call)).not.toHaveProperty("data.dialingContext");
  });

  it("an inbound call is INCOMING_CALL", () => {
    expect(payloads.callStarted({ ...call, direction: "INBOUND" })).toEqual({
      type: "INCOMING_CALL",
      data: {
        externalCallId: "call-1",
        fromNumber: call.fromNumber,
        toNumber: call.toNumber,
        callStartTime: 1_000,
        createEngagement: true,
      },
    });
  });

  it("answer, end and transfer carry the call's id; end also the engagement and status", () => {
    expect(payloads.callAnswered(call)).toEqual({
      type: "CALL_ANSWERED",
      data: { externalCallId: "call-1" },
    });
    expect(payloads.callEnded(call, "NO_ANSWER")).toEqual({
      type: "CALL_ENDED",
      data: { externalCallId: "call-1", engagementId: 50_001, callEndStatus: "NO_ANSWER" },
    });
    expect(payloads.callTransferred(call)).toEqual({
      type: "CALL_TRANSFERRED",
      data: { externalCallId: "call-1" },
    });
  });

  it("an engagement id HubSpot never sent is left out, not invented", () => {
    const { engagementId: _, ...withoutId } = call;
    expect(payloads.callEnded(withoutId, "FAILED")).toEqual({
      type: "CALL_ENDED",
      data: { externalCallId: "call-1", callEndStatus: "FAILED" },
    });
  });

  it("complete carries the engagement, keeps the widget, and the notes as engagement properties", () => {
    expect(payloads.callCompleted(call, "Notes <b>")).toEqual({
      type: "CALL_COMPLETED",
      data: {
        externalCallId: "call-1",
        engagementId: 50_001,
        hideWidget: false,
        engagementProperties: {
          hs_timestamp: 1_000,
          hs_call_title: "Outbound call to +1 617-555-0101",
          hs_call_body: "Notes <b>",
          hs_call_direction: "OUTBOUND",
          hs_call_status: "BUSY",
          hs_call_duration: "60000",
          hs_call_from_number: "+1 555-010-0000",
          hs_call_to_number: "+1 617-555-0101",
        },
      },
    });
  });

  it("a call never answered lasts 0 ms", () => {
    const { answeredAt: _, ...unanswered } = call;
    const message = payloads.callCompleted(unanswered, "");
    expect(
      message.type === "CALL_COMPLETED" && message.data.engagementProperties?.hs_call_duration,
    ).toBe("0");
  });

  it("finalize carries both ids", () => {
    expect(payloads.finalizeEngagement({ ...call, engagementId: 9 })).toEqual({
      type: "FINALIZE_ENGAGEMENT",
      data: { externalCallId: "call-1", engagementId: 9 },
    });
    expect(
      payloads.finalizeEngagement({ ...call, engagementId: 9 }, "PUBLISH_TO_CHANNEL").type,
    ).toBe("PUBLISH_TO_CHANNEL");
  });
});
