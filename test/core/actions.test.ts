import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ACTION_RULES,
  ACTIONS,
  type Action,
  can,
  completeCall,
  endCall,
} from "../../src/core/actions";
import { callDuration, transition } from "../../src/core/callState";
import { type Form, initialSoftphone, type SoftphoneState } from "../../src/core/softphone";
import { FORM } from "../fakes";

/** The message types each action sends, as HubSpot's docs name them. */
const SENDS: Record<Action, string> = {
  logIn: "LOGGED_IN",
  logOut: "LOGGED_OUT",
  available: "USER_AVAILABLE",
  unavailable: "USER_UNAVAILABLE",
  dial: "OUTGOING_CALL_STARTED",
  incoming: "INCOMING_CALL",
  answer: "CALL_ANSWERED",
  end: "CALL_ENDED",
  complete: "CALL_COMPLETED",
  transfer: "CALL_TRANSFERRED",
  finalize: "FINALIZE_ENGAGEMENT",
  publishToChannel: "PUBLISH_TO_CHANNEL",
  callData: "CALL_DATA",
  openRecord: "NAVIGATE_TO_RECORD",
  sendError: "ERROR",
  resize: "RESIZE_WIDGET",
  setWidgetUrl: "SET_WIDGET_URL",
};

const trusted = (): SoftphoneState => ({ ...initialSoftphone(), host: "ready" });
const enabled = (state: SoftphoneState) => ACTIONS.filter((action) => can(state, action));

/** Takes `action` as a click would (it must be enabled and taken) and returns the new state. */
function take(state: SoftphoneState, action: Action, form: Partial<Form> = {}, at = 1_000) {
  expect(can(state, action), `${action} enabled`).toBe(true);
  const outcome = ACTION_RULES[action].take(state, {
    form: { ...FORM, ...form },
    at,
    callId: "call-1",
  });
  if (!outcome.taken) throw new Error(`${action} was refused: ${JSON.stringify(outcome.state)}`);
  expect(outcome.send.map((m) => m.type)).toEqual([SENDS[action]]);
  return outcome.state;
}

const ready = () => take(trusted(), "logIn");
const dialing = () => take(ready(), "dial", {}, 1_000);
const connected = () => take(dialing(), "answer", {}, 2_000);
const ended = () => take(connected(), "end", {}, 5_000);
const always: Action[] = ["sendError", "resize", "setWidgetUrl"];

describe("the table", () => {
  it("has one entry per button, each sending the message HubSpot's docs name", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(SENDS).sort());
  });
});

describe("before the handshake, or with an untrusted host", () => {
  it("enables nothing", () => {
    expect(enabled(initialSoftphone())).toEqual([]);
    expect(enabled({ ...initialSoftphone(), host: "untrusted" })).toEqual([]);
  });
});

describe("an outbound call", () => {
  it("enables exactly the valid buttons at each step", () => {
    expect(enabled(trusted())).toEqual(["logIn", ...always]);
    expect(enabled(ready())).toEqual(["logOut", "available", "dial", ...always]);
    expect(enabled(dialing())).toEqual(["answer", "end", "callData", ...always]);
    expect(enabled(connected())).toEqual(["end", "transfer", "callData", ...always]);
    expect(enabled(ended())).toEqual(["complete", "callData", ...always]);
    expect(enabled(take(ended(), "complete"))).toEqual(["logOut", "available", "dial", ...always]);
  });

  it("keeps the same call, with its times and status, from dial to complete", () => {
    const state = take(connected(), "end", { endStatus: "NO_ANSWER" }, 5_000);
    expect(state.call).toEqual({
      direction: "OUTBOUND",
      externalCallId: "call-1",
      toNumber: "+1 617-555-0101",
      fromNumber: "+1 555-010-0000",
      startedAt: 1_000,
      answeredAt: 2_000,
      endedAt: 5_000,
      endStatus: "NO_ANSWER",
      dialingContext: undefined,
    });
    const done = take(state, "complete", { notes: "Left a message" });
    expect(done.call).toBeNull();
    expect(done.lastCall).toEqual(state.call);
    expect(done.phase).toBe("ready");
  });

  it("ends with COMPLETED when the form's status is not one HubSpot knows", () => {
    expect(take(connected(), "end", { endStatus: "HUNG_UP" }).call?.endStatus).toBe("COMPLETED");
  });

  it("completes with the notes typed, trimmed of nothing, and clears them", () => {
    const outcome = ACTION_RULES.complete.take(ended(), {
      form: { ...FORM, notes: "Call back Tuesday" },
      at: 6_000,
    });
    expect(outcome).toMatchObject({
      taken: true,
      send: [
        {
          type: "CALL_COMPLETED",
          data: { engagementProperties: { hs_call_body: "Call back Tuesday" } },
        },
      ],
      fill: { notes: "" },
    });
  });

  it("echoes HubSpot's dialing context only when the user dials that number", () => {
    const context = { phoneNumber: FORM.phoneNumber, objectId: 101 };
    const withContext = transition(ready(), { type: "dialNumber", context });
    if (!withContext) throw new Error("DIAL_NUMBER refused");
    const same = take(withContext, "dial");
    expect(same.call?.dialingContext).toBe(context);
    expect(same.dialingContext).toBeNull();
    const other = take(withContext, "dial", { phoneNumber: "+1 212-555-0202" });
    expect(other.call?.dialingContext).toBeUndefined();
    expect(other.dialingContext).toBeNull();
  });

  it("starts a call without the last one's news", () => {
    const state = take(
      { ...take(ended(), "complete"), notice: "HubSpot created engagement 7." },
      "dial",
    );
    expect(state.notice).toBe("");
    expect(state.lastCall).toBeNull();
  });

  it("refuses a number it cannot dial, saying why under each field, and sends nothing", () => {
    const outcome = ACTION_RULES.dial.take(ready(), {
      form: { ...FORM, phoneNumber: "", fromNumber: "call me" },
      at: 1,
    });
    expect(outcome.taken).toBe(false);
    expect(outcome.state.phase).toBe("ready");
    expect(outcome.state.errors.phoneNumber).toMatch(/Phone number/);
    expect(outcome.state.errors.fromNumber).toMatch(/From number/);
    // Fixed, the errors go.
    const fixed = ACTION_RULES.dial.take(outcome.state, { form: FORM, at: 1 });
    expect(fixed.state.errors).toEqual({ phoneNumber: "", fromNumber: "" });
  });

  it("refuses notes too long, keeping the call ended", () => {
    const outcome = ACTION_RULES.complete.take(ended(), {
      form: { ...FORM, notes: "x".repeat(100_000) },
      at: 1,
    });
    expect(outcome.taken).toBe(false);
    expect(outcome.state.phase).toBe("ended");
    expect(outcome.state.errors.notes).not.toBe("");
  });

  it("counts the timer from the call's start until it ended", () => {
    expect(callDuration(dialing().call, 4_000)).toBe(3_000);
    expect(callDuration(ended().call, 99_000)).toBe(4_000);
    expect(callDuration(null, 1)).toBe(0);
  });
});

