/** HubSpot's side of the stand-in, with its transport, UI, clock and faults injected. */
import { describe, expect, it } from "vitest";
import { RECORDS } from "../../../../kit/stand-in/crm";
import {
  type Faults,
  HubSpotSide,
  type HubSpotUi,
  MAX_RECEIVED,
} from "../../../../kit/stand-in/page/hubspot";

function setup(faults: Partial<Faults> = {}) {
  const sent: { type: string; data?: object }[] = [];
  const ui: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      ui.push(`${name}${args.length ? ` ${JSON.stringify(args)}` : ""}`);
    };
  const hubspotUi: HubSpotUi = {
    alert: record("alert"),
    showRecord: (r) => ui.push(`showRecord ${r.name}`),
    resize: record("resize"),
    loadUrl: record("loadUrl"),
    hideWidget: record("hideWidget"),
    changed: () => {},
  };
  const side = new HubSpotSide({
    send: (type, data) => sent.push(data === undefined ? { type } : { type, data }),
    faults: () => ({ failCreate: false, failUpdate: false, delayMs: 0, ...faults }),
    ui: hubspotUi,
    records: RECORDS,
    now: () => 1_000,
    clock: () => 2_000,
    firstEngagementId: 700,
  });
  const loggedIn = () => {
    side.receive({ type: "INITIALIZED", data: { isLoggedIn: false } });
    side.receive({ type: "LOGGED_IN" });
  };
  return { side, sent, ui, loggedIn };
}

const outgoing = {
  externalCallId: "c1",
  toNumber: "+1 617-555-0101",
  fromNumber: "+1 555-010-0000",
  callStartTime: 1,
  createEngagement: true,
};
const ada = RECORDS[0];
if (!ada) throw new Error("the CRM has no records");

