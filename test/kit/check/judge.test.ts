/**
 * The judge, on traces written out here as the stand-in records them: each expected verdict comes
 * from the protocol (protocol.md), not from the code under test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HubSpotStep, UserStep } from "../../../common/steps";
import {
  type Evidence,
  judge,
  judgeCalls,
  type PlayedStep,
  sequenceOf,
} from "../../../kit/check/judge";
import { calls, happened, type TraceEvent } from "../../../kit/check/trace";
import { appMessage, postable } from "../../postable";

/** A trace built step by step: messages are stamped with the step in force, as the stand-in does. */
function trace() {
  const events: TraceEvent[] = [];
  let during = -1;
  const t = {
    events,
    app(type: string, data?: unknown, violations: { rule: string }[] = []) {
      events.push({
        at: 0,
        from: "app",
        type,
        ...(data === undefined ? {} : { data }),
        during,
        violations: violations.map((v) => ({ ...v, text: v.rule, detail: "d" })),
      });
      return t;
    },
    hubspot(type: string, data?: unknown) {
      events.push({ at: 0, to: "app", type, ...(data === undefined ? {} : { data }), during });
      return t;
    },
    step(step: HubSpotStep | UserStep) {
      events.push(
        typeof step === "string" ? { at: 0, by: "user", step } : { at: 0, by: "hubspot", step },
      );
      during++;
      return t;
    },
    handshake() {
      events.push({ at: 0, frame: "handshake", during });
      return t;
    },
  };
  return t;
}

const CALL = { kind: "call", record: 101, phone: "+1 617-555-0101" } as const;
const DIAL = { phoneNumber: "+1 617-555-0101", objectId: 101 };
const started = (id: string, to = "+1 617-555-0101") => ({
  externalCallId: id,
  toNumber: to,
  fromNumber: "+1 555-010-0000",
  createEngagement: true,
});

