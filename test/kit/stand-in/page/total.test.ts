/**
 * The stand-in takes anything: every path a message from the app goes down (the shape check, the
 * conformance rules, HubSpot's answers, the violation store, the log's text, what the session
 * keeps) is total over any value `postMessage` can carry. A throw here would lose the message
 * unjudged and blame the app for the stand-in's crash.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedJson } from "../../../../common/messageLog";
import { brief, errorText, excerpt } from "../../../../common/text";
import {
  advance,
  check,
  initialContext,
  shapeViolation,
} from "../../../../kit/contract/conformance";
import { RECORDS } from "../../../../kit/stand-in/crm";
import { HubSpotSide, kept } from "../../../../kit/stand-in/page/hubspot";
import { ViolationStore } from "../../../../kit/stand-in/page/violations";
import { appMessage, postable } from "../../../postable";

const RUNS = { numRuns: 300 };

function side() {
  return new HubSpotSide({
    send: () => {},
    faults: () => ({ failCreate: false, failUpdate: false, delayMs: 0 }),
    ui: {
      alert: () => {},
      showRecord: () => {},
      resize: () => {},
      loadUrl: () => {},
      hideWidget: () => {},
      changed: () => {},
    },
    records: RECORDS,
    clock: () => 0,
  });
}

/** A conversation that gets the stand-in's context somewhere: a logged-in user in a call. */
const INTO_A_CALL = [
  { type: "INITIALIZED", data: { isLoggedIn: true } },
  {
    type: "OUTGOING_CALL_STARTED",
    data: {
      externalCallId: "c1",
      toNumber: "+1 617-555-0101",
      fromNumber: "+1 555",
      createEngagement: true,
    },
  },
];

describe("the stand-in takes anything an app posts", () => {
  it("the shape check and every conformance rule judge any message, in any context", () => {
    const inCall = INTO_A_CALL.reduce(advance, initialContext);
    fc.assert(
      fc.property(appMessage, postable, (message, raw) => {
        shapeViolation(raw);
        shapeViolation(message);
        for (const ctx of [initialContext, inCall]) {
          const violations = check(ctx, message);
          for (const v of violations) expect(typeof v.detail).toBe("string");
          advance(ctx, message);
        }
      }),
      RUNS,
    );
  });

  it("HubSpot's side receives, judges, records and answers any run of messages", () => {
    fc.assert(
      fc.property(fc.array(appMessage, { maxLength: 8 }), postable, (messages, raw) => {
        const hubspot = side();
        for (const message of [...INTO_A_CALL, ...messages]) hubspot.receive(message);
        const shape = shapeViolation(raw);
        if (shape) hubspot.reject(raw, shape);
        expect(hubspot.received.length).toBe(
          INTO_A_CALL.length + messages.length + (shape ? 1 : 0),
        );
      }),
      RUNS,
    );
  });

  it("what the page, the log, the session and a report make of a value is text, never a throw", () => {
    const store = new ViolationStore();
    fc.assert(
      fc.property(postable, fc.string(), (value, type) => {
        expect(typeof brief(value)).toBe("string");
        expect(typeof excerpt(value)).toBe("string");
        expect(typeof errorText(value)).toBe("string");
        expect(typeof boundedJson(value)).toBe("string");
        const payload = kept(value);
        // What is kept is small enough to keep, or a note saying why it was not.
        expect(() => JSON.stringify(payload)).not.toThrow();
        store.add(type, [{ rule: "r", text: "t", detail: brief(value) }], value, 0);
      }),
      RUNS,
    );
  });

  it("an object whose toString is null, as HubSpot's hostile table sends it back, is named, not thrown on", () => {
    const echoed = {
      type: "OUTGOING_CALL_STARTED",
      data: { externalCallId: "c", toNumber: { toString: null }, fromNumber: "+1" },
    };
    const [violation] = check({ ...initialContext, initialized: true, loggedIn: true }, echoed);
    expect(violation).toEqual({
      rule: "outgoing-fields",
      text: expect.any(String),
      detail: "toNumber is an object, not a non-empty string",
    });
  });
});
