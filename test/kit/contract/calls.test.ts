import { describe, expect, it } from "vitest";
import type { SessionEvent } from "../../../common/session";
import type { HubSpotStep, UserStep } from "../../../common/steps";
import { abandoned, asksIn, calls, happened, testFindings } from "../../../kit/contract/calls";

/** A trace as the stand-in records it, written out event by event. */
const app = (type: string, data?: unknown): SessionEvent => ({ at: 0, from: "app", type, data });
const hubspot = (type: string, data?: unknown): SessionEvent => ({ at: 0, to: "app", type, data });
const user = (step: UserStep): SessionEvent => ({ at: 0, by: "user", step });
const step = (hubspotStep: HubSpotStep): SessionEvent => ({
  at: 0,
  by: "hubspot",
  step: hubspotStep,
});

const PHONE = "+1 617-555-0101";
const click = (phone = PHONE) => step({ kind: "call", record: 101, phone });
const dial = (phone = PHONE) => hubspot("DIAL_NUMBER", { phoneNumber: phone, objectId: 101 });
const start = (id: string, toNumber: unknown = PHONE) =>
  app("OUTGOING_CALL_STARTED", {
    externalCallId: id,
    toNumber,
    fromNumber: "+1 555-010-0000",
    createEngagement: true,
  });