/** An outbound call HubSpot's user clicked for, run to completion with the engagement it issued. */
function outbound(id = "c1", engagementId = 50_001, completedWith: unknown = engagementId) {
  return trace()
    .handshake()
    .app("INITIALIZED", { isLoggedIn: false })
    .step("logIn")
    .app("LOGGED_IN")
    .step(CALL)
    .hubspot("DIAL_NUMBER", DIAL)
    .step("dial")
    .app("OUTGOING_CALL_STARTED", started(id))
    .hubspot("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId })
    .step("end")
    .app("CALL_ENDED", { externalCallId: id, engagementId, callEndStatus: "COMPLETED" })
    .step("complete")
    .app("CALL_COMPLETED", { externalCallId: id, engagementId: completedWith });
}

const played = (
  name: string,
  during: number | null,
  extra: Partial<PlayedStep> = {},
): PlayedStep => ({ name, during, outcome: "done", problems: [], ms: 0, ...extra });

const OUTBOUND_STEPS = [
  played("HubSpot frames the app (handshake)", -1),
  played("user: logIn", 0),
  played("HubSpot: Call", 1, { brings: "OUTBOUND", phone: "+1 617-555-0101" }),
  played("user: dial", 2),
  played("user: end", 3),
  played("user: complete", 4),
];

const evidence = (events: readonly TraceEvent[], steps = OUTBOUND_STEPS): Evidence => ({
  events,
  steps,
  errors: [],
});

describe("the calls in a trace", () => {
  it("groups each call's messages, HubSpot's engagement and END_CALL with it", () => {
    const t = outbound().step({ kind: "send", type: "END_CALL" }).hubspot("END_CALL");
    const [call, ...more] = calls(t.events);
    expect(more).toEqual([]);
    expect(call?.externalCallId).toBe("c1");
    expect(call?.direction).toBe("OUTBOUND");
    expect(call?.engagement).toEqual({ id: 50_001 });
    expect(call?.messages.map((m) => m.type)).toEqual(["CALL_ENDED", "CALL_COMPLETED"]);
    // Sent after the call was completed: not this call's.
    expect(call?.endCallAt).toBeNull();
  });

  it("lays a message without an id, or with an unknown one, on the latest call", () => {
    const t = trace()
      .app("INCOMING_CALL", { externalCallId: "in-1", createEngagement: true })
      .hubspot("CREATE_ENGAGEMENT_FAILED", { error: {} })
      .app("CALL_ANSWERED", {})
      .app("CALL_ENDED", { externalCallId: "nobody" });
    const [call] = calls(t.events);
    expect(call?.direction).toBe("INBOUND");
    expect(call?.engagement).toBe("failed");
    expect(call?.messages.map((m) => m.type)).toEqual(["CALL_ANSWERED", "CALL_ENDED"]);
  });
});

describe("what the app has done by itself", () => {
  const cases: [string, TraceEvent[], UserStep, boolean][] = [
    [
      "INITIALIZED says logged in",
      trace().app("INITIALIZED", { isLoggedIn: true }).events,
      "logIn",
      true,
    ],
    [
      "LOGGED_IN after INITIALIZED",
      trace().app("INITIALIZED", { isLoggedIn: false }).app("LOGGED_IN").events,
      "logIn",
      true,
    ],
    ["LOGGED_OUT since", trace().app("LOGGED_IN").app("LOGGED_OUT").events, "logIn", false],
    [
      "a reload that says logged out",
      trace().app("LOGGED_IN").app("INITIALIZED", { isLoggedIn: false }).events,
      "logIn",
      false,
    ],
    [
      "not logged in: log out is done",
      trace().app("INITIALIZED", { isLoggedIn: false }).events,
      "logOut",
      true,
    ],
    ["USER_AVAILABLE", trace().app("USER_AVAILABLE").events, "available", true],
    [
      "a call after DIAL_NUMBER",
      trace().step(CALL).hubspot("DIAL_NUMBER").app("OUTGOING_CALL_STARTED", started("c")).events,
      "dial",
      true,
    ],
    [
      "a call before the last DIAL_NUMBER only",
      trace().app("OUTGOING_CALL_STARTED", started("c")).step(CALL).hubspot("DIAL_NUMBER", DIAL)
        .events,
      "dial",
      false,
    ],
    [
      "a finished call, and no DIAL_NUMBER since (the user dials a typed number)",
      trace()
        .app("OUTGOING_CALL_STARTED", started("c"))
        .app("CALL_ENDED", {})
        .app("CALL_COMPLETED", {}).events,
      "dial",
      false,
    ],
    [
      "a call after a DIAL_NUMBER replayed as it was sent (no Call button)",
      trace()
        .step({ kind: "send", type: "DIAL_NUMBER", data: DIAL })
        .hubspot("DIAL_NUMBER", DIAL)
        .app("OUTGOING_CALL_STARTED", started("c")).events,
      "dial",
      true,
    ],
    [
      "an inbound call ringing",
      trace().app("INCOMING_CALL", { externalCallId: "i" }).events,
      "incomingCall",
      true,
    ],
    [
      "an outbound call is not an incoming one",
      trace().app("OUTGOING_CALL_STARTED", started("c")).events,
      "incomingCall",
      false,
    ],
    [
      "the network answered",
      trace().app("OUTGOING_CALL_STARTED", started("c")).app("CALL_ANSWERED", {}).events,
      "answer",
      true,
    ],
    [
      "an answer of a completed call",
      trace()
        .app("OUTGOING_CALL_STARTED", started("c"))
        .app("CALL_ANSWERED", {})
        .app("CALL_COMPLETED", {}).events,
      "answer",
      false,
    ],
    [
      "ended by itself",
      trace().app("OUTGOING_CALL_STARTED", started("c")).app("CALL_ENDED", {}).events,
      "end",
      true,
    ],
    ["not ended", trace().app("OUTGOING_CALL_STARTED", started("c")).events, "end", false],
    [
      "completed by itself",
      trace()
        .app("OUTGOING_CALL_STARTED", started("c"))
        .app("CALL_ENDED", {})
        .app("CALL_COMPLETED", {}).events,
      "complete",
      true,
    ],
    ["no call to complete", trace().events, "complete", false],
  ];
  for (const [name, events, step, done] of cases) {
    it(`${step}: ${name} → ${done ? "done by the app" : "to take"}`, () => {
      expect(happened(step, events)).toBe(done);
    });
  }
});

describe("the judge", () => {
  it("passes a whole outbound call with the engagement HubSpot created", () => {
    const judged = judge(evidence(outbound().events));
    expect(judged.status).toBe("passed");
    expect(judged.findings).toEqual([]);
    expect(judged.steps.map((s) => [s.name, s.status, s.received])).toEqual([
      ["HubSpot frames the app (handshake)", "passed", ["INITIALIZED"]],
      ["user: logIn", "passed", ["LOGGED_IN"]],
      ["HubSpot: Call", "passed", []],
      ["user: dial", "passed", ["OUTGOING_CALL_STARTED"]],
      ["user: end", "passed", ["CALL_ENDED"]],
      ["user: complete", "passed", ["CALL_COMPLETED"]],
    ]);
  });

  it("lays each message, violation and error on the step it came in, whatever came first", () => {
    const events = trace()
      .app("INITIALIZED", { isLoggedIn: true })
      .step(CALL)
      .hubspot("DIAL_NUMBER", DIAL)
      // A click-to-call app: its call comes during HubSpot's step, before the user's.
      .app("OUTGOING_CALL_STARTED", started("c1"), [{ rule: "outgoing-fields" }])
      .step("dial").events;
    const judged = judge({
      events,
      steps: [
        played("open", -1),
        played("HubSpot: Call", 0),
        played("user: dial", 1, { outcome: "done by the app", note: "came before" }),
      ],
      errors: [{ text: "boom", during: 0, after: "DIAL_NUMBER", raw: false }],
    });
    expect(
      judged.steps.map((s) => [s.status, s.received, s.violations.map((v) => v.rule)]),
    ).toEqual([
      ["passed", ["INITIALIZED"], []],
      ["failed", ["OUTGOING_CALL_STARTED"], ["outgoing-fields"]],
      ["done by the app", [], []],
    ]);
    expect(judged.steps[1]?.problems).toEqual([
      "uncaught error in the app: boom (after HubSpot's DIAL_NUMBER)",
    ]);
    expect(judged.steps[2]?.note).toBe("came before");
  });

  it("reports an error on a raw value as a warning, not a failure", () => {
    const judged = judge({
      events: trace().step({ kind: "post", value: null }).events,
      steps: [played("HubSpot posts null", 0, { raw: true })],
      errors: [{ text: "Cannot destructure", during: 0, raw: true }],
    });
    expect(judged.status).toBe("passed");
    expect(judged.steps[0]?.warnings).toEqual([
      "uncaught error in the app: Cannot destructure (on a value outside the SDK's envelope)",
    ]);
  });

  it("judges the calls only when every step ran: a failed step is the verdict", () => {
    const steps = OUTBOUND_STEPS.map((s, i) =>
      i === 4 ? { ...s, problems: ["no CALL_ENDED"] } : s,
    );
    const judged = judge(evidence(trace().step(CALL).events, steps));
    expect(judged.status).toBe("failed");
    expect(judged.findings).toEqual([]);
  });

  const rules = (events: readonly TraceEvent[], steps = OUTBOUND_STEPS) =>
    judgeCalls(evidence(events, steps)).map((f) => [f.rule, f.text]);

  it("one-call-per-click: two calls for one click", () => {
    const events = outbound().events;
    const twice = [
      ...events.slice(0, 8),
      { at: 0, from: "app", type: "OUTGOING_CALL_STARTED", data: started("c2"), during: 2 },
      ...events.slice(8),
    ] as TraceEvent[];
    expect(rules(twice)).toEqual([
      ["one-call-per-click", expect.stringContaining('2 calls after "HubSpot: Call" ("c1", "c2")')],
      [
        "call-finished",
        expect.stringContaining('call 2 ("c2", outbound) has no CALL_ENDED and CALL_COMPLETED'),
      ],
    ]);
  });

  it("one-call-per-click: no call at all, or a call to another number", () => {
    const none = trace().step(CALL).hubspot("DIAL_NUMBER", DIAL).events;
    expect(rules(none)).toEqual([["one-call-per-click", expect.stringContaining("0 calls after")]]);
    const elsewhere = trace()
      .step("logIn")
      .step(CALL)
      .app("OUTGOING_CALL_STARTED", started("c", "+1 212-555-0202"))
      .app("CALL_ENDED", {})
      .app("CALL_COMPLETED", {}).events;
    expect(rules(elsewhere)).toEqual([
      [
        "one-call-per-click",
        expect.stringContaining('went to "+1 212-555-0202", HubSpot dialled "+1 617-555-0101"'),
      ],
    ]);
  });

  it("one-call-per-click: the same number with a country code, or formatted otherwise, is the same", () => {
    for (const to of ["+16175550101", "617.555.0101", "(617) 555-0101"]) {
      const events = trace()
        .step("logIn")
        .step(CALL)
        .app("OUTGOING_CALL_STARTED", started("c", to))
        .app("CALL_ENDED", {})
        .app("CALL_COMPLETED", {}).events;
      expect(rules(events), to).toEqual([]);
    }
  });

  it("no-unasked-call: a call before any click on Call", () => {
    const events = [
      ...trace()
        .app("OUTGOING_CALL_STARTED", started("early"))
        .app("CALL_ENDED", {})
        .app("CALL_COMPLETED", {}).events,
    ];
    expect(rules(events, [played("open", -1)])).toEqual([
      [
        "no-unasked-call",
        expect.stringContaining('call 1 ("early", outbound) before any click on Call'),
      ],
    ]);
  });

  it("crosses the message a call's finding is about in the sequence diagram", () => {
    const judged = judge(evidence(outbound("c1", 50_001, 0).events));
    expect(judged.status).toBe("failed");
    expect(judged.sequence).toContainEqual({
      from: "App",
      type: "CALL_COMPLETED",
      violations: ["call-engagement"],
    });
  });

  it("call-engagement: 0, another call's engagement, or none where HubSpot created one", () => {
    expect(rules(outbound("c1", 50_001, 0).events)).toEqual([
      ["call-engagement", expect.stringContaining("carries engagementId 0, HubSpot created 50001")],
    ]);
    expect(rules(outbound("c1", 50_001, null).events)[0]?.[0]).toBe("call-engagement");
    // HubSpot could not create one for the second call: the first call's id is not its.
    const t = outbound("c1", 50_001)
      .step(CALL)
      .hubspot("DIAL_NUMBER", DIAL)
      .step("dial")
      .app("OUTGOING_CALL_STARTED", started("c2"))
      .hubspot("CREATE_ENGAGEMENT_FAILED", { error: { message: "no" } })
      .app("CALL_ENDED", { externalCallId: "c2" })
      .app("CALL_COMPLETED", { externalCallId: "c2", engagementId: 50_001 });
    const steps = [
      ...OUTBOUND_STEPS,
      played("HubSpot: Call", 5, { brings: "OUTBOUND", phone: "+1 617-555-0101" }),
      played("user: dial", 6),
    ];
    expect(rules(t.events, steps)).toEqual([
      [
        "call-engagement",
        expect.stringContaining("which HubSpot created for call 1; it created none for this one"),
      ],
    ]);
  });

  it("call-finished and inbound-calls: a call left without its ending, an incoming call never reported", () => {
    const t = trace()
      .step("incomingCall")
      .app("INCOMING_CALL", { externalCallId: "i" })
      .app("CALL_ENDED", {});
    expect(rules(t.events, [played("user: incomingCall", 0, { brings: "INBOUND" })])).toEqual([
      ["call-finished", expect.stringContaining('call 1 ("i", inbound) has no CALL_COMPLETED')],
    ]);
    expect(
      rules(trace().step("incomingCall").events, [
        played("user: incomingCall", 0, { brings: "INBOUND" }),
      ]),
    ).toEqual([["inbound-calls", expect.stringContaining("0 incoming calls reported, 1 rang")]]);
  });

  it("replay: a message missing, extra, or of another shape than the recording's", () => {
    const events = trace()
      .step("dial")
      .app("OUTGOING_CALL_STARTED", { externalCallId: 7 })
      .app("CALL_ANSWERED").events;
    const judged = judge({
      events,
      steps: [
        played("user: dial", 0, {
          recorded: [
            { type: "OUTGOING_CALL_STARTED", data: { externalCallId: "x", toNumber: "1" } },
            { type: "USER_AVAILABLE" },
          ],
        }),
      ],
      errors: [],
      compare: true,
    });
    expect(judged.steps[0]?.problems).toEqual([
      "OUTGOING_CALL_STARTED: data.toNumber is missing",
      "OUTGOING_CALL_STARTED: data.externalCallId is number, was string",
      "sent CALL_ANSWERED, which the recording does not have here",
      "no USER_AVAILABLE, which the recording has here",
    ]);
  });

  it("draws the trace as a sequence: steps as notes, messages both ways with the rules they broke", () => {
    const events = trace()
      .handshake()
      .step("logIn")
      .app("LOGGED_IN", undefined, [{ rule: "initialized-first" }])
      .step({ kind: "send", type: "END_CALL" })
      .hubspot("END_CALL").events;
    expect(sequenceOf(events)).toEqual([
      { note: "handshake: the app answered SYNC" },
      { note: "user: logIn" },
      { from: "App", type: "LOGGED_IN", violations: ["initialized-first"] },
      { from: "HubSpot", type: "END_CALL", violations: [] },
    ]);
  });

  it("is total: any message, any payload, in any order, is judged without a throw", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            appMessage.map((m) => ({
              at: 0,
              from: "app" as const,
              type: m.type,
              data: m.data,
              during: 0,
            })),
            appMessage.map((m) => ({
              at: 0,
              to: "app" as const,
              type: m.type,
              data: m.data,
              during: 0,
            })),
            postable.map((value) => ({
              at: 0,
              by: "hubspot" as const,
              step: { kind: "post" as const, value },
            })),
          ),
          { maxLength: 12 },
        ),
        (events) => {
          const all = [{ at: 0, by: "hubspot", step: CALL } as TraceEvent, ...events];
          judge(evidence(all));
          for (const step of [
            "logIn",
            "dial",
            "answer",
            "end",
            "complete",
            "incomingCall",
          ] as const)
            happened(step, all);
          sequenceOf(all);
        },
      ),
      { numRuns: 300 },
    );
  });
});
