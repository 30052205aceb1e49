import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  type CallEvent,
  type CallState,
  callDuration,
  can,
  initialState,
  statusLabel,
  transition,
} from "../../src/core/callState";

const call = {
  externalCallId: "call-1",
  toNumber: "+1 617-555-0101",
  fromNumber: "+1 555-010-0000",
  startedAt: 1_000,
};

function run(...events: CallEvent[]): CallState {
  return events.reduce(transition, initialState);
}

const enabled = (state: CallState) => ACTIONS.filter((action) => can(state, action));
const ready = (): CallState => run({ type: "hostReady", trusted: true }, { type: "logIn" });
const dialing = () => transition(ready(), { type: "dial", call });
const connected = () => transition(dialing(), { type: "answer", at: 2_000 });
const ended = () => transition(connected(), { type: "end", at: 5_000, status: "COMPLETED" });
const always: Action[] = ["sendError", "resize", "setWidgetUrl"];

describe("before the handshake", () => {
  it("allows nothing", () => {
    expect(enabled(initialState)).toEqual([]);
    expect(statusLabel(initialState)).toBe("Waiting for HubSpot");
  });

  it("refuses every user event", () => {
    for (const event of [
      { type: "logIn" },
      { type: "dial", call },
      { type: "answer", at: 1 },
    ] as CallEvent[]) {
      expect(transition(initialState, event)).toBe(initialState);
    }
  });
});

describe("an untrusted host", () => {
  it("allows nothing and ignores its numbers", () => {
    const state = run({ type: "hostReady", trusted: false });
    expect(enabled(state)).toEqual([]);
    expect(statusLabel(state)).toBe("Untrusted host");
    expect(transition(state, { type: "dialNumber", context: { phoneNumber: "+1 617" } })).toBe(
      state,
    );
  });
});

describe("an outbound call", () => {
  it("enables exactly the valid buttons at each step", () => {
    expect(enabled(run({ type: "hostReady", trusted: true }))).toEqual(["logIn", ...always]);
    expect(enabled(ready())).toEqual(["logOut", "available", "dial", ...always]);
    expect(enabled(dialing())).toEqual(["answer", "end", "callData", ...always]);
    expect(enabled(connected())).toEqual(["end", "transfer", "callData", ...always]);
    expect(enabled(ended())).toEqual(["complete", "callData", ...always]);
    expect(enabled(transition(ended(), { type: "complete" }))).toEqual([
      "logOut",
      "available",
      "dial",
      ...always,
    ]);
  });

  it("keeps the same call, with its times and status, from dial to complete", () => {
    const state = ended();
    expect(state.call).toEqual({
      ...call,
      direction: "OUTBOUND",
      answeredAt: 2_000,
      endedAt: 5_000,
      endStatus: "COMPLETED",
    });
    const done = transition(state, { type: "complete" });
    expect(done.call).toBeNull();
    expect(done.lastCall).toEqual(state.call);
    expect(done.phase).toBe("ready");
  });

  it("takes the engagement id once, for the call in progress", () => {
    const withId = transition(dialing(), { type: "engagementCreated", engagementId: 42 });
    expect(withId.call?.engagementId).toBe(42);
    expect(transition(withId, { type: "engagementCreated", engagementId: 43 })).toBe(withId);
    expect(transition(ready(), { type: "engagementCreated", engagementId: 42 })).toEqual(ready());
  });

  it("echoes HubSpot's dialing context only when the user dials that number", () => {
    const context = { phoneNumber: call.toNumber, objectId: 101 };
    const withContext = transition(ready(), { type: "dialNumber", context });
    expect(transition(withContext, { type: "dial", call }).call?.dialingContext).toBe(context);
    const other = transition(withContext, {
      type: "dial",
      call: { ...call, toNumber: "+1 212-555-0202" },
    });
    expect(other.call?.dialingContext).toBeUndefined();
    expect(other.dialingContext).toBeNull();
  });

  it("refuses what the state does not allow", () => {
    expect(transition(ready(), { type: "answer", at: 1 })).toEqual(ready());
    expect(transition(dialing(), { type: "complete" })).toEqual(dialing());
    expect(
      transition(dialing(), { type: "dial", call: { ...call, externalCallId: "call-2" } }),
    ).toEqual(dialing());
    expect(transition(connected(), { type: "logOut" })).toEqual(connected());
  });

  it("counts the timer from the call's start until it ended", () => {
    expect(callDuration(dialing().call, 4_000)).toBe(3_000);
    expect(callDuration(ended().call, 99_000)).toBe(4_000);
    expect(callDuration(null, 1)).toBe(0);
  });
});

