import { describe, expect, it } from "vitest";
import {
  advance,
  afterHandshake,
  type ConformanceContext,
  check,
  initialContext,
  RULES,
  shapeViolation,
  withEngagement,
} from "../../../kit/contract/conformance";

const ready: ConformanceContext = {
  ...initialContext,
  initialized: true,
  loggedIn: true,
  engagementIds: [50_001],
};
const started: ConformanceContext = { ...ready, call: { externalCallId: "c1", phase: "started" } };
const answered: ConformanceContext = {
  ...ready,
  call: { externalCallId: "c1", phase: "answered" },
};
const ended: ConformanceContext = { ...ready, call: { externalCallId: "c1", phase: "ended" } };
const outgoing = {
  externalCallId: "c1",
  toNumber: "+1 617",
  fromNumber: "+1 555",
  callStartTime: 1,
  createEngagement: true,
};

/** Each rule with a message that keeps it and one that breaks it, in the context given. */
const cases: Record<
  string,
  { ctx: ConformanceContext; good: [string, unknown]; bad: [string, unknown] }
> = {
  "known-type": { ctx: ready, good: ["LOGGED_IN", undefined], bad: ["DIAL_NUMBER", {}] },
  "initialized-first": {
    ctx: initialContext,
    good: ["INITIALIZED", { isLoggedIn: false }],
    bad: ["LOGGED_IN", undefined],
  },
  "initialized-fields": {
    ctx: initialContext,
    good: [
      "INITIALIZED",
      { isLoggedIn: true, isAvailable: false, sizeInfo: { width: 400, height: 650 } },
    ],
    bad: ["INITIALIZED", { isLoggedIn: "yes" }],
  },
  "logged-in": {
    ctx: ready,
    good: ["OUTGOING_CALL_STARTED", outgoing],
    bad: ["OUTGOING_CALL_STARTED", outgoing],
  },
  "outgoing-fields": {
    ctx: ready,
    good: ["OUTGOING_CALL_STARTED", outgoing],
    bad: ["OUTGOING_CALL_STARTED", { ...outgoing, fromNumber: undefined }],
  },
  "incoming-fields": {
    ctx: ready,
    good: ["INCOMING_CALL", { externalCallId: "c1", fromNumber: "+1 617", toNumber: "+1 555" }],
    bad: ["INCOMING_CALL", { externalCallId: "c1", toNumber: "+1 555", createEngagement: "true" }],
  },
  "one-call": {
    ctx: ready,
    good: ["OUTGOING_CALL_STARTED", outgoing],
    bad: ["OUTGOING_CALL_STARTED", { ...outgoing, externalCallId: "c2" }],
  },
  "call-in-progress": {
    ctx: started,
    good: ["CALL_ANSWERED", { externalCallId: "c1" }],
    bad: ["CALL_ANSWERED", { externalCallId: "c1" }],
  },
  "same-call-id": {
    ctx: started,
    good: ["CALL_ANSWERED", { externalCallId: "c1" }],
    bad: ["CALL_ANSWERED", { externalCallId: "c2" }],
  },
  "answer-order": {
    ctx: started,
    good: ["CALL_ANSWERED", { externalCallId: "c1" }],
    bad: ["CALL_ANSWERED", { externalCallId: "c1" }],
  },
  "end-order": {
    ctx: answered,
    good: ["CALL_ENDED", { externalCallId: "c1", callEndStatus: "COMPLETED" }],
    bad: ["CALL_ENDED", { externalCallId: "c1", callEndStatus: "COMPLETED" }],
  },
  "end-status": {
    ctx: answered,
    good: ["CALL_ENDED", { externalCallId: "c1", callEndStatus: "MISSED" }],
    bad: ["CALL_ENDED", { externalCallId: "c1", callEndStatus: "HUNG_UP" }],
  },
  "complete-after-end": {
    ctx: ended,
    good: ["CALL_COMPLETED", { externalCallId: "c1" }],
    bad: ["CALL_COMPLETED", { externalCallId: "c1" }],
  },
  "transfer-connected": {
    ctx: answered,
    good: ["CALL_TRANSFERRED", { externalCallId: "c1" }],
    bad: ["CALL_TRANSFERRED", { externalCallId: "c1" }],
  },
  "engagement-issued": {
    ctx: ended,
    good: ["CALL_COMPLETED", { externalCallId: "c1", engagementId: 50_001 }],
    bad: ["CALL_COMPLETED", { externalCallId: "c1", engagementId: 12_345 }],
  },
  "engagement-properties": {
    ctx: ended,
    good: [
      "CALL_COMPLETED",
      {
        externalCallId: "c1",
        hideWidget: false,
        engagementProperties: { hs_call_title: "t", hs_timestamp: 1 },
      },
    ],
    bad: [
      "CALL_COMPLETED",
      { externalCallId: "c1", engagementProperties: { hs_call_body: { html: "x" } } },
    ],
  },
  "finalize-fields": {
    ctx: ready,
    good: ["FINALIZE_ENGAGEMENT", { externalCallId: "c1", engagementId: 50_001 }],
    bad: ["FINALIZE_ENGAGEMENT", { engagementId: 50_001 }],
  },
  "ghost-call": {
    ctx: { ...started, call: { externalCallId: "c1", phase: "started", engagementId: 50_001 } },
    good: ["INITIALIZED", { isLoggedIn: true, engagementId: 50_001 }],
    bad: ["LOGGED_OUT", undefined],
  },
  "navigate-fields": {
    ctx: ready,
    good: [
      "NAVIGATE_TO_RECORD",
      { objectCoordinates: { portalId: 1, objectId: 2, objectTypeId: "0-2" } },
    ],
    bad: [
      "NAVIGATE_TO_RECORD",
      { objectCoordinates: { portalId: 1, objectId: 2, objectTypeId: "0-3" } },
    ],
  },
  "error-message": {
    ctx: ready,
    good: ["ERROR", { message: "Oops" }],
    bad: ["ERROR", { message: "" }],
  },
  "resize-size": {
    ctx: ready,
    good: ["RESIZE_WIDGET", { width: 400, height: 600 }],
    bad: ["RESIZE_WIDGET", { width: -1, height: 600 }],
  },
  "widget-url": {
    ctx: ready,
    good: ["SET_WIDGET_URL", { iFrameUrl: "https://example.com/" }],
    bad: ["SET_WIDGET_URL", { iFrameUrl: "javascript:alert(1)" }],
  },
};
// Rules judged on order need the context before the bad message to differ from the good one's.
const badContext: Record<string, ConformanceContext> = {
  "logged-in": { ...ready, loggedIn: false },
  "one-call": started,
  "call-in-progress": ready,
  "answer-order": answered,
  "end-order": ended,
  "complete-after-end": answered,
  "transfer-connected": started,
};

