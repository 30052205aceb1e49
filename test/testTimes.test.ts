import { describe, expect, it } from "vitest";
import { browserTimes } from "../scripts/testTimes";

describe("where the browser tests' time went", () => {
  it("sums each project's tests, and names the slowest", () => {
    const test = (projectName: string, ...durations: number[]) => ({
      projectName,
      results: durations.map((duration) => ({ duration, status: "passed" })),
    });
    const lines = browserTimes(
      {
        stats: { duration: 9_000 },
        suites: [
          {
            specs: [{ title: "a call", file: "a.spec.ts", tests: [test("softphone", 2_000)] }],
            suites: [
              {
                specs: [
                  { title: "a check", file: "k.spec.ts", tests: [test("kit", 5_000, 1_500)] },
                ],
              },
            ],
          },
        ],
      },
      2,
    );
    expect(lines).toEqual([
      "The browser tests: 3 in 9.0 s of wall time; worker time (each test's own duration, summed) by project:",
      "  softphone     1 tests     2.0 s",
      "  kit           2 tests     6.5 s",
      "The slowest 2:",
      "    5.0 s  k.spec.ts › a check",
      "    2.0 s  a.spec.ts › a call",
    ]);
  });
});