describe("an inbound call", () => {
  const available = () => transition(ready(), { type: "available" });
  const ringing = () => transition(available(), { type: "incoming", call });

  it("needs the user available", () => {
    expect(can(ready(), "incoming")).toBe(false);
    expect(can(available(), "incoming")).toBe(true);
    expect(enabled(available())).toEqual(["logOut", "unavailable", "dial", "incoming", ...always]);
  });

  it("rings, then answers, ends and completes like an outbound call", () => {
    expect(ringing().phase).toBe("ringing");
    expect(ringing().call?.direction).toBe("INBOUND");
    expect(enabled(ringing())).toEqual(["answer", "end", "callData", ...always]);
    const answered = transition(ringing(), { type: "answer", at: 3_000 });
    expect(answered.phase).toBe("connected");
  });

  it("keeps caller-ID matches for the inbound call only, and opens the record from them", () => {
    const match = {
      callerIdType: "CONTACT",
      objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: "0-1" },
      name: "Ada",
    } as const;
    const matched = transition(ringing(), { type: "callerIdMatched", matches: [match] });
    expect(matched.call?.callerIdMatches).toEqual([match]);
    expect(can(matched, "openRecord")).toBe(true);
    expect(transition(dialing(), { type: "callerIdMatched", matches: [match] })).toEqual(dialing());
  });

  it("going unavailable or logging out stops inbound calls", () => {
    expect(can(transition(available(), { type: "unavailable" }), "incoming")).toBe(false);
    const loggedOut = transition(available(), { type: "logOut" });
    expect(loggedOut.available).toBe(false);
    expect(loggedOut.phase).toBe("loggedOut");
  });
});

describe("transfer and finalize", () => {
  it("a transferred call leaves the softphone ready for the next", () => {
    const state = transition(connected(), { type: "transfer", at: 3_000 });
    expect(state.phase).toBe("ready");
    expect(state.call).toBeNull();
    expect(state.lastCall?.externalCallId).toBe("call-1");
    expect(can(transition(dialing(), { type: "transfer", at: 1 }), "transfer")).toBe(false);
  });

  it("finalizes a completed call with an engagement, once", () => {
    const withId = transition(dialing(), { type: "engagementCreated", engagementId: 7 });
    const completed = [
      { type: "answer", at: 1 },
      { type: "end", at: 2, status: "COMPLETED" },
      { type: "complete" },
    ] as CallEvent[];
    const done = completed.reduce(transition, withId);
    expect(can(done, "finalize")).toBe(true);
    expect(can(done, "publishToChannel")).toBe(true);
    const finalized = transition(done, { type: "finalize" });
    expect(finalized.lastCall?.finalized).toBe(true);
    expect(can(finalized, "finalize")).toBe(false);
    expect(can(finalized, "publishToChannel")).toBe(false);
    expect(can(transition(ended(), { type: "complete" }), "finalize")).toBe(false);
  });
});

describe("a reload", () => {
  it("a second handshake keeps the call in progress", () => {
    const state = transition(
      { ...connected(), host: "pending" },
      { type: "hostReady", trusted: true },
    );
    expect(state.call).toEqual(connected().call);
    expect(state.phase).toBe("connected");
  });
});
