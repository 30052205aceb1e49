/** The step codec: every step kind survives a session's JSON, each has a name, nothing else parses. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FAULTS,
  type HubSpotStep,
  MAX_DELAY_MS,
  parseStep,
  type Step,
  stepBringing,
  stepName,
  USER_STEPS,
  VISIBILITIES,
} from "../../common/steps";
import { HOSTILE_SENDS } from "../../kit/check/hostileMessages";
import { parseSession, replayPlan } from "../../kit/check/replay";

const text = fc.string({ minLength: 1, maxLength: 100 });
const json = fc.jsonValue();

/** Every kind of HubSpot step, written out here rather than read from the codec. */
const hubspotStep: fc.Arbitrary<HubSpotStep> = fc.oneof(
  fc.record({ kind: fc.constant("call" as const), record: fc.integer(), phone: text }),
  fc.record({ kind: fc.constant("send" as const), type: text, data: json }),
  fc.record({ kind: fc.constant("post" as const), value: json }),
  fc.record({ kind: fc.constant("visibility" as const), to: fc.constantFrom(...VISIBILITIES) }),
  fc.record({ kind: fc.constant("reload" as const) }),
  fc.record({
    kind: fc.constant("fault" as const),
    fault: fc.constantFrom(...FAULTS),
    on: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("delay" as const), ms: fc.integer({ min: 0, max: MAX_DELAY_MS }) }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ by: fc.constant("user" as const), step: fc.constantFrom(...USER_STEPS) }),
  fc.record({ by: fc.constant("hubspot" as const), step: hubspotStep }),
);

/** A value as a session file keeps it. */
const throughJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("the step codec", () => {
  it("reads back every step of every kind as a session's JSON keeps it, and names it", () => {
    fc.assert(
      fc.property(step, (s) => {
        const kept = throughJson(s);
        expect(parseStep(kept)).toEqual(kept);
        expect(stepName(s).length).toBeGreaterThan(0);
      }),
    );
  });

  it("reads nothing else as a step, and never throws", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = parseStep(value);
        if (parsed) expect(parseStep(throughJson(parsed))).toEqual(throughJson(parsed));
      }),
    );
    for (const bad of [
      null,
      { by: "user", step: "fly" },
      { by: "hubspot", step: { kind: "delay", ms: -1 } },
      { by: "hubspot", step: { kind: "delay", ms: MAX_DELAY_MS + 1 } },
      { by: "hubspot", step: { kind: "delay", ms: 1.5 } },
      { by: "hubspot", step: { kind: "fault", fault: "explode", on: true } },
      { by: "hubspot", step: { kind: "visibility", to: "gone" } },
      { by: "hubspot", step: { kind: "call", record: 1, phone: "" } },
      { by: "someone", step: { kind: "reload" } },
    ])
      expect(parseStep(bad), JSON.stringify(bad)).toBeNull();
  });

  it("names HubSpot's answer delay", () => {
    expect(stepName({ by: "hubspot", step: { kind: "delay", ms: 1500 } })).toBe(
      "HubSpot: answers delayed by 1,500 ms",
    );
  });

  it("infers a user's step from the message it brings", () => {
    expect(stepBringing("CALL_ANSWERED")).toBe("answer");
    expect(stepBringing("DIAL_NUMBER")).toBeUndefined();
  });
});

describe("a session with every step kind, the answer delay included", () => {
  it("is read back and replayed step for step", () => {
    const steps: Step[] = [
      { by: "hubspot", step: { kind: "delay", ms: 800 } },
      { by: "hubspot", step: { kind: "fault", fault: "failCreate", on: true } },
      { by: "user", step: "logIn" },
      { by: "hubspot", step: { kind: "visibility", to: "minimised" } },
      { by: "hubspot", step: { kind: "call", record: 1, phone: "+1 617-555-0101" } },
      { by: "hubspot", step: { kind: "post", value: { type: "SYNC" } } },
      { by: "hubspot", step: { kind: "reload" } },
      { by: "hubspot", step: { kind: "send", type: "END_CALL" } },
    ];
    const saved = JSON.stringify({
      format: "hubspot-calling-session",
      version: 1,
      app: "https://localhost:9025/",
      recordedAt: "2026-12-02T00:00:00.000Z",
      dropped: 0,
      events: steps.map((s, i) => ({ at: i, ...s })),
    });
    const parsed = parseSession(saved);
    expect("session" in parsed).toBe(true);
    if (!("session" in parsed)) return;
    expect(replayPlan(parsed.session).steps.map((p) => p.step)).toEqual(throughJson(steps));
  });
});

describe("a step that sends HubSpot's message with data, as a report names it", () => {
  const sends = (type: string, data?: unknown) =>
    stepName({
      by: "hubspot",
      step: { kind: "send", type, ...(data === undefined ? {} : { data }) },
    });

  it("names the data, so that each hostile DIAL_NUMBER is told from the next", () => {
    const names = HOSTILE_SENDS.filter((m) => m.type === "DIAL_NUMBER").map((m) =>
      sends(m.type, m.data),
    );
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(
      'HubSpot sends DIAL_NUMBER with { "phoneNumber": a string of 1000000 characters }',
    );
    expect(sends("END_CALL")).toBe("HubSpot sends END_CALL");
  });

  it("never throws, and stays short, on any data", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("no");
        },
      },
    );
    expect(sends("DIAL_NUMBER", hostile)).toBe(
      "HubSpot sends DIAL_NUMBER with a value that cannot be read",
    );
    fc.assert(
      fc.property(fc.anything(), (data) => {
        expect(sends("DIAL_NUMBER", data).length).toBeLessThan(200);
      }),
    );
  });
});