describe("an inbound call", () => {
  const available = () => take(ready(), "available");
  const ringing = () => take(available(), "incoming");

  it("needs the user available", () => {
    expect(can(ready(), "incoming")).toBe(false);
    expect(enabled(available())).toEqual(["logOut", "unavailable", "dial", "incoming", ...always]);
  });

  it("rings from the caller's number to the From number, then answers like an outbound call", () => {
    const state = ringing();
    expect(state.phase).toBe("ringing");
    expect(state.call).toMatchObject({
      direction: "INBOUND",
      toNumber: FORM.fromNumber,
      fromNumber: FORM.callerNumber,
    });
    expect(enabled(state)).toEqual(["answer", "end", "callData", ...always]);
    expect(take(state, "answer", {}, 3_000).phase).toBe("connected");
  });

  it("keeps caller-ID matches for the inbound call only, and opens the record from them", () => {
    const match = {
      callerIdType: "CONTACT",
      objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: "0-1" },
      name: "Ada",
    } as const;
    const matched = transition(ringing(), { type: "callerIdMatched", matches: [match] });
    if (!matched) throw new Error("match refused");
    expect(matched.call?.callerIdMatches).toEqual([match]);
    const opened = ACTION_RULES.openRecord.take(matched, {
      form: { ...FORM, openIn: "NEW_TAB" },
      at: 1,
    });
    expect(opened).toMatchObject({
      taken: true,
      send: [
        {
          type: "NAVIGATE_TO_RECORD",
          data: { objectCoordinates: match.objectCoordinates, openIn: "NEW_TAB" },
        },
      ],
    });
    expect(can(ringing(), "openRecord")).toBe(false);
    expect(transition(dialing(), { type: "callerIdMatched", matches: [match] })).toBeNull();
  });

  it("going unavailable or logging out stops inbound calls", () => {
    expect(can(take(available(), "unavailable"), "incoming")).toBe(false);
    const loggedOut = take(available(), "logOut");
    expect(loggedOut.available).toBe(false);
    expect(loggedOut.phase).toBe("loggedOut");
  });
});

describe("transfer and finalize", () => {
  it("a transferred call leaves the softphone ready for the next", () => {
    const state = take(connected(), "transfer", {}, 3_000);
    expect(state.phase).toBe("ready");
    expect(state.call).toBeNull();
    expect(state.lastCall).toMatchObject({ externalCallId: "call-1", endedAt: 3_000 });
    expect(can(dialing(), "transfer")).toBe(false);
  });

  it("finalizes a completed call with an engagement, once", () => {
    const withId = transition(dialing(), { type: "engagementCreated", engagementId: 7 });
    if (!withId) throw new Error("engagement refused");
    const done = take(take(take(withId, "answer"), "end"), "complete");
    expect(enabled(done)).toContain("finalize");
    expect(enabled(done)).toContain("publishToChannel");
    const finalized = take(done, "finalize");
    expect(finalized.lastCall?.finalized).toBe(true);
    expect(can(finalized, "finalize")).toBe(false);
    expect(can(finalized, "publishToChannel")).toBe(false);
    expect(take(done, "publishToChannel").lastCall?.finalized).toBe(true);
    expect(can(take(ended(), "complete"), "finalize")).toBe(false);
  });
});

