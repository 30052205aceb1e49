/**
 * The judge, on traces written out here as the stand-in records them: each expected verdict comes
 * from the protocol (protocol.md), not from the code under test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SessionEvent } from "../../../common/session";
import { brings, type HubSpotStep, USER_STEPS, type UserStep } from "../../../common/steps";
import {
  type Evidence,
  judge,
  judgeCalls,
  MAX_SEQUENCE,
  sequenceOf,
} from "../../../kit/check/judge";
import type { PlayedStep } from "../../../kit/check/plan";
import { asksIn, calls, happened, testFindings } from "../../../kit/contract/calls";
import { appMessage, postable } from "../../postable";

/** A trace built step by step: messages are stamped with the step in force, as the stand-in does. */
function trace() {
  const events: SessionEvent[] = [];
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
  played("HubSpot: Call", 1, { starts: "OUTBOUND", phone: "+1 617-555-0101" }),
  played("user: dial", 2),
  played("user: end", 3),
  played("user: complete", 4),
];

const evidence = (events: readonly SessionEvent[], steps = OUTBOUND_STEPS): Evidence => ({
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

describe("the calls in a trace, edge by edge", () => {
  it("a start with no string id gets an empty one, and one with no step stamped the opening's", () => {
    const events: SessionEvent[] = [
      { at: 0, from: "app", type: "OUTGOING_CALL_STARTED", data: { externalCallId: 7 } },
    ];
    expect(calls(events)[0]).toMatchObject({ externalCallId: "", during: -1, index: 0 });
    expect(
      calls(trace().step("dial").app("INCOMING_CALL", { externalCallId: "i" }).events)[0]?.during,
    ).toBe(0);
  });

  it("only the call messages join a call; HubSpot's engagement goes to a call that asked for one", () => {
    const t = trace()
      .app("OUTGOING_CALL_STARTED", { externalCallId: "quiet", createEngagement: false })
      .app("LOGGED_OUT", { externalCallId: "quiet" })
      .app("CALL_DATA", { externalCallId: "quiet" })
      .hubspot("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 1 })
      .app("OUTGOING_CALL_STARTED", { externalCallId: "asks", createEngagement: true })
      .hubspot("DIAL_NUMBER", { engagementId: 2 })
      .hubspot("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 3 })
      .app("CALL_ANSWERED", { externalCallId: "quiet" });
    const [quiet, asks] = calls(t.events);
    expect(quiet?.engagement).toBeNull();
    expect(quiet?.messages.map((m) => m.type)).toEqual(["CALL_ANSWERED"]);
    expect(asks?.engagement).toEqual({ id: 3 });
  });

  it("an engagement answer without a number id leaves the call without one, and is used up", () => {
    const t = trace()
      .app("OUTGOING_CALL_STARTED", { externalCallId: "a", createEngagement: true })
      .hubspot("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: "9" })
      .hubspot("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 10 });
    expect(calls(t.events)[0]?.engagement).toBeNull();
  });

  it("END_CALL belongs to the call in progress: the first one sent, never before any call", () => {
    const t = trace()
      .hubspot("END_CALL")
      .app("OUTGOING_CALL_STARTED", started("a"))
      .hubspot("END_CALL")
      .hubspot("END_CALL");
    expect(() => calls(t.events)).not.toThrow();
    expect(calls(t.events)[0]?.endCallAt).toBe(2);
    expect(
      calls(trace().app("OUTGOING_CALL_STARTED", started("a")).hubspot("DIAL_NUMBER").events)[0]
        ?.endCallAt,
    ).toBeNull();
  });
});

describe("what each user step brings", () => {
  it("is the message HubSpot's docs name for it", () => {
    expect(Object.fromEntries(USER_STEPS.map((step) => [step, brings(step)]))).toEqual({
      logIn: "LOGGED_IN",
      logOut: "LOGGED_OUT",
      available: "USER_AVAILABLE",
      dial: "OUTGOING_CALL_STARTED",
      incomingCall: "INCOMING_CALL",
      answer: "CALL_ANSWERED",
      end: "CALL_ENDED",
      complete: "CALL_COMPLETED",
    });
  });
});

describe("what the app has done by itself", () => {
  const cases: [string, SessionEvent[], UserStep, boolean][] = [
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
    [
      "a transferred call is complete",
      trace().app("OUTGOING_CALL_STARTED", started("c")).app("CALL_TRANSFERRED", {}).events,
      "complete",
      true,
    ],
    [
      "LOGGED_IN, then other messages",
      trace().app("LOGGED_IN").app("USER_AVAILABLE").app("OUTGOING_CALL_STARTED", started("c"))
        .events,
      "logIn",
      true,
    ],
    [
      "INITIALIZED says available",
      trace().app("INITIALIZED", { isAvailable: true }).events,
      "available",
      true,
    ],
    [
      "USER_UNAVAILABLE since",
      trace().app("USER_AVAILABLE").app("USER_UNAVAILABLE").events,
      "available",
      false,
    ],
    ["nothing said of availability", trace().app("LOGGED_IN").events, "available", false],
    [
      "HubSpot's messages say nothing of the app's user",
      trace().hubspot("LOGGED_IN").hubspot("USER_AVAILABLE").events,
      "logIn",
      false,
    ],
    [
      "a call with no DIAL_NUMBER at all (the user typed it)",
      trace().app("OUTGOING_CALL_STARTED", started("c")).events,
      "dial",
      true,
    ],
    [
      "a call started after the last one was completed",
      trace()
        .app("OUTGOING_CALL_STARTED", started("a"))
        .app("CALL_ENDED", { externalCallId: "a" })
        .app("CALL_COMPLETED", { externalCallId: "a" })
        .app("OUTGOING_CALL_STARTED", started("b")).events,
      "dial",
      true,
    ],
    [
      "a DIAL_NUMBER the app sent is not HubSpot's",
      trace().app("OUTGOING_CALL_STARTED", started("c")).app("DIAL_NUMBER", DIAL).events,
      "dial",
      true,
    ],
    [
      "an inbound call is not a dialled one",
      trace().step(CALL).hubspot("DIAL_NUMBER", DIAL).app("INCOMING_CALL", { externalCallId: "i" })
        .events,
      "dial",
      false,
    ],
    [
      "a ringing call already answered is still the incoming one",
      trace().app("INCOMING_CALL", { externalCallId: "i" }).app("CALL_ANSWERED", {}).events,
      "incomingCall",
      true,
    ],
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
      "uncaught error in the app: Cannot destructure (on a value outside the SDK's envelope: the SDK's own listener throws on null or undefined before any app code runs, in every app on the SDK, so this is a warning, not a failure; to silence it, add a message listener before the SDK's that drops such values)",
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

  const rules = (events: readonly SessionEvent[], steps = OUTBOUND_STEPS) =>
    judgeCalls(evidence(events, steps)).map((f) => [f.rule, f.text]);

  it("one-call-per-click: two calls for one click", () => {
    const events = outbound().events;
    const twice = [
      ...events.slice(0, 8),
      { at: 0, from: "app", type: "OUTGOING_CALL_STARTED", data: started("c2"), during: 2 },
      ...events.slice(8),
    ] as SessionEvent[];
    expect(rules(twice)).toEqual([
      ["one-call-per-click", expect.stringContaining('2 calls after "HubSpot: Call" ("c1", "c2")')],
      ["ghost-call", expect.stringContaining('call 2 ("c2", outbound) was never completed')],
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
      played("HubSpot: Call", 5, { starts: "OUTBOUND", phone: "+1 617-555-0101" }),
      played("user: dial", 6),
    ];
    expect(rules(t.events, steps)).toEqual([
      [
        "call-engagement",
        expect.stringContaining("which HubSpot created for call 1; it created none for this one"),
      ],
    ]);
  });

  it("ghost-call and inbound-calls: a call never completed, an incoming call never reported", () => {
    const t = trace()
      .step("incomingCall")
      .app("INCOMING_CALL", { externalCallId: "i" })
      .app("CALL_ENDED", {});
    expect(rules(t.events, [played("user: incomingCall", 0, { starts: "INBOUND" })])).toEqual([
      [
        "ghost-call",
        'A call with an engagement is completed before the app logs out or comes back without it (else its engagement stays a ghost call log): call 1 ("i", inbound) was never completed (map complete to the app\'s control, if it has one)',
      ],
    ]);
    expect(
      rules(trace().step("incomingCall").events, [
        played("user: incomingCall", 0, { starts: "INBOUND" }),
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
          const all = [{ at: 0, by: "hubspot", step: CALL } as SessionEvent, ...events];
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

describe("the judge, step by step", () => {
  const one = (extra: Partial<PlayedStep>, errors: Evidence["errors"] = []) =>
    judge({
      events: trace().step("logIn").app("LOGGED_IN").events,
      steps: [played("user: logIn", 0, extra)],
      errors,
    });

  it("keeps a step's outcome as its status when nothing went wrong", () => {
    expect(one({ outcome: "skipped" }).steps[0]?.status).toBe("skipped");
    expect(one({ outcome: "not run" }).steps[0]?.status).toBe("not run");
    expect(one({ outcome: "done by the app" }).steps[0]?.status).toBe("done by the app");
    expect(one({ ms: 12.6 }).steps[0]).toMatchObject({ status: "passed", ms: 13 });
  });

  it("fails a step on a problem the runner met, even with no message wrong", () => {
    const step = one({ problems: ["no CALL_ENDED came"] }).steps[0];
    expect(step).toMatchObject({
      status: "failed",
      problems: ["no CALL_ENDED came"],
      violations: [],
    });
  });

  it("a step that never ran in the trace (during null) reports its note and nothing received", () => {
    const judged = judge({
      events: trace().app("INITIALIZED").events,
      steps: [played("user: answer", null, { outcome: "skipped", note: "not mapped", ms: 40 })],
      errors: [],
    });
    expect(judged.steps[0]).toEqual({
      name: "user: answer",
      status: "skipped",
      note: "not mapped",
      problems: [],
      warnings: [],
      violations: [],
      received: [],
      ms: 0,
    });
  });

  it("lays a message stamped with no step on the opening", () => {
    const events: SessionEvent[] = [{ at: 0, from: "app", type: "INITIALIZED" }];
    const judged = judge({ events, steps: [played("open", -1)], errors: [] });
    expect(judged.steps[0]?.received).toEqual(["INITIALIZED"]);
  });

  it("an uncaught error fails its step, unless it was thrown on a raw value or in a raw step", () => {
    const error = { text: "boom", during: 0, raw: false };
    expect(one({}, [error]).steps[0]).toMatchObject({
      status: "failed",
      problems: ["uncaught error in the app: boom"],
      warnings: [],
    });
    const warned =
      "uncaught error in the app: boom (on a value outside the SDK's envelope: the SDK's own listener throws on null or undefined before any app code runs, in every app on the SDK, so this is a warning, not a failure; to silence it, add a message listener before the SDK's that drops such values)";
    expect(one({ raw: true }, [error]).steps[0]).toMatchObject({
      status: "passed",
      problems: [],
      warnings: [warned],
    });
    expect(one({}, [{ ...error, raw: true }]).steps[0]).toMatchObject({
      status: "passed",
      warnings: [warned],
    });
    // An error in another step is not this one's.
    expect(one({}, [{ ...error, during: 1 }]).steps[0]?.status).toBe("passed");
  });

  it("a message with no violations recorded has none", () => {
    const events: SessionEvent[] = [
      { at: 0, by: "user", step: "logIn" },
      { at: 0, from: "app", type: "LOGGED_IN", during: 0 },
    ];
    const judged = judge({ events, steps: [played("user: logIn", 0)], errors: [] });
    expect(judged.steps[0]).toMatchObject({ status: "passed", violations: [] });
  });

  it("groups a step's violations with the message that broke each", () => {
    const judged = judge({
      events: trace()
        .step("logIn")
        .app("LOGGED_IN", { a: 1 }, [{ rule: "initialized-first" }]).events,
      steps: [played("user: logIn", 0)],
      errors: [],
    });
    expect(judged.steps[0]?.violations).toEqual([
      expect.objectContaining({ rule: "initialized-first" }),
    ]);
    expect(JSON.stringify(judged.steps[0]?.violations)).toContain("LOGGED_IN");
    expect(judged.status).toBe("failed");
  });

  it("a failed step leaves the calls unjudged: its own status is the verdict", () => {
    const steps = OUTBOUND_STEPS.map((s, i) =>
      i === 4 ? { ...s, outcome: "done" as const, problems: ["no CALL_ENDED"] } : s,
    );
    const judged = judge(evidence(outbound("c1", 50_001, 0).events, steps));
    expect(judged.findings).toEqual([]);
    // A step not run after a step the rest could not do without does not: the calls are judged.
    const notRun = OUTBOUND_STEPS.map((s, i) =>
      i === 4 ? { ...s, outcome: "not run" as const } : s,
    );
    expect(judge(evidence(outbound("c1", 50_001, 0).events, notRun)).findings).toHaveLength(1);
    // Nor does a skipped step: the calls are judged.
    const skipped = OUTBOUND_STEPS.map((s, i) =>
      i === 4 ? { ...s, outcome: "skipped" as const } : s,
    );
    expect(judge(evidence(outbound("c1", 50_001, 0).events, skipped)).findings).toHaveLength(1);
  });

  it("replay: the same messages as the recording, in order, differ in nothing", () => {
    const events = trace()
      .step("dial")
      .app("OUTGOING_CALL_STARTED", { externalCallId: "a" })
      .app("CALL_ANSWERED").events;
    const recorded = [
      { type: "OUTGOING_CALL_STARTED", data: { externalCallId: "b" } },
      { type: "CALL_ANSWERED" },
    ];
    const judged = judge({
      events,
      steps: [played("user: dial", 0, { recorded })],
      errors: [],
      compare: true,
    });
    expect(judged.steps[0]?.problems).toEqual([]);
    // Without a recording for the step, anything the app sent is extra, and nothing is missing.
    const bare = judge({ events, steps: [played("user: dial", 0)], errors: [], compare: true });
    expect(bare.steps[0]?.problems).toEqual([
      "sent OUTGOING_CALL_STARTED, which the recording does not have here",
      "sent CALL_ANSWERED, which the recording does not have here",
    ]);
    const quiet = judge({
      events: trace().step("dial").events,
      steps: [played("user: dial", 0)],
      errors: [],
      compare: true,
    });
    expect(quiet.steps[0]?.problems).toEqual([]);
    // Not comparing, a recording is ignored.
    expect(
      judge({ events, steps: [played("user: dial", 0, { recorded: [] })], errors: [] }).steps[0]
        ?.problems,
    ).toEqual([]);
  });
});

describe("the judge's calls, rule by rule", () => {
  const rules = (events: readonly SessionEvent[], steps = OUTBOUND_STEPS) =>
    judgeCalls(evidence(events, steps)).map((f) => [f.rule, f.text]);
  const callTo = (to: unknown) =>
    trace()
      .step("logIn")
      .step(CALL)
      .app("OUTGOING_CALL_STARTED", { ...started("c"), toNumber: to })
      .app("CALL_ENDED", {})
      .app("CALL_COMPLETED", {}).events;
  const steps = [
    played("user: logIn", 0),
    played("HubSpot: Call", 1, { starts: "OUTBOUND", phone: "+1 617-555-0101" }),
  ];

  it("the number: digits compared, a country code or prefix of at least 7 digits allowed", () => {
    for (const same of ["+1 617-555-0101", "16175550101", "(617) 555-0101", "5550101"])
      expect(rules(callTo(same), steps), same).toEqual([]);
    for (const other of ["+1 617-555-0199", "0101", "", "no digits", 16175550101, null, "555010"])
      expect(rules(callTo(other), steps), String(other)).toEqual([
        ["one-call-per-click", expect.stringContaining("HubSpot dialled")],
      ]);
    // A shorter number HubSpot dialled is found at the end of the app's longer one.
    const short = [
      played("user: logIn", 0),
      played("HubSpot: Call", 1, { starts: "OUTBOUND", phone: "555-0101 x" }),
    ];
    expect(rules(callTo("+1 617 555 0101"), short)).toEqual([]);
  });

  it("a short number is the same only when all its digits are; no digits on either side is no match", () => {
    const dialled = (phone: string) => [
      played("user: logIn", 0),
      played("HubSpot: Call", 1, { starts: "OUTBOUND", phone }),
    ];
    expect(rules(callTo("112"), dialled("112"))).toEqual([]);
    expect(rules(callTo("+112"), dialled("112"))).toEqual([]);
    expect(rules(callTo("12"), dialled("112"))).toHaveLength(1);
    expect(rules(callTo("ext."), dialled("ext."))).toEqual([
      ["one-call-per-click", expect.stringContaining('went to "ext.", HubSpot dialled "ext."')],
    ]);
    expect(rules(callTo("112"), dialled("ext."))).toHaveLength(1);
  });

  it("a click with no phone is judged on the count only", () => {
    const bare = [played("user: logIn", 0), played("HubSpot: Call", 1, { starts: "OUTBOUND" })];
    expect(rules(callTo("+44 20 7946 0101"), bare)).toEqual([]);
  });

  it("each click owns the calls until the next click; a step that never ran brings none", () => {
    const t = trace()
      .step(CALL)
      .app("OUTGOING_CALL_STARTED", started("a"))
      .app("CALL_ENDED", { externalCallId: "a" })
      .app("CALL_COMPLETED", { externalCallId: "a" })
      .step(CALL)
      .app("OUTGOING_CALL_STARTED", started("b"))
      .app("CALL_ENDED", { externalCallId: "b" })
      .app("CALL_COMPLETED", { externalCallId: "b" });
    const click = (during: number | null) =>
      played("HubSpot: Call", during, { starts: "OUTBOUND", phone: "+1 617-555-0101" });
    expect(rules(t.events, [click(0), click(1)])).toEqual([]);
    expect(rules(t.events, [click(0), click(null)])).toEqual([
      ["one-call-per-click", expect.stringContaining('2 calls after "HubSpot: Call" ("a", "b")')],
    ]);
    // A click taken before any step (during -1) owns every call after the trace's start.
    expect(rules(t.events, [click(-1)])).toEqual([
      ["one-call-per-click", expect.stringContaining('2 calls after "HubSpot: Call" ("a", "b")')],
    ]);
  });

  it("an inbound call counts only for a ring that ran; an outbound one never does", () => {
    const t = trace()
      .step("incomingCall")
      .app("INCOMING_CALL", { externalCallId: "i" })
      .app("CALL_ENDED", {})
      .app("CALL_COMPLETED", {});
    const ring = (during: number | null) =>
      played("user: incomingCall", during, { starts: "INBOUND" });
    expect(rules(t.events, [ring(0)])).toEqual([]);
    expect(rules(t.events, [ring(0), ring(null)])).toEqual([]);
    expect(rules(t.events, [ring(0), ring(0)])).toEqual([
      ["inbound-calls", expect.stringContaining("1 incoming calls reported, 2 rang")],
    ]);
  });

  it("a transferred call is finished (HubSpot's log is whole); any other is completed, after CALL_ENDED", () => {
    const base = () => trace().step(CALL).app("OUTGOING_CALL_STARTED", started("t"));
    const click = [played("HubSpot: Call", 0, { starts: "OUTBOUND", phone: "+1 617-555-0101" })];
    expect(
      rules(base().app("CALL_TRANSFERRED", {}).app("CALL_COMPLETED", {}).events, click),
    ).toEqual([]);
    expect(rules(base().app("CALL_TRANSFERRED", {}).events, click)).toEqual([]);
    expect(rules(base().app("CALL_ENDED", {}).events, click)).toEqual([
      ["ghost-call", expect.stringMatching(/was never completed \(map complete/)],
    ]);
    expect(rules(base().app("CALL_COMPLETED", {}).events, click)).toEqual([
      ["call-finished", expect.stringMatching(/has no CALL_ENDED$/)],
    ]);
    expect(rules(base().events, click)).toEqual([
      ["ghost-call", expect.stringMatching(/was never completed \(map complete/)],
    ]);
  });

  it("call-engagement: none created and none sent (absent, null or 0) is right; an id no call owns is not judged", () => {
    const ended = (engagementId: unknown) =>
      trace()
        .step(CALL)
        .app("OUTGOING_CALL_STARTED", started("n"))
        .app("CALL_ENDED", {})
        .app("CALL_COMPLETED", { engagementId }).events;
    const click = [played("HubSpot: Call", 0, { starts: "OUTBOUND", phone: "+1 617-555-0101" })];
    for (const id of [undefined, null, 0, 77])
      expect(rules(ended(id), click), String(id)).toEqual([]);
  });

  it("call-engagement: another call's id is named by that call's number", () => {
    const t = outbound("c1", 50_001)
      .step(CALL)
      .hubspot("DIAL_NUMBER", DIAL)
      .step("dial")
      .app("OUTGOING_CALL_STARTED", started("c2"))
      .app("CALL_ENDED", { externalCallId: "c2" })
      .app("CALL_COMPLETED", { externalCallId: "c2", engagementId: 50_001 });
    const steps2 = [
      ...OUTBOUND_STEPS,
      played("HubSpot: Call", 5, { starts: "OUTBOUND", phone: "+1 617-555-0101" }),
      played("user: dial", 6),
    ];
    const judged = judge(evidence(t.events, steps2));
    expect(judged.findings.map((f) => f.text)).toEqual([
      expect.stringContaining(
        'call 2 ("c2", outbound): CALL_COMPLETED carries engagementId 50001, which HubSpot created for call 1',
      ),
    ]);
    // The finding crosses the second call's CALL_COMPLETED only.
    const crossed = judged.sequence.filter((l) => "violations" in l && l.violations.length > 0);
    expect(crossed).toEqual([
      { from: "App", type: "CALL_COMPLETED", violations: ["call-engagement"] },
    ]);
    expect(judged.findings[0]).toMatchObject({ ok: false, severity: "error" });
  });

  it("a finding without a message to cross (a ring never reported) marks none", () => {
    const judged = judge({
      events: trace().step("incomingCall").app("LOGGED_IN").events,
      steps: [played("user: incomingCall", 0, { starts: "INBOUND" })],
      errors: [],
    });
    expect(judged.findings.map((f) => f.rule)).toEqual(["inbound-calls"]);
    expect(judged.sequence).toEqual([
      { note: "user: incomingCall" },
      { from: "App", type: "LOGGED_IN", violations: [] },
    ]);
  });
});

describe("the sequence diagram", () => {
  it("names each of HubSpot's steps as the report does, and leaves out a send its message shows", () => {
    const steps: HubSpotStep[] = [
      { kind: "call", record: 101, phone: "+1 617" },
      { kind: "send", type: "END_CALL" },
      { kind: "post", value: null },
      { kind: "visibility", to: "minimised" },
      { kind: "reload" },
      { kind: "fault", fault: "failCreate", on: true },
      { kind: "delay", ms: 1500 },
    ];
    const t = trace();
    for (const s of steps) t.step(s);
    t.step("answer");
    expect(sequenceOf(t.events).map((l) => ("note" in l ? l.note : l.type))).toEqual([
      "HubSpot: Call record 101 at +1 617",
      "HubSpot posts null",
      "HubSpot: widget minimised",
      "HubSpot reloads the app's frame",
      "HubSpot: failCreate on",
      "HubSpot: answers delayed by 1,500 ms",
      "user: answer",
    ]);
  });

  it(`shows at most ${MAX_SEQUENCE} lines, and says how many more there were`, () => {
    const t = trace().step("logIn");
    for (let i = 0; i < 100; i++) t.app("LOGGED_IN");
    const lines = sequenceOf(t.events);
    expect(lines).toHaveLength(MAX_SEQUENCE + 1);
    expect(lines.at(-1)).toEqual({ note: "… 21 more events" });
    expect(sequenceOf(t.events.slice(0, MAX_SEQUENCE))).toHaveLength(MAX_SEQUENCE);
    const flood = trace();
    for (let i = 0; i < 1_100; i++) flood.app("X");
    expect(sequenceOf(flood.events).at(-1)).toEqual({ note: "… 1,020 more events" });
  });
});

describe("statuses and notes that agree with the trace", () => {
  it("a step reported skipped while what it brings came during it, after its time, is the app's", () => {
    const events = trace()
      .step(CALL)
      .hubspot("DIAL_NUMBER", DIAL)
      .step("dial")
      .app("OUTGOING_CALL_STARTED", started("c"))
      .step("answer")
      .app("CALL_ANSWERED", { externalCallId: "c" }).events;
    const judged = judge(
      evidence(events, [
        played("HubSpot: Call", 0, { starts: "OUTBOUND", phone: "+1 617-555-0101" }),
        played("user: dial", 1, { user: "dial" }),
        played("user: answer", 2, {
          user: "answer",
          outcome: "skipped",
          note: "no control for answer showed, and the app did not answer by itself",
        }),
      ]),
    );
    expect(judged.steps[2]).toMatchObject({
      status: "done by the app",
      note: "the app did it by itself: CALL_ANSWERED came, after the step's time",
    });
    // Where it did not come, the step stays skipped, and its note stands.
    const without = judge(
      evidence(trace().step("answer").events, [
        played("user: answer", 0, { user: "answer", outcome: "skipped", note: "n" }),
      ]),
    );
    expect(without.steps[0]).toMatchObject({ status: "skipped", note: "n" });
  });

  it("a step's warnings (a DIAL_NUMBER ignored, the second Call taken) are reported, not failed", () => {
    const warning = "DIAL_NUMBER ignored 60 ms after LOGGED_IN; the second Call was taken";
    const judged = judge(
      evidence(trace().step(CALL).events, [played("HubSpot: Call", 0, { warnings: [warning] })]),
    );
    expect(judged.steps[0]).toMatchObject({ status: "passed", warnings: [warning] });
  });

  it("a call never completed is the ghost call, with its engagement and what would complete it", () => {
    const events = trace()
      .step(CALL)
      .hubspot("DIAL_NUMBER", DIAL)
      .step("dial")
      .app("OUTGOING_CALL_STARTED", started("g"))
      .hubspot("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 50_007 })
      .step("end")
      .app("CALL_ENDED", { externalCallId: "g" }).events;
    const click = played("HubSpot: Call", 0, { starts: "OUTBOUND", phone: "+1 617-555-0101" });
    const judged = judge(
      evidence(events, [
        click,
        played("user: dial", 1),
        played("user: end", 2),
        played("user: complete", 3, { outcome: "skipped", note: "declared none" }),
      ]),
    );
    expect(judged.findings).toEqual([
      {
        rule: "ghost-call",
        ok: false,
        severity: "error",
        text: 'A call with an engagement is completed before the app logs out or comes back without it (else its engagement stays a ghost call log): call 1 ("g", outbound) was never completed: its engagement 50007 stays a ghost call log on the record (map complete to the app\'s control, if it has one)',
      },
    ]);
    expect(judged.status).toBe("failed");
  });

  it("end is the app's when the last call ended, though it is completed already", () => {
    const events = trace()
      .step("dial")
      .app("OUTGOING_CALL_STARTED", started("e"))
      .app("CALL_ENDED", { externalCallId: "e" })
      .app("CALL_COMPLETED", { externalCallId: "e" }).events;
    expect(happened("end", events)).toBe(true);
    expect(happened("answer", events)).toBe(false);
  });
});

describe("the calls of a test that drove the stand-in as it liked (standIn.findings)", () => {
  it("are judged by the rules that apply: clicks where HubSpot's user clicked, rings where they rang", () => {
    // A call the user placed from the app itself, never completed: no click to count, a ghost call.
    const typed = trace()
      .step("logIn")
      .app("LOGGED_IN")
      .app("OUTGOING_CALL_STARTED", started("t"))
      .hubspot("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 50_001 })
      .app("CALL_ENDED", { externalCallId: "t" }).events;
    expect(testFindings(typed).map((f) => f.rule)).toEqual(["ghost-call"]);
    // HubSpot's Call clicked: the click's rules apply, here a call to another number.
    const clicked = trace()
      .step(CALL)
      .hubspot("DIAL_NUMBER", DIAL)
      .app("OUTGOING_CALL_STARTED", started("c", "+1 212-555-0199"))
      .app("CALL_ENDED", { externalCallId: "c" })
      .app("CALL_COMPLETED", { externalCallId: "c" }).events;
    expect(testFindings(clicked).map((f) => [f.rule, f.text])).toEqual([
      [
        "one-call-per-click",
        'Each click on Call brings exactly one call, to the number HubSpot dialled: the call went to "+1 212-555-0199", HubSpot dialled "+1 617-555-0101"',
      ],
    ]);
    // A whole call, clicked and completed with its engagement: nothing found.
    expect(testFindings(outbound().events)).toEqual([]);
    expect(asksIn(outbound().events)).toEqual([
      {
        direction: "OUTBOUND",
        at: 4,
        name: "HubSpot: Call record 101 at +1 617-555-0101",
        phone: "+1 617-555-0101",
      },
    ]);
  });
});
