import { describe, expect, it } from "vitest";
import { DEMO_LINES, firstLine, parseLines } from "../../src/core/lines";

describe("the user's lines", () => {
  it("come from SOFTPHONE_LINES, checked as From numbers", () => {
    expect(parseLines("+1 617 555 0100, +44 20 7946 0000")).toEqual([
      "+1 617 555 0100",
      "+44 20 7946 0000",
    ]);
    expect(parseLines(" +1 617 555 0100 ,not a number, 12")).toEqual(["+1 617 555 0100"]);
  });

  it("fall back to the two fictional demo lines", () => {
    expect(DEMO_LINES).toEqual(["+1 555-010-0000", "+1 555-010-0001"]);
    for (const list of [undefined, "", "nope", ","]) expect(parseLines(list)).toEqual(DEMO_LINES);
  });

  it("offer the line last used, if it is still a valid number, else the first", () => {
    expect(firstLine(DEMO_LINES, null)).toBe("+1 555-010-0000");
    expect(firstLine(DEMO_LINES, " +1 617 555 0100 ")).toBe("+1 617 555 0100");
    expect(firstLine(DEMO_LINES, "<img src=x>")).toBe("+1 555-010-0000");
    expect(firstLine([], null)).toBe("");
  });
});
