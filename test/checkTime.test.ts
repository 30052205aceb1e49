import { describe, expect, it } from "vitest";
import { type CheckRun, complete } from "../bench/checkTime";

const scenarios = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `s${i}`, status: "failed", ms: 100 }));

describe("the benchmark's check runs", () => {
  it("takes a run that reached a verdict on each of the ten scenarios, passed or not", () => {
    const passed: CheckRun = { seconds: 12, exit: 0, scenarios: scenarios(10) };
    const failed: CheckRun = { seconds: 9, exit: 1, scenarios: scenarios(10) };
    expect(complete(passed, "https://a/")).toBe(passed);
    expect(complete(failed, "https://a/")).toBe(failed);
  });

  it("refuses a run the command stopped, or one that left scenarios out", () => {
    // The floor's first measurement: no actions file, so the demo's controls were looked for,
    // none showed, and the command stopped before any scenario.
    expect(() => complete({ seconds: 5.3, exit: 2, scenarios: [] }, "https://floor/")).toThrow(
      "the check of https://floor/ ran 0 of 10 scenarios (exit 2): no full run to measure",
    );
    expect(() => complete({ seconds: 5, exit: 1, scenarios: scenarios(9) }, "https://a/")).toThrow(
      "ran 9 of 10 scenarios (exit 1)",
    );
  });
});
