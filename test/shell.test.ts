import { describe, expect, it } from "vitest";
import { SessionRecorder } from "../common/session";
import { parseSession } from "../kit/check/replay";
import { can } from "../src/core/actions";
import type { HandlerName } from "../src/protocol/hostMessages";
import { setup } from "./fakes";

describe("the handshake", () => {
  it("answers onReady with initialized, and a trusted host enables Log in", () => {
    const { softphone, sent, ready } = setup();
    ready();
    expect(sent).toEqual([
      {
        method: "initialized",
        payload: { isLoggedIn: false, isAvailable: false, sizeInfo: { width: 400, height: 650 } },
      },
    ]);
    expect(softphone.state.host).toBe("ready");
    // Enabled, not just trusted: Log in now goes through.
    expect(can(softphone.state, "logIn")).toBe(true);
    softphone.act("logIn");
    expect(sent.map((s) => s.method)).toEqual(["initialized", "userLoggedIn"]);
  });

  const untrusted = [
    undefined,
    "https://evil.example",
    "javascript:alert(1)",
    42,
    "x".repeat(10_000),
  ];
  for (const hostUrl of untrusted) {
    it(`an untrusted host (${JSON.stringify(hostUrl)?.slice(0, 30)}) gets nothing, not even initialized`, () => {
      const { softphone, sent, view, receive } = setup();
      receive("onReady", "READY", { hostUrl });
      expect(view.state?.failure).toMatch(/not a trusted HubSpot host/);
      for (const action of ["logIn", "dial", "sendError", "resize"] as const) softphone.act(action);
      receive("onDialNumber", "DIAL_NUMBER", { phoneNumber: "+1 617" });
      expect(sent.map((s) => s.method)).toEqual([]);
    });
  }
});

