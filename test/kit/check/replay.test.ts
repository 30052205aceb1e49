import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SESSION_EVENTS, type Session, SessionRecorder } from "../../../common/session";
import { stepName } from "../../../common/steps";
import { parseSession, replayPlan, shapeDifferences } from "../../../kit/check/replay";

const session = (events: unknown[]): string =>
  JSON.stringify({
    format: "hubspot-calling-session",
    version: 1,
    app: "https://localhost:9025/",
    recordedAt: "2026-11-29T00:00:00.000Z",
    dropped: 0,
    events,
  });

const parsed = (events: unknown[]): Session => {
  const result = parseSession(session(events));
  if ("error" in result) throw new Error(result.error);
  return result.session;
};

describe("a session file", () => {
  it("reads back what the stand-in records", () => {
    let now = 0;
    const recorder = new SessionRecorder(
      "https://app/",
      () => (now += 10),
      () => new Date(0),
    );
    recorder.add({ from: "app", type: "INITIALIZED", data: { isLoggedIn: false } });
    recorder.add({ by: "user", step: "logIn" });
    recorder.add({ by: "hubspot", step: { kind: "call", record: 101, phone: "+1 617" } });
    recorder.add({ to: "app", type: "DIAL_NUMBER", data: { phoneNumber: "+1 617" } });
    const text = JSON.stringify(recorder);
    expect(parseSession(text)).toEqual({ session: JSON.parse(text) });
  });

  it("stamps each message with the step in force, and tells a listener of every event", () => {
    const heard: unknown[] = [];
    const recorder = new SessionRecorder(
      "https://app/",
      () => 0,
      () => new Date(0),
      (event) => heard.push(event),
    );
    recorder.add({ frame: "handshake" });
    recorder.add({ from: "app", type: "INITIALIZED" });
    recorder.add({ by: "user", step: "logIn" });
    recorder.add({ from: "app", type: "LOGGED_IN" });
    recorder.add({ by: "hubspot", step: { kind: "reload" } });
    recorder.add({ to: "app", type: "SYNC", messageId: "m1" });
    expect(recorder.toJSON().events.map((e) => ("during" in e ? e.during : "step"))).toEqual([
      -1,
      -1,
      "step",
      0,
      "step",
      1,
    ]);
    expect(heard).toEqual(recorder.toJSON().events);
    // Read back, every stamp and id survives.
    expect(parseSession(JSON.stringify(recorder))).toEqual({ session: recorder.toJSON() });
  });

  it("keeps at most MAX_SESSION_EVENTS, counting the rest", () => {
    const recorder = new SessionRecorder("https://app/", () => 0);
    for (let i = 0; i < MAX_SESSION_EVENTS + 7; i++) recorder.add({ by: "user", step: "logIn" });
    const saved = recorder.toJSON();
    expect(saved.events.length).toBe(MAX_SESSION_EVENTS);
    expect(saved.dropped).toBe(7);
  });

  const mistakes: [string, RegExp][] = [
    ["not json", /not valid JSON/],
    [JSON.stringify({ format: "other" }), /not a session/],
    [JSON.stringify({ format: "hubspot-calling-session", version: 2 }), /version 2 is unknown/],
    [session([{ at: 1, by: "user", step: "jump" }]), /event 0 is not a message or a step/],
    [
      session([{ at: 1, by: "hubspot", step: { kind: "fault", fault: "failAll", on: true } }]),
      /event 0/,
    ],
    [session([{ at: "soon", from: "app", type: "X" }]), /event 0/],
    [session([{ at: 1, from: "app", type: "x".repeat(101) }]), /event 0/],
  ];
  for (const [text, message] of mistakes) {
    it(`refuses ${text.slice(0, 50)}`, () => {
      expect(parseSession(text)).toEqual({ error: expect.stringMatching(message) });
    });
  }

  it("never throws, whatever the file holds", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => parseSession(JSON.stringify(value))).not.toThrow();
        expect(() => parseSession(session([value]))).not.toThrow();
      }),
    );
  });
});