describe("the conformance rules", () => {
  it("every rule has a case", () => {
    expect(Object.keys(cases).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  for (const { id } of RULES) {
    const { ctx, good, bad } = cases[id] ?? {
      ctx: ready,
      good: ["", undefined],
      bad: ["", undefined],
    };
    describe(id, () => {
      it("passes a message that keeps it", () => {
        const broken = check(ctx, { type: good[0], data: good[1] }).map((v) => v.rule);
        expect(broken).toEqual([]);
      });
      it("reports a message that breaks it, with what is wrong", () => {
        const violations = check(badContext[id] ?? ctx, { type: bad[0], data: bad[1] });
        const violation = violations.find((v) => v.rule === id);
        expect(violation, JSON.stringify(violations)).toBeDefined();
        expect(violation?.detail.length).toBeGreaterThan(0);
      });
    });
  }
});

describe("tracking a call", () => {
  const run = (ctx: ConformanceContext, ...messages: [string, unknown][]) =>
    messages.reduce((c, [type, data]) => advance(c, { type, data }), ctx);

  it("follows a whole call with no violation", () => {
    let ctx = initialContext;
    const call: [string, unknown][] = [
      ["INITIALIZED", { isLoggedIn: false }],
      ["LOGGED_IN", undefined],
      ["OUTGOING_CALL_STARTED", outgoing],
      ["CALL_ANSWERED", { externalCallId: "c1" }],
      ["CALL_ENDED", { externalCallId: "c1", engagementId: 7, callEndStatus: "COMPLETED" }],
      ["CALL_COMPLETED", { externalCallId: "c1", engagementId: 7 }],
    ];
    for (const [type, data] of call) {
      if (type === "CALL_ANSWERED") ctx = withEngagement(ctx, 7);
      expect(check(ctx, { type, data })).toEqual([]);
      ctx = advance(ctx, { type, data });
    }
    expect(ctx.call).toBeNull();
  });

  it("a new handshake asks for INITIALIZED again but keeps the call", () => {
    const ctx = afterHandshake(run(ready, ["OUTGOING_CALL_STARTED", outgoing]));
    expect(
      check(ctx, { type: "CALL_ANSWERED", data: { externalCallId: "c1" } }).map((v) => v.rule),
    ).toEqual(["initialized-first"]);
    expect(ctx.call?.externalCallId).toBe("c1");
  });

  it("survives payloads that are not objects", () => {
    for (const data of [null, 42, "text", [1, 2], undefined]) {
      expect(() => check(started, { type: "CALL_ENDED", data })).not.toThrow();
      expect(() => advance(started, { type: "CALL_ENDED", data })).not.toThrow();
    }
  });
});

describe("openIn (SDK 0.9.7)", () => {
  const coordinates = { portalId: 1, objectId: 2, objectTypeId: "0-2" };
  const rules = (data: unknown) =>
    check(ready, { type: "NAVIGATE_TO_RECORD", data }).map((v) => v.detail);
  it("accepts CURRENT_TAB, NEW_TAB or none, and names anything else", () => {
    for (const openIn of ["CURRENT_TAB", "NEW_TAB", undefined]) {
      expect(rules({ objectCoordinates: coordinates, openIn })).toEqual([]);
    }
    expect(rules({ objectCoordinates: coordinates, openIn: "new_tab" })).toEqual([
      'openIn is "new_tab"',
    ]);
  });
});

describe("ghost call logs", () => {
  const withEngagementCall: ConformanceContext = withEngagement(started, 50_002);
  const rules = (type: string, data?: unknown) =>
    check(withEngagementCall, { type, data }).map((v) => v.rule);
  it("an app that comes back from a reload without its call leaves a ghost", () => {
    expect(withEngagementCall.call?.engagementId).toBe(50_002);
    expect(rules("INITIALIZED", { isLoggedIn: true })).toContain("ghost-call");
    expect(
      advance(withEngagementCall, { type: "INITIALIZED", data: { isLoggedIn: true } }).call,
    ).toBeNull();
  });
  it("one that comes back with it, or a call with no engagement yet, leaves none", () => {
    expect(rules("INITIALIZED", { isLoggedIn: true, engagementId: 50_002 })).toEqual([]);
    expect(check(started, { type: "LOGGED_OUT" }).map((v) => v.rule)).toEqual([]);
  });
});

describe("the shape of a message, checked before the SDK's host code", () => {
  const cases: [unknown, string | null][] = [
    [{ type: "LOGGED_IN" }, null],
    [{ type: "LOGGED_IN", data: null }, null],
    [null, "null: dropped before the SDK's host code"],
    [undefined, "missing: dropped before the SDK's host code"],
    ["LOGGED_IN", '"LOGGED_IN": dropped before the SDK\'s host code'],
    [42, "number 42: dropped before the SDK's host code"],
    [[{ type: "LOGGED_IN" }], "an array: dropped before the SDK's host code"],
    [{}, "a message whose type is missing: dropped before the SDK's host code"],
    [{ type: 7 }, "a message whose type is number 7: dropped before the SDK's host code"],
    [
      { type: "X".repeat(101) },
      `a message whose type is "${"X".repeat(40)}": dropped before the SDK's host code`,
    ],
  ];
  for (const [data, detail] of cases) {
    it(`${JSON.stringify(data)?.slice(0, 30)} → ${detail ?? "kept"}`, () => {
      const violation = shapeViolation(data);
      expect(violation?.detail ?? null).toBe(detail);
      if (violation) expect(violation.rule).toBe("message-shape");
    });
  }
});

/**
 * What HubSpot's own demos (calling-extensions-sdk/demos) and the SDK itself send, copied from
 * their source: none of it may be reported, since HubSpot raises nothing for it.
 */
describe("no false alarms on HubSpot's own apps", () => {
  const rules = (ctx: ConformanceContext, type: string, data: unknown) =>
    check(ctx, { type, data }).map((v) => v.rule);

  it("demo-react-ts: INITIALIZED with engagementId 0 (no engagement) and its extra fields", () => {
    const data = {
      isLoggedIn: false,
      isAvailable: false,
      engagementId: 0,
      sizeInfo: { width: 400, height: 650 },
      iframeLocation: "widget",
      usesCallingWindow: false,
      portalId: 123456,
      hostUrl: "https://app.hubspot.com",
    };
    expect(rules(initialContext, "INITIALIZED", data)).toEqual([]);
  });

  it("demo-minimal-js: CALL_COMPLETED with engagementId 0 when HubSpot created none", () => {
    const data = {
      engagementId: 0,
      externalCallId: "c1",
      hideWidget: false,
      engagementProperties: { hs_call_title: "Demo call", hs_call_body: "Resolved issue" },
    };
    expect(rules(ended, "CALL_COMPLETED", data)).toEqual([]);
    expect(rules(ended, "CALL_COMPLETED", { ...data, engagementId: null })).toEqual([]);
  });

  it("demo-react-ts: CALL_COMPLETED with a null engagement property (no recording)", () => {
    const engagementProperties = {
      hs_call_body: "",
      hs_call_duration: "2500",
      hs_call_status: "COMPLETED",
      hs_call_recording_url: null,
    };
    const data = { engagementId: 50_001, hideWidget: false, engagementProperties };
    expect(rules(ended, "CALL_COMPLETED", data)).toEqual([]);
    expect(rules(ended, "CALL_COMPLETED", { ...data, engagementProperties: { x: {} } })).toEqual([
      "engagement-properties",
    ]);
  });

  it("demo-minimal-js: a bare callEnded() after HubSpot's END_CALL", () => {
    expect(rules(answered, "CALL_ENDED", undefined)).toEqual([]);
    expect(rules(answered, "CALL_ENDED", {})).toEqual([]);
  });

  it("demo-minimal-js: sendError with a type beside its message", () => {
    expect(rules(ready, "ERROR", { type: "ERROR", message: "This is an error alert" })).toEqual([]);
  });

  it("the SDK's own ERROR for a message type it does not know", () => {
    const data = { type: "UNKNOWN_MESSAGE_TYPE", data: { originalMessage: { type: "X" } } };
    expect(rules(ready, "ERROR", data)).toEqual([]);
    expect(rules(ready, "ERROR", { type: "SOMETHING_ELSE" })).toEqual(["error-message"]);
  });

  it("an engagement id other than 0 that HubSpot never issued is still reported", () => {
    expect(rules(ended, "CALL_COMPLETED", { externalCallId: "c1", engagementId: 999 })).toEqual([
      "engagement-issued",
    ]);
  });
});

describe("each rule, as the report shows it", () => {
  it("applies to the message types HubSpot's docs give it", () => {
    const calls = ["CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED", "CALL_TRANSFERRED"];
    const starts = ["OUTGOING_CALL_STARTED", "INCOMING_CALL"];
    expect(Object.fromEntries(RULES.map((r) => [r.id, r.types]))).toEqual({
      "known-type": "*",
      "initialized-first": "*",
      "initialized-fields": ["INITIALIZED"],
      "logged-in": starts,
      "outgoing-fields": ["OUTGOING_CALL_STARTED"],
      "incoming-fields": ["INCOMING_CALL"],
      "one-call": starts,
      "ghost-call": ["LOGGED_OUT", "INITIALIZED"],
      "call-in-progress": calls,
      "same-call-id": calls,
      "answer-order": ["CALL_ANSWERED"],
      "end-order": ["CALL_ENDED"],
      "end-status": ["CALL_ENDED"],
      "complete-after-end": ["CALL_COMPLETED"],
      "transfer-connected": ["CALL_TRANSFERRED"],
      "engagement-issued": [
        "INITIALIZED",
        "CALL_ENDED",
        "CALL_COMPLETED",
        "FINALIZE_ENGAGEMENT",
        "PUBLISH_TO_CHANNEL",
        "NAVIGATE_TO_RECORD",
      ],
      "engagement-properties": ["CALL_COMPLETED"],
      "finalize-fields": ["FINALIZE_ENGAGEMENT", "PUBLISH_TO_CHANNEL"],
      "navigate-fields": ["NAVIGATE_TO_RECORD"],
      "error-message": ["ERROR"],
      "resize-size": ["RESIZE_WIDGET"],
      "widget-url": ["SET_WIDGET_URL"],
    });
  });

  it("states what it asks in a sentence, and the fix in one ending with a full stop", () => {
    for (const rule of RULES) {
      expect(rule.text, rule.id).toMatch(/^[A-Za-z'`].{20,}[^.]$/);
      expect(rule.fix, rule.id).toMatch(/^[A-Z].{20,}\.$/);
    }
    expect(new Set(RULES.map((r) => r.text)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.fix)).size).toBe(RULES.length);
  });

  it("a violation carries its rule's text", () => {
    for (const { id } of RULES) {
      const { ctx, bad } = cases[id] ?? { ctx: ready, bad: ["", undefined] };
      const violation = check(badContext[id] ?? ctx, { type: bad[0], data: bad[1] }).find(
        (v) => v.rule === id,
      );
      expect(violation?.text, id).toBe(RULES.find((r) => r.id === id)?.text);
    }
  });
});

describe("what a violation says is wrong", () => {
  const details = (ctx: ConformanceContext, type: string, data?: unknown) =>
    check(ctx, { type, data }).map((v) => `${v.rule}: ${v.detail}`);

  it("INITIALIZED: each field by its type, the first wrong one named", () => {
    const init = (data: unknown) => details(initialContext, "INITIALIZED", data);
    expect(init({ isLoggedIn: "yes" })).toEqual([
      'initialized-fields: isLoggedIn is "yes", not a boolean',
    ]);
    expect(init({})).toEqual(["initialized-fields: isLoggedIn is missing, not a boolean"]);
    expect(init({ isLoggedIn: true, isAvailable: "no" })).toEqual([
      'initialized-fields: isAvailable is "no", not a boolean',
    ]);
    const size = "initialized-fields: sizeInfo is not { width: number, height: number }";
    for (const sizeInfo of ["big", { width: 400 }, { height: 650 }, { width: "400", height: 650 }])
      expect(init({ isLoggedIn: true, sizeInfo }), JSON.stringify(sizeInfo)).toEqual([size]);
    expect(
      init({ isLoggedIn: false, isAvailable: true, sizeInfo: { width: 1, height: 2 } }),
    ).toEqual([]);
  });

  it("a call's start: numbers as non-empty strings, times as numbers, createEngagement a boolean", () => {
    expect(details(ready, "OUTGOING_CALL_STARTED", { ...outgoing, toNumber: "  " })).toEqual([
      'outgoing-fields: toNumber is "  ", not a non-empty string',
    ]);
    expect(details(ready, "OUTGOING_CALL_STARTED", { ...outgoing, callStartTime: "1" })).toEqual([
      'outgoing-fields: callStartTime is "1", not a number',
    ]);
    expect(details(ready, "OUTGOING_CALL_STARTED", { ...outgoing, createEngagement: 1 })).toEqual([
      "outgoing-fields: createEngagement is number 1, not a boolean",
    ]);
    const inbound = { externalCallId: "i", fromNumber: "+1 617", toNumber: "+1 555" };
    expect(details(ready, "INCOMING_CALL", { ...inbound, callStartTime: "1" })).toEqual([
      'incoming-fields: callStartTime is "1", not a number',
    ]);
    expect(details(ready, "INCOMING_CALL", { ...inbound, createEngagement: "yes" })).toEqual([
      'incoming-fields: createEngagement is "yes", not a boolean',
    ]);
    expect(details(started, "INCOMING_CALL", inbound)).toEqual([
      "one-call: call c1 is still started",
    ]);
    expect(details({ ...ready, loggedIn: false }, "INCOMING_CALL", inbound)).toEqual([
      "logged-in: no LOGGED_IN before this call (or LOGGED_OUT since)",
    ]);
  });

  it("messages about a call: which call, and what phase it is in", () => {
    expect(details(ready, "CALL_ENDED", {})).toEqual([
      "call-in-progress: CALL_ENDED with no call started",
    ]);
    expect(details(started, "CALL_ENDED", { externalCallId: 7 })).toEqual([
      'same-call-id: externalCallId is number 7, the call is "c1"',
    ]);
    expect(details(ended, "CALL_ANSWERED", {})).toEqual([
      "answer-order: the call is already ended",
    ]);
    expect(details(ended, "CALL_ENDED", {})).toEqual(["end-order: the call had already ended"]);
    expect(details(answered, "CALL_ENDED", { callEndStatus: 3 })).toEqual([
      "end-status: callEndStatus is number 3",
    ]);
    expect(details(started, "CALL_COMPLETED", {})).toEqual([
      "complete-after-end: the call is started, not ended",
    ]);
    expect(details(ended, "CALL_TRANSFERRED", {})).toEqual([
      "transfer-connected: the call is ended",
    ]);
    expect(details(started, "CALL_TRANSFERRED", {})).toEqual([
      "transfer-connected: the call is started",
    ]);
  });

  it("engagement ids: positive safe integers HubSpot issued", () => {
    for (const engagementId of [-1, 1.5, "50001", 2 ** 53])
      expect(details(ended, "CALL_COMPLETED", { engagementId }), String(engagementId)).toEqual([
        expect.stringMatching(/^engagement-issued: engagementId .* was never issued$/),
      ]);
    expect(
      details(ready, "FINALIZE_ENGAGEMENT", { externalCallId: "c1", engagementId: 0 }),
    ).toEqual(["finalize-fields: engagementId is number 0"]);
    expect(
      details(ready, "PUBLISH_TO_CHANNEL", { externalCallId: "", engagementId: 50_001 }),
    ).toEqual(['finalize-fields: externalCallId is "", not a non-empty string']);
  });

  it("CALL_COMPLETED's properties and hideWidget", () => {
    expect(details(ended, "CALL_COMPLETED", { engagementProperties: "notes" })).toEqual([
      'engagement-properties: engagementProperties is "notes"',
    ]);
    expect(
      details(ended, "CALL_COMPLETED", { engagementProperties: {}, hideWidget: "no" }),
    ).toEqual(['engagement-properties: hideWidget is "no", not a boolean']);
    expect(details(ended, "CALL_COMPLETED", { engagementProperties: { a: "x", b: true } })).toEqual(
      ["engagement-properties: b is boolean true"],
    );
  });

  it("NAVIGATE_TO_RECORD: coordinates, ids and the object type", () => {
    const nav = (objectCoordinates: unknown) =>
      details(ready, "NAVIGATE_TO_RECORD", { objectCoordinates });
    expect(nav(undefined)).toEqual(["navigate-fields: objectCoordinates is missing"]);
    const ids = "navigate-fields: portalId and objectId must be positive integers";
    expect(nav({ portalId: 1, objectId: 0, objectTypeId: "0-1" })).toEqual([ids]);
    expect(nav({ portalId: 0, objectId: 1, objectTypeId: "0-1" })).toEqual([ids]);
    expect(nav({ portalId: 1.5, objectId: 1, objectTypeId: "0-1" })).toEqual([ids]);
    expect(nav({ portalId: "1", objectId: 1, objectTypeId: "0-1" })).toEqual([ids]);
    expect(nav({ portalId: 1, objectId: 1, objectTypeId: "0-1" })).toEqual([]);
    expect(nav({ portalId: 1, objectId: 1 })).toEqual(["navigate-fields: objectTypeId is missing"]);
  });

  it("the rest: an unknown type, before INITIALIZED, ERROR, RESIZE_WIDGET, SET_WIDGET_URL", () => {
    expect(details(initialContext, "HELLO")).toEqual([
      "known-type: HELLO is not one of them",
      "initialized-first: HELLO came before INITIALIZED",
    ]);
    expect(details(ready, "ERROR", { message: "  " })).toEqual([
      'error-message: message is "  ", not a non-empty string',
    ]);
    expect(details(ready, "RESIZE_WIDGET", { width: 400 })).toEqual([
      "resize-size: width number 400, height missing",
    ]);
    expect(details(ready, "SET_WIDGET_URL", { iFrameUrl: "http://x" })).toEqual([
      'widget-url: iFrameUrl is "http://x"',
    ]);
  });

  it("a ghost call names the call left behind", () => {
    expect(details(withEngagement(started, 50_001), "LOGGED_OUT")).toEqual([
      "ghost-call: call c1 was never completed",
    ]);
  });

  it("a message type of exactly 100 characters keeps its shape", () => {
    expect(shapeViolation({ type: "X".repeat(100) })).toBeNull();
  });
});

describe("the context a message leaves", () => {
  it("starts before INITIALIZED, logged out, with no call and no engagement issued", () => {
    expect(initialContext).toEqual({
      initialized: false,
      loggedIn: false,
      call: null,
      engagementIds: [],
    });
  });

  const after = (ctx: ConformanceContext, type: string, data?: unknown) =>
    advance(ctx, { type, data });

  it("INITIALIZED and the log-in messages set who is logged in", () => {
    expect(after(initialContext, "INITIALIZED", { isLoggedIn: true })).toMatchObject({
      initialized: true,
      loggedIn: true,
    });
    expect(after(ready, "INITIALIZED", { isLoggedIn: "yes" }).loggedIn).toBe(false);
    expect(after({ ...ready, loggedIn: false }, "LOGGED_IN").loggedIn).toBe(true);
    const out = after(started, "LOGGED_OUT");
    expect(out).toMatchObject({ loggedIn: false, call: null, initialized: true });
  });

  it("a call: started with its id (or none), answered, ended, gone when completed or transferred", () => {
    expect(after(ready, "INCOMING_CALL", { externalCallId: "i" }).call).toEqual({
      externalCallId: "i",
      phase: "started",
    });
    expect(after(ready, "OUTGOING_CALL_STARTED", { externalCallId: 5 }).call?.externalCallId).toBe(
      "",
    );
    expect(after(started, "CALL_ANSWERED").call?.phase).toBe("answered");
    expect(after(answered, "CALL_ENDED").call?.phase).toBe("ended");
    expect(after(answered, "CALL_TRANSFERRED").call).toBeNull();
    expect(after(ended, "CALL_COMPLETED").call).toBeNull();
    expect(after(ready, "CALL_ANSWERED")).toBe(ready);
    expect(after(ready, "CALL_ENDED")).toBe(ready);
    expect(after(started, "RESIZE_WIDGET")).toBe(started);
  });

  it("HubSpot's engagement goes to the call in progress, once; every id is kept as issued", () => {
    const once = withEngagement(started, 1);
    expect(once.call?.engagementId).toBe(1);
    const twice = withEngagement(once, 2);
    expect(twice.call?.engagementId).toBe(1);
    expect(twice.engagementIds).toEqual([50_001, 1, 2]);
    const none = withEngagement(ready, 3);
    expect(none.call).toBeNull();
    expect(none.engagementIds).toEqual([50_001, 3]);
  });

  it("a reload that keeps the call's engagement keeps the call", () => {
    const ctx = withEngagement(started, 9);
    expect(
      after(ctx, "INITIALIZED", { isLoggedIn: true, engagementId: 9 }).call?.externalCallId,
    ).toBe("c1");
    expect(after(ctx, "INITIALIZED", { isLoggedIn: true, engagementId: 8 }).call).toBeNull();
  });
});