const created = (engagementId: number) => hubspot("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId });
const ended = (id: string) => app("CALL_ENDED", { externalCallId: id, callEndStatus: "COMPLETED" });
const completed = (id: string, engagementId: number) =>
  app("CALL_COMPLETED", { externalCallId: id, engagementId });

/** One whole outbound call, from HubSpot's Call to its completion with its engagement. */
const wholeCall = (id = "c1", engagementId = 50_001, phone = PHONE): SessionEvent[] => [
  click(phone),
  dial(phone),
  start(id, phone),
  created(engagementId),
  ended(id),
  completed(id, engagementId),
];

const rules = (events: readonly SessionEvent[]) => testFindings(events).map((f) => f.rule);

describe("a call the app let go (its engagement left a ghost call log)", () => {
  const started = [click(), dial(), start("c1"), created(50_001)];
  const [call] = calls(started);
  if (!call) throw new Error("the trace has a call");

  it("is one the app logged out of, or came back from a reload without", () => {
    expect(abandoned(call, [...started, app("LOGGED_OUT")])).toBe(true);
    expect(abandoned(call, [...started, app("INITIALIZED", { isLoggedIn: true })])).toBe(true);
    expect(
      abandoned(call, [...started, app("INITIALIZED", { isLoggedIn: true, engagementId: 7 })]),
    ).toBe(true);
  });

  it("is not one the app came back with, nor one it finished, nor one before the log-out", () => {
    const back = app("INITIALIZED", { isLoggedIn: true, engagementId: 50_001 });
    expect(abandoned(call, [...started, back])).toBe(false);
    expect(abandoned(call, started)).toBe(false);
    // HubSpot's messages are not the app's.
    expect(abandoned(call, [...started, hubspot("LOGGED_OUT"), hubspot("INITIALIZED")])).toBe(
      false,
    );
    const whole = [...started, ended("c1"), completed("c1", 50_001), app("LOGGED_OUT")];
    const [finished] = calls(whole);
    if (!finished) throw new Error("the trace has a call");
    expect(abandoned(finished, whole)).toBe(false);
    // A log-out before the call started is not the call's.
    const before = [app("LOGGED_OUT"), ...started];
    const [later] = calls(before);
    if (!later) throw new Error("the trace has a call");
    expect(abandoned(later, before)).toBe(false);
  });

  it("with no engagement yet, a reload that names none does not let it go", () => {
    const noEngagement = [click(), dial(), start("c1")];
    const [early] = calls(noEngagement);
    if (!early) throw new Error("the trace has a call");
    expect(abandoned(early, [...noEngagement, app("INITIALIZED", { isLoggedIn: true })])).toBe(
      false,
    );
  });
});

describe("what asked for the calls, read from a test's own steps", () => {
  it("HubSpot's Call on a record, and the user's incoming call; nothing else", () => {
    const events = [
      user("logIn"),
      click(),
      dial(),
      step({ kind: "reload" }),
      user("incomingCall"),
      user("dial"),
      step({ kind: "send", type: "DIAL_NUMBER", data: { phoneNumber: PHONE } }),
    ];
    expect(asksIn(events)).toEqual([
      { direction: "OUTBOUND", at: 1, name: `HubSpot: Call record 101 at ${PHONE}`, phone: PHONE },
      { direction: "INBOUND", at: 4, name: "user: incomingCall" },
    ]);
  });
});

describe("a test's calls judged whole (standIn.findings())", () => {
  it("a whole call after a click on Call: nothing to say", () => {
    expect(rules(wholeCall())).toEqual([]);
  });

  it("the click rules only where HubSpot's user clicked Call", () => {
    // A call the app placed with no click: unasked where a click came later, not judged without one.
    const unasked = [dial(), start("c1"), created(50_001), ended("c1"), completed("c1", 50_001)];
    expect(rules(unasked)).toEqual([]);
    expect(rules([...unasked, ...wholeCall("c2", 50_002)])).toEqual(["no-unasked-call"]);
    // Two calls for one click; none for another.
    const twice = [
      ...wholeCall("c1"),
      start("c2"),
      created(50_002),
      ended("c2"),
      completed("c2", 50_002),
    ];
    expect(rules(twice)).toEqual(["one-call-per-click"]);
    expect(rules([click(), dial()])).toEqual(["one-call-per-click"]);
  });

  it("the number called is the one HubSpot dialled, as digits, a country code aside", () => {
    for (const same of ["+16175550101", "(617) 555-0101", "6175550101", "555-0101"])
      expect(rules(wholeCall("c1", 50_001).map((e) => retarget(e, same))), same).toEqual([]);
    for (const other of ["+1 617-555-0199", "0101", "", "not a number"])
      expect(rules(wholeCall("c1", 50_001).map((e) => retarget(e, other))), other).toEqual([
        "one-call-per-click",
      ]);
    expect(rules(wholeCall("c1", 50_001).map((e) => retarget(e, 6_175_550_101)))).toEqual([
      "one-call-per-click",
    ]);
  });

  it("the count of incoming calls only where the test rang one", () => {
    const inbound = [
      app("INCOMING_CALL", {
        externalCallId: "in1",
        fromNumber: PHONE,
        toNumber: "+1 555",
        createEngagement: true,
      }),
      created(50_003),
      ended("in1"),
      completed("in1", 50_003),
    ];
    expect(rules(inbound)).toEqual([]);
    expect(rules([user("incomingCall"), ...inbound])).toEqual([]);
    expect(rules([user("incomingCall"), user("incomingCall"), ...inbound])).toEqual([
      "inbound-calls",
    ]);
    expect(rules([user("incomingCall")])).toEqual(["inbound-calls"]);
  });

  it("every call finished, with its engagement, whether or not anyone clicked", () => {
    const ghost = [dial(), start("c1"), created(50_001), ended("c1")];
    expect(rules(ghost)).toEqual(["ghost-call"]);
    const wrongId = [dial(), start("c1"), created(50_001), ended("c1"), completed("c1", 0)];
    expect(rules(wrongId)).toEqual(["call-engagement"]);
  });
});

/** The event with the call's number (its start) as `toNumber`; HubSpot's click left as it was. */
function retarget(event: SessionEvent, toNumber: unknown): SessionEvent {
  if ("from" in event && event.type === "OUTGOING_CALL_STARTED") return start("c1", toNumber);
  return event;
}

describe("what a step brings, in the trace", () => {
  it("a dial: an outbound call after HubSpot's last DIAL_NUMBER and the last call's end", () => {
    expect(happened("dial", [dial(), start("c1")])).toBe(true);
    expect(happened("dial", [start("c1"), dial()])).toBe(false);
    const done = wholeCall("c1");
    expect(happened("dial", done)).toBe(false);
    expect(happened("dial", [...done, start("c2")])).toBe(true);
    const transferred = [dial(), start("c1"), app("CALL_TRANSFERRED", { externalCallId: "c1" })];
    expect(happened("dial", transferred)).toBe(false);
    expect(happened("dial", [...transferred, start("c2")])).toBe(true);
  });
});