describe("bad input from the host", () => {
  /** Payloads a host could send; none may throw, change the call's ids, or be dropped from the log. */
  const markup = '<img src=x onerror="alert(1)">';
  const cases: {
    name: string;
    handler: HandlerName;
    type: string;
    data: unknown;
    note?: string;
  }[] = [
    {
      name: "DIAL_NUMBER without phoneNumber",
      handler: "onDialNumber",
      type: "DIAL_NUMBER",
      data: {},
      note: "DIAL_NUMBER had no valid phoneNumber: ignored.",
    },
    {
      name: "DIAL_NUMBER as null",
      handler: "onDialNumber",
      type: "DIAL_NUMBER",
      data: null,
      note: "DIAL_NUMBER had no valid phoneNumber: ignored.",
    },
    {
      name: "DIAL_NUMBER with a number",
      handler: "onDialNumber",
      type: "DIAL_NUMBER",
      data: { phoneNumber: 6175550101 },
    },
    {
      name: "DIAL_NUMBER with a huge string",
      handler: "onDialNumber",
      type: "DIAL_NUMBER",
      data: { phoneNumber: "9".repeat(5_000_000) },
    },
    {
      name: "DIAL_NUMBER with markup in every field",
      handler: "onDialNumber",
      type: "DIAL_NUMBER",
      data: { phoneNumber: markup, objectType: markup, calleeInfo: { calleeId: markup } },
    },
    {
      name: "an engagement id that is text",
      handler: "onCreateEngagementSucceeded",
      type: "CREATE_ENGAGEMENT_SUCCEEDED",
      data: { engagementId: "<b>1</b>" },
      note: "CREATE_ENGAGEMENT_SUCCEEDED had no valid engagementId: ignored.",
    },
    {
      name: "a negative engagement id",
      handler: "onCreateEngagementSucceeded",
      type: "CREATE_ENGAGEMENT_SUCCEEDED",
      data: { engagementId: -4 },
    },
    {
      name: "a fractional engagement id",
      handler: "onCreateEngagementSucceeded",
      type: "CREATE_ENGAGEMENT_SUCCEEDED",
      data: { engagementId: 1.5 },
    },
    {
      name: "an engagement id past 2^53",
      handler: "onEngagementCreated",
      type: "ENGAGEMENT_CREATED",
      data: { engagementId: 2 ** 60 },
    },
    {
      name: "caller-ID matches that are not a list",
      handler: "onCallerIdMatchSucceeded",
      type: "CALLER_ID_MATCH_SUCCEEDED",
      data: { callerIdMatches: "all" },
      note: "No valid caller-ID match in the payload.",
    },
    {
      name: "caller-ID matches with junk items",
      handler: "onCallerIdMatchSucceeded",
      type: "CALLER_ID_MATCH_SUCCEEDED",
      data: { callerIdMatches: [null, 1, { callerIdType: "ROBOT" }] },
    },
    {
      name: "caller-ID for an outbound call",
      handler: "onCallerIdMatchSucceeded",
      type: "CALLER_ID_MATCH_SUCCEEDED",
      data: {
        callerIdMatches: [
          {
            callerIdType: "COMPANY",
            name: markup,
            objectCoordinates: { portalId: 1, objectId: 2, objectTypeId: "0-2" },
          },
        ],
      },
      note: "Ignored: no inbound call is in progress.",
    },
    {
      name: "visibility as strings",
      handler: "onVisibilityChanged",
      type: "VISIBILITY_CHANGED",
      data: { isHidden: "yes" },
    },
    {
      name: "a failure with no reason",
      handler: "onCreateEngagementFailed",
      type: "CREATE_ENGAGEMENT_FAILED",
      data: undefined,
      note: "CREATE_ENGAGEMENT_FAILED: no reason given",
    },
    {
      name: "a failure whose reason is an object",
      handler: "onUpdateEngagementFailed",
      type: "UPDATE_ENGAGEMENT_FAILED",
      data: { error: { message: { nested: true } } },
      note: "UPDATE_ENGAGEMENT_FAILED: no reason given",
    },
    {
      name: "an unknown message type",
      handler: "defaultEventHandler",
      type: "WHATEVER",
      data: [1, 2, 3],
    },
    {
      name: "a second READY",
      handler: "onReady",
      type: "READY",
      data: { hostUrl: "https://app.hubspot.com" },
    },
    {
      name: "a cyclic payload",
      handler: "onSetCallState",
      type: "SET_CALL_STATE",
      data: (() => {
        const o: Record<string, unknown> = {};
        o.o = o;
        return o;
      })(),
    },
  ];

  for (const { name, handler, type, data, note } of cases) {
    it(`${name}: logged, contained, the call unchanged`, () => {
      const { softphone, sent, log, receive, ready } = setup();
      ready();
      softphone.act("logIn");
      softphone.act("dial");
      receive("onCreateEngagementSucceeded", "CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 7 });
      const call = softphone.state.call;
      expect(() => receive(handler, type, data)).not.toThrow();
      expect(softphone.state.call?.externalCallId).toBe(call?.externalCallId);
      expect(softphone.state.call?.engagementId).toBe(7);
      expect(softphone.state.phase).toBe("dialing");
      const entry = log
        .entries()
        .filter((e) => e.direction === "in")
        .at(-1);
      expect(entry?.type).toBe(type);
      expect(entry?.payload.length).toBeLessThan(60_000);
      if (note) expect(entry?.note).toBe(note);
      softphone.act("end");
      expect(sent.at(-1)).toEqual({
        method: "callEnded",
        payload: { externalCallId: "call-1", engagementId: 7, callEndStatus: "COMPLETED" },
      });
    });
  }

  it("END_CALL with no call in progress is noted and sends nothing", () => {
    const { sent, log, receive, ready } = setup();
    ready();
    receive("onEndCall", "END_CALL");
    expect(sent.map((s) => s.method)).toEqual(["initialized"]);
    expect(log.entries().at(-1)?.note).toBe(
      "HubSpot asked to end a call, but none is in progress.",
    );
  });

  it("what the host makes the softphone send is logged after the host's message", () => {
    const { log, ready } = setup();
    ready();
    expect(log.entries().map((e) => e.type)).toEqual(["READY", "INITIALIZED"]);
  });
});

describe("bad input from the user", () => {
  it("an invalid number shows an inline error and sends nothing", () => {
    const { softphone, sent, view, ready } = setup();
    ready();
    softphone.act("logIn");
    view.fields.phoneNumber = "call me maybe";
    softphone.act("dial");
    expect(view.errors.phoneNumber).toBe(
      "Phone number may contain only digits, spaces, ( ) . - and a leading +.",
    );
    expect(sent.map((s) => s.method)).toEqual(["initialized", "userLoggedIn"]);
    expect(softphone.state.phase).toBe("ready");
  });

  it("an error message, a size and a widget URL are validated", () => {
    const { softphone, sent, view, ready } = setup();
    ready();
    softphone.act("sendError");
    view.fields.width = "1e9";
    softphone.act("resize");
    view.fields.widgetUrl = "javascript:alert(1)";
    softphone.act("setWidgetUrl");
    expect(view.errors).toMatchObject({
      errorMessage: "Error message is required.",
      size: "Width and height must be whole numbers from 200 to 2000.",
      widgetUrl: "Widget URL must be a full https:// address.",
    });
    expect(sent.map((s) => s.method)).toEqual(["initialized"]);
  });

  it("an end status that is not one of the seven falls back to COMPLETED", () => {
    const { softphone, sent, view, ready } = setup();
    ready();
    softphone.act("logIn");
    softphone.act("dial");
    view.fields.endStatus = "HUNG_UP";
    softphone.act("end");
    expect(sent.at(-1)?.payload).toMatchObject({ callEndStatus: "COMPLETED" });
  });
});

describe("the session the softphone records (Save session)", () => {
  it("keeps HubSpot's messages, its own and the user's steps, in order, in the format the check replays", () => {
    const session = new SessionRecorder(
      "https://localhost:9025/",
      () => 0,
      () => new Date(0),
    );
    const { softphone, ready, receive } = setup({ session });
    ready();
    softphone.act("logIn");
    receive("onDialNumber", "DIAL_NUMBER", { phoneNumber: "+1 617-555-0101" });
    softphone.act("dial");
    // Refused (nothing to answer after it is ended twice): no step recorded.
    softphone.act("end");
    softphone.act("end");
    const events = session
      .toJSON()
      .events.map((e) =>
        "by" in e
          ? `user ${e.step}`
          : "frame" in e
            ? "handshake"
            : `${"from" in e ? "app" : "hubspot"} ${e.type}`,
      );
    expect(events).toEqual([
      "handshake",
      "app INITIALIZED",
      "user logIn",
      "app LOGGED_IN",
      "hubspot DIAL_NUMBER",
      "user dial",
      "app OUTGOING_CALL_STARTED",
      "user end",
      "app CALL_ENDED",
    ]);
    const dial = session.toJSON().events.find((e) => "to" in e && e.type === "DIAL_NUMBER");
    expect(dial && "data" in dial && dial.data).toEqual({ phoneNumber: "+1 617-555-0101" });
    expect(parseSession(JSON.stringify(session))).toEqual({ session: session.toJSON() });
  });
});