describe("what is sent whatever the call", () => {
  it("an error, a size or a widget URL, each once valid", () => {
    const state = ready();
    const error = ACTION_RULES.sendError.take(state, {
      form: { ...FORM, errorMessage: "" },
      at: 1,
    });
    expect(error.taken).toBe(false);
    expect(error.state.errors.errorMessage).not.toBe("");
    const size = ACTION_RULES.resize.take(state, { form: FORM, at: 1 });
    expect(size).toMatchObject({ taken: true, send: [{ data: { width: 400, height: 650 } }] });
    expect(size.state.errors.size).toBe("");
    expect(ACTION_RULES.setWidgetUrl.take(state, { form: FORM, at: 1 }).taken).toBe(false);
  });
});

describe("the page", () => {
  it("has one button per action, and no data-action the table or the page's own controls lack", () => {
    const html = readFileSync("index.html", "utf8");
    const onPage = [...html.matchAll(/data-action="([^"]+)"/g)].map((m) => m[1]);
    const pageOnly = [
      "openCallingWindow",
      "clearLog",
      "copyLog",
      "saveSession",
      "copyRegistration1",
      "copyRegistration2",
    ];
    expect(new Set(onPage).size).toBe(onPage.length);
    expect(onPage.filter((a) => !pageOnly.includes(a ?? "")).sort()).toEqual([...ACTIONS].sort());
  });
});

describe("each action, taken directly", () => {
  const at = 5;
  it("refuses what needs a call when there is none (the table's own guard, behind can)", () => {
    const none = ready();
    for (const action of ["answer", "transfer", "callData", "finalize", "openRecord"] as const)
      expect(ACTION_RULES[action].take(none, { form: FORM, at }).taken, action).toBe(false);
    expect(endCall(none, at, "COMPLETED")).toEqual({ taken: false, state: none });
    expect(completeCall(none, "").taken).toBe(false);
  });

  it("a call started with no id given has an empty one (the shell always gives one)", () => {
    const outcome = ACTION_RULES.dial.take(ready(), { form: FORM, at });
    expect(outcome.state.call?.externalCallId).toBe("");
  });

  it("an inbound call's numbers are checked as the From and Caller numbers", () => {
    const outcome = ACTION_RULES.incoming.take(take(ready(), "available"), {
      form: { ...FORM, fromNumber: "", callerNumber: "x" },
      at,
    });
    expect(outcome.taken).toBe(false);
    expect(outcome.state.errors.fromNumber).toMatch(/^From number/);
    expect(outcome.state.errors.callerNumber).toMatch(/^Caller number/);
  });

  it("HubSpot's dialling context matches the number dialled, whatever spaces HubSpot left", () => {
    const context = { phoneNumber: `  ${FORM.phoneNumber} `, objectId: 101 };
    const withContext = transition(ready(), { type: "dialNumber", context });
    if (!withContext) throw new Error("DIAL_NUMBER refused");
    expect(take(withContext, "dial").call?.dialingContext).toBe(context);
  });

  it("a complete with good notes clears the notes' last error", () => {
    const wrong = ACTION_RULES.complete.take(ended(), {
      form: { ...FORM, notes: "x".repeat(100_000) },
      at,
    }).state;
    expect(take(wrong, "complete").errors.notes).toBe("");
  });

  it("going unavailable changes only availability", () => {
    const state = take(ready(), "available");
    expect(take(state, "unavailable")).toEqual({ ...state, available: false });
  });

  it("finalizing is for the last call, between calls only", () => {
    const withId = transition(dialing(), { type: "engagementCreated", engagementId: 7 });
    if (!withId) throw new Error("engagement refused");
    const done = take(take(take(withId, "answer"), "end"), "complete");
    const outcome = ACTION_RULES.finalize.take(done, { form: FORM, at });
    expect(outcome).toMatchObject({
      taken: true,
      send: [{ type: "FINALIZE_ENGAGEMENT", data: { externalCallId: "call-1", engagementId: 7 } }],
    });
    expect(can(take(done, "logOut"), "finalize")).toBe(false);
  });

  it("call data, an error and a widget URL send what was typed", () => {
    expect(ACTION_RULES.callData.take(dialing(), { form: FORM, at })).toMatchObject({
      send: [{ type: "CALL_DATA", data: { externalCallId: "call-1" } }],
    });
    expect(
      ACTION_RULES.sendError.take(ready(), { form: { ...FORM, errorMessage: "Line busy" }, at }),
    ).toMatchObject({ taken: true, send: [{ type: "ERROR", data: { message: "Line busy" } }] });
    const url = "https://localhost:9025/widget";
    expect(
      ACTION_RULES.setWidgetUrl.take(ready(), { form: { ...FORM, widgetUrl: url }, at }),
    ).toMatchObject({ taken: true, send: [{ type: "SET_WIDGET_URL", data: { iFrameUrl: url } }] });
  });
});
