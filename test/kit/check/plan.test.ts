import { describe, expect, it } from "vitest";
import type { PlannedStep } from "../../../common/steps";
import { longestFirst, plannedMs } from "../../../kit/check/plan";
import { planOf } from "../../../kit/check/runScenario";
import { SCENARIO_IDS } from "../../../kit/check/scenarios";

const user = (step: "logIn" | "dial"): PlannedStep => ({ step: { by: "user", step }, expect: [] });
const hubspot: PlannedStep = {
  step: { by: "hubspot", step: { kind: "send", type: "END_CALL" } },
  expect: [],
};

describe("the scenarios' order in a run", () => {
  it("costs a user's step ten HubSpot's", () => {
    expect(plannedMs({ steps: [] })).toBe(0);
    expect(plannedMs({ steps: [user("logIn"), hubspot, user("dial")] })).toBe(630);
  });

  it("starts the longest first, ties in their own order, and keeps every plan", () => {
    const a = { id: "a", steps: [hubspot, hubspot] };
    const b = { id: "b", steps: [user("logIn")] };
    const c = { id: "c", steps: [hubspot, hubspot] };
    const d = { id: "d", steps: [] };
    expect(longestFirst([d, a, b, c]).map((p) => p.id)).toEqual(["b", "a", "c", "d"]);
    expect(longestFirst([])).toEqual([]);
  });

  it("runs HubSpot's scenarios with the engagement failures and hostile payloads first, the handshake last", () => {
    const plans = SCENARIO_IDS.flatMap((id) => planOf(id) ?? []);
    expect(longestFirst(plans).map((p) => p.id)).toEqual([
      "engagement-failures",
      "hostile-payloads",
      "inbound",
      "visibility",
      "hubspot-quirks",
      "reload",
      "outbound",
      "hubspot-ends",
      "handshake",
    ]);
  });
});