describe("a session replayed", () => {
  it("saved inside an app (the softphone's Save session): HubSpot's own messages become its steps, its answers do not", () => {
    const {
      opening,
      steps: plan,
      inferred,
      hubspotInferred,
    } = replayPlan(
      parsed([
        { at: 0, frame: "handshake" },
        { at: 1, from: "app", type: "INITIALIZED", data: { isLoggedIn: false } },
        { at: 2, by: "user", step: "logIn" },
        { at: 3, from: "app", type: "LOGGED_IN" },
        { at: 4, to: "app", type: "DIAL_NUMBER", data: { phoneNumber: "+1 617", objectId: 9 } },
        { at: 5, by: "user", step: "dial" },
        { at: 6, from: "app", type: "OUTGOING_CALL_STARTED", data: { toNumber: "+1 617" } },
        { at: 7, to: "app", type: "CREATE_ENGAGEMENT_SUCCEEDED", data: { engagementId: 1 } },
        { at: 8, to: "app", type: "END_CALL" },
        { at: 9, from: "app", type: "CALL_ENDED", data: {} },
      ]),
    );
    expect([inferred, hubspotInferred]).toEqual([false, true]);
    expect(opening).toEqual([{ type: "INITIALIZED", data: { isLoggedIn: false } }]);
    expect(plan.map(({ step, expect: e }) => [stepName(step), e.map((m) => m.type)])).toEqual([
      ["user: logIn", ["LOGGED_IN"]],
      ['HubSpot sends DIAL_NUMBER with { "phoneNumber": "+1 617", "objectId": number 9 }', []],
      ["user: dial", ["OUTGOING_CALL_STARTED"]],
      ["HubSpot sends END_CALL", ["CALL_ENDED"]],
    ]);
    expect(plan[1]?.step).toEqual({
      by: "hubspot",
      step: { kind: "send", type: "DIAL_NUMBER", data: { phoneNumber: "+1 617", objectId: 9 } },
    });
  });

  it("gives each step the app's messages that followed it", () => {
    const {
      opening,
      steps: plan,
      inferred,
    } = replayPlan(
      parsed([
        { at: 1, from: "app", type: "INITIALIZED", data: { isLoggedIn: false } },
        { at: 2, by: "user", step: "logIn" },
        { at: 3, from: "app", type: "LOGGED_IN" },
        { at: 4, by: "hubspot", step: { kind: "send", type: "END_CALL" } },
        { at: 5, to: "app", type: "END_CALL" },
        { at: 6, from: "app", type: "CALL_ENDED", data: {} },
      ]),
    );
    expect(inferred).toBe(false);
    expect(opening).toEqual([{ type: "INITIALIZED", data: { isLoggedIn: false } }]);
    expect(plan.map((p) => [stepName(p.step), p.expect.map((e) => e.type)])).toEqual([
      ["user: logIn", ["LOGGED_IN"]],
      ["HubSpot sends END_CALL", ["CALL_ENDED"]],
    ]);
  });

  it("infers the user's steps from the app's messages when none were recorded (saved from the page)", () => {
    const { steps: plan, inferred } = replayPlan(
      parsed([
        { at: 1, from: "app", type: "INITIALIZED" },
        { at: 2, from: "app", type: "LOGGED_IN" },
        { at: 3, by: "hubspot", step: { kind: "call", record: 101, phone: "+1 617-555-0101" } },
        { at: 4, from: "app", type: "OUTGOING_CALL_STARTED" },
        { at: 5, from: "app", type: "CALL_ANSWERED" },
        { at: 6, by: "hubspot", step: { kind: "send", type: "END_CALL" } },
        { at: 7, from: "app", type: "CALL_ENDED" },
        { at: 8, by: "hubspot", step: { kind: "reload" } },
        { at: 9, from: "app", type: "INITIALIZED" },
        { at: 10, from: "app", type: "CALL_COMPLETED" },
        { at: 11, from: "app", type: "RESIZE_WIDGET" },
      ]),
    );
    expect(inferred).toBe(true);
    expect(plan.map((p) => [stepName(p.step), p.expect.map((e) => e.type)])).toEqual([
      ["user: logIn", ["LOGGED_IN"]],
      ["HubSpot: Call record 101 at +1 617-555-0101", []],
      ["user: dial", ["OUTGOING_CALL_STARTED"]],
      ["user: answer", ["CALL_ANSWERED"]],
      ["HubSpot sends END_CALL", ["CALL_ENDED"]],
      ["HubSpot reloads the app's frame", ["INITIALIZED"]],
      ["user: complete", ["CALL_COMPLETED", "RESIZE_WIDGET"]],
    ]);
  });
});

describe("how an app's message differs from the recording's", () => {
  it("names fields missing, new and of another type, and only the values that name a choice", () => {
    const recorded = {
      externalCallId: "a",
      callEndStatus: "COMPLETED",
      engagementId: 1,
      x: { y: 1 },
    };
    expect(
      shapeDifferences(recorded, { ...recorded, externalCallId: "b", engagementId: 2 }),
    ).toEqual([]);
    expect(
      shapeDifferences(recorded, {
        callEndStatus: "MISSED",
        engagementId: "1",
        x: { y: "1" },
        extra: true,
      }),
    ).toEqual([
      "data.externalCallId is missing",
      'data.callEndStatus is "MISSED", was "COMPLETED"',
      "data.engagementId is string, was number",
      "data.x.y is string, was number",
      "data.extra is new",
    ]);
    expect(shapeDifferences(undefined, {})).toEqual(["data is object, was undefined"]);
    expect(shapeDifferences([1], [1, 2])).toEqual([]);
  });
});
