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

const MATCH = {
  callerIdType: "CONTACT",
  objectCoordinates: { portalId: 7, objectId: 101, objectTypeId: "0-1" },
  name: "Ada",
} as const;

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

  it("leaves out a missing engagement id altogether, rather than sending it as undefined", () => {
    const { engagementId: _, ...withoutId } = call;
    const size = { width: 400, height: 650 };
    const sent = [
      payloads.initialized({ ...initialState, phase: "connected", call: withoutId }, size),
      payloads.callEnded(withoutId, "FAILED"),
      payloads.callCompleted(withoutId, ""),
      payloads.navigateToRecord({ ...withoutId, callerIdMatches: [MATCH] }, "CURRENT_TAB"),
    ];
    for (const message of sent)
      expect(message && "data" in message && Object.keys(message.data)).not.toContain(
        "engagementId",
      );
  });

  it("an inbound call's title names the caller; a status HubSpot never got is COMPLETED", () => {
    const inbound: Call = { ...call, direction: "INBOUND", fromNumber: "+1 617-555-0102" };
    const { endStatus: _, ...transferred } = inbound;
    expect(payloads.callTitle(inbound)).toBe("Inbound call from +1 617-555-0102");
    expect(payloads.callCompleted(transferred, "")).toMatchObject({
      data: {
        engagementProperties: {
          hs_call_title: "Inbound call from +1 617-555-0102",
          hs_call_direction: "INBOUND",
          hs_call_status: "COMPLETED",
        },
      },
    });
  });

  it("CALL_DATA carries the call's id", () => {
    expect(payloads.callData(call)).toStrictEqual({
      type: "CALL_DATA",
      data: { externalCallId: "call-1" },
    });
  });

  it("opens the first record HubSpot matched, in a tab HubSpot knows, or nothing with no match", () => {
    expect(
      payloads.navigateToRecord({ ...call, callerIdMatches: [MATCH] }, "NEW_TAB"),
    ).toStrictEqual({
      type: "NAVIGATE_TO_RECORD",
      data: { objectCoordinates: MATCH.objectCoordinates, engagementId: 50_001, openIn: "NEW_TAB" },
    });
    expect(payloads.navigateToRecord({ ...call, callerIdMatches: [] }, "NEW_TAB")).toBeNull();
    expect(payloads.navigateToRecord(call, "NEW_TAB")).toBeNull();
    expect(["CURRENT_TAB", "NEW_TAB", "new_tab", "", undefined].map(payloads.isOpenIn)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