describe("HubSpotSide", () => {
  it("refuses Call while no user is logged in, as HubSpot does", () => {
    const { side, sent, ui } = setup();
    expect(side.dial(ada, "+1 617-555-0101")).toBe(false);
    expect(sent).toEqual([]);
    expect(ui).toEqual(['alert ["Log in to your calling app to make calls."]']);
  });

  it("sends DIAL_NUMBER with every documented field once a user is logged in", () => {
    const { side, sent, loggedIn } = setup();
    loggedIn();
    expect(side.dial(ada, "+1 617-555-0101")).toBe(true);
    expect(sent).toEqual([
      {
        type: "DIAL_NUMBER",
        data: {
          phoneNumber: "+1 617-555-0101",
          ownerId: 8001,
          subjectId: 101,
          objectId: 101,
          objectType: "CONTACT",
          portalId: 123456,
          countryCode: "US",
          calleeInfo: { calleeId: 101, calleeObjectTypeId: "0-1" },
          startTimestamp: 1_000,
          toPhoneNumberSrc: "hs_contact_phone",
        },
      },
    ]);
  });

  it("creates an engagement on the dialled record, tracks it and stores the properties", () => {
    const { side, sent, ui, loggedIn } = setup();
    loggedIn();
    side.dial(ada, "+1 617-555-0101");
    side.receive({ type: "OUTGOING_CALL_STARTED", data: outgoing });
    side.receive({ type: "CALL_ANSWERED", data: { externalCallId: "c1" } });
    side.receive({
      type: "CALL_ENDED",
      data: { externalCallId: "c1", engagementId: 700, callEndStatus: "BUSY" },
    });
    side.receive({
      type: "CALL_COMPLETED",
      data: {
        externalCallId: "c1",
        engagementId: 700,
        engagementProperties: { hs_call_title: "Hi", hs_call_body: "Notes", bad: { x: 1 } },
      },
    });
    expect(sent.slice(1)).toEqual([
      { type: "CREATE_ENGAGEMENT_SUCCEEDED", data: { engagementId: 700 } },
      { type: "UPDATE_ENGAGEMENT_SUCCEEDED", data: { engagementId: 700 } },
    ]);
    expect(side.engagements).toMatchObject([
      {
        id: 700,
        direction: "OUTBOUND",
        record: { name: "Ada Lovelace" },
        status: "BUSY",
        properties: { hs_call_title: "Hi", hs_call_body: "Notes" },
      },
    ]);
    expect(ui).toEqual(["hideWidget"]);
    // The object-valued property is reported, and not stored.
    expect(side.received.flatMap((r) => r.violations.map((v) => `${r.type} ${v.rule}`))).toEqual([
      "CALL_COMPLETED engagement-properties",
    ]);
    expect(side.received.every((r) => r.receivedAt === 2_000)).toBe(true);
  });

  it("the fault switches fail creation and updates", () => {
    const failing = setup({ failCreate: true, failUpdate: true });
    failing.loggedIn();
    failing.side.receive({ type: "OUTGOING_CALL_STARTED", data: outgoing });
    expect(failing.sent.map((m) => m.type)).toEqual(["CREATE_ENGAGEMENT_FAILED"]);
    expect(failing.side.engagements).toEqual([]);
    failing.side.receive({
      type: "CALL_COMPLETED",
      data: { externalCallId: "c1", engagementProperties: {}, hideWidget: false },
    });
    expect(failing.sent.at(-1)?.type).toBe("UPDATE_ENGAGEMENT_FAILED");
  });

  it("matches an incoming caller, or says it found none", () => {
    const { side, sent, loggedIn } = setup();
    loggedIn();
    const incoming = { ...outgoing, fromNumber: "+1 (617) 555-0102", createEngagement: false };
    side.receive({ type: "INCOMING_CALL", data: incoming });
    expect(sent.at(-1)).toMatchObject({
      type: "CALLER_ID_MATCH_SUCCEEDED",
      data: { callerIdMatches: [{ firstName: "Grace", lastName: "Hopper" }] },
    });
    side.receive({ type: "CALL_TRANSFERRED", data: { externalCallId: "c1" } });
    side.receive({ type: "INCOMING_CALL", data: { ...incoming, fromNumber: "+1 000" } });
    expect(sent.at(-1)?.type).toBe("CALLER_ID_MATCH_FAILED");
  });

  it("opens records, resizes, alerts, loads https URLs only, finalizes issued engagements", () => {
    const { side, sent, ui, loggedIn } = setup();
    loggedIn();
    const coordinates = { portalId: 123456, objectId: 201, objectTypeId: "0-2" };
    side.receive({ type: "NAVIGATE_TO_RECORD", data: { objectCoordinates: coordinates } });
    side.receive({
      type: "NAVIGATE_TO_RECORD",
      data: { objectCoordinates: { ...coordinates, objectId: 999 } },
    });
    side.receive({ type: "RESIZE_WIDGET", data: { width: 500, height: 600 } });
    side.receive({ type: "ERROR", data: { message: "<b>Mic</b>" } });
    side.receive({ type: "SET_WIDGET_URL", data: { iFrameUrl: "https://a.example/" } });
    side.receive({ type: "SET_WIDGET_URL", data: { iFrameUrl: "javascript:alert(1)" } });
    side.receive({ type: "FINALIZE_ENGAGEMENT", data: { externalCallId: "c1", engagementId: 1 } });
    expect(ui).toEqual([
      "showRecord Analytical Engines Ltd",
      "resize [500,600]",
      'alert ["<b>Mic</b>"]',
      'loadUrl ["https://a.example/"]',
    ]);
    expect(sent.map((m) => m.type)).toEqual([
      "NAVIGATE_TO_RECORD_FAILED",
      "SET_WIDGET_URL_FAILED",
      "FINALIZE_ENGAGEMENT_FAILED",
    ]);
  });

  it("checks every message against the rules and reports what is broken", () => {
    const { side } = setup();
    const entry = side.receive({ type: "LOGGED_IN" });
    expect(entry.violations.map((v) => v.rule)).toEqual(["initialized-first"]);
    side.handshake();
    expect(side.context.initialized).toBe(false);
  });

  describe("against an app that misbehaves", () => {
    it("does not apply absurd sizes, and reports them", () => {
      const { side, ui, loggedIn } = setup();
      loggedIn();
      for (const [width, height] of [
        [1e9, 600],
        [400, -650],
        [Number.NaN, 650],
        [99, 650],
        [4_001, 650],
      ]) {
        const entry = side.receive({ type: "RESIZE_WIDGET", data: { width, height } });
        expect(entry.violations.map((v) => v.rule)).toEqual(["resize-size"]);
      }
      side.receive({ type: "RESIZE_WIDGET", data: { width: 4_000, height: 100 } });
      expect(ui).toEqual(["resize [4000,100]"]);
    });

    it("cuts a megabyte alert short, and keeps no megabyte payload", () => {
      const { side, ui, loggedIn } = setup();
      loggedIn();
      const entry = side.receive({ type: "ERROR", data: { message: "x".repeat(1_000_000) } });
      const alert = ui.at(-1) ?? "";
      expect(alert.length).toBeLessThan(600);
      expect(entry.data).toBe("[a payload of 1,000,014 bytes, not kept]");
    });

    it("keeps the last 1,000 messages of a flood, and counts every violation", () => {
      const { side } = setup();
      for (let i = 0; i < 3_000; i++) side.receive({ type: "LOGGED_IN" });
      expect(side.received).toHaveLength(MAX_RECEIVED);
      expect(MAX_RECEIVED).toBe(1_000);
      // Before INITIALIZED, each LOGGED_IN breaks initialized-first.
      expect(side.violationCount).toBe(3_000);
    });

    it("records a malformed message with its violation", () => {
      const { side } = setup();
      const entry = side.reject(null, {
        rule: "message-shape",
        text: "A message is an object with a string type",
        detail: "null: dropped before the SDK's host code",
      });
      expect(entry).toMatchObject({ type: "(malformed)", data: null });
      expect(side.violationCount).toBe(1);
    });
  });
});
