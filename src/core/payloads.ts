/**
 * The messages each button sends, built from the call state alone. Pure, so every payload
 * HubSpot receives can be checked in a unit test.
 */
import type { EndStatus, OnNavigateToRecord, SizeInfo } from "@hubspot/calling-extensions-sdk";
import type { AppMessage } from "../protocol/appMessages";
import type { Call, CallState } from "./callState";

export function initialized(state: CallState, sizeInfo: SizeInfo): AppMessage {
  const engagementId = state.call?.engagementId;
  return {
    type: "INITIALIZED",
    data: {
      isLoggedIn: state.phase !== "loggedOut",
      isAvailable: state.available,
      sizeInfo,
      ...(engagementId === undefined ? {} : { engagementId }),
    },
  };
}

export function callStarted(call: Call): AppMessage {
  const { externalCallId, toNumber, fromNumber, startedAt: callStartTime } = call;
  if (call.direction === "INBOUND") {
    return {
      type: "INCOMING_CALL",
      data: { externalCallId, fromNumber, toNumber, callStartTime, createEngagement: true },
    };
  }
  return {
    type: "OUTGOING_CALL_STARTED",
    data: {
      externalCallId,
      toNumber,
      fromNumber,
      callStartTime,
      createEngagement: true,
      ...(call.dialingContext ? { dialingContext: call.dialingContext } : {}),
    },
  };
}

function withEngagement(call: Call) {
  return call.engagementId === undefined ? {} : { engagementId: call.engagementId };
}

export function callAnswered(call: Call): AppMessage {
  return { type: "CALL_ANSWERED", data: { externalCallId: call.externalCallId } };
}

export function callEnded(call: Call, callEndStatus: EndStatus): AppMessage {
  return {
    type: "CALL_ENDED",
    data: { externalCallId: call.externalCallId, ...withEngagement(call), callEndStatus },
  };
}

export function callTitle(call: Call): string {
  return call.direction === "INBOUND"
    ? `Inbound call from ${call.fromNumber}`
    : `Outbound call to ${call.toNumber}`;
}

export function callCompleted(call: Call, notes: string): AppMessage {
  const duration =
    call.answeredAt !== undefined ? (call.endedAt ?? call.answeredAt) - call.answeredAt : 0;
  return {
    type: "CALL_COMPLETED",
    data: {
      externalCallId: call.externalCallId,
      ...withEngagement(call),
      hideWidget: false,
      engagementProperties: {
        hs_timestamp: call.startedAt,
        hs_call_title: callTitle(call),
        hs_call_body: notes,
        hs_call_direction: call.direction,
        hs_call_status: call.endStatus ?? "COMPLETED",
        hs_call_duration: String(Math.max(0, duration)),
        hs_call_from_number: call.fromNumber,
        hs_call_to_number: call.toNumber,
      },
    },
  };
}

export function callTransferred(call: Call): AppMessage {
  return { type: "CALL_TRANSFERRED", data: { externalCallId: call.externalCallId } };
}

/** `publishToChannel` is the SDK's deprecated name for the same message. */
export function finalizeEngagement(
  call: Call & { engagementId: number },
  type: "FINALIZE_ENGAGEMENT" | "PUBLISH_TO_CHANNEL" = "FINALIZE_ENGAGEMENT",
): AppMessage {
  return { type, data: { externalCallId: call.externalCallId, engagementId: call.engagementId } };
}

/** Undocumented CALL_DATA: the softphone sends the call's id. */
export function callData(call: Call): AppMessage {
  return { type: "CALL_DATA", data: { externalCallId: call.externalCallId } };
}

export type OpenIn = NonNullable<OnNavigateToRecord["openIn"]>;

export const isOpenIn = (value: unknown): value is OpenIn =>
  value === "CURRENT_TAB" || value === "NEW_TAB";

/**
 * Opens the record HubSpot matched to the caller, in HubSpot's current tab or a new one (SDK
 * 0.9.7's `openIn`), filed with the call's engagement when known.
 */
export function navigateToRecord(call: Call, openIn: OpenIn): AppMessage | null {
  const match = call.callerIdMatches?.[0];
  if (!match) return null;
  return {
    type: "NAVIGATE_TO_RECORD",
    data: { objectCoordinates: match.objectCoordinates, ...withEngagement(call), openIn },
  };
}
