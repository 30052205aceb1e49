import { describe, expect, it } from "vitest";
import { boundedJson, MessageLog } from "../../common/messageLog";

describe("MessageLog", () => {
  it("keeps the most recent entries, oldest first", () => {
    const log = new MessageLog(3);
    for (let i = 1; i <= 5; i++) log.add("in", `T${i}`, "onX", { i });
    expect(log.entries().map((e) => e.type)).toEqual(["T3", "T4", "T5"]);
    expect(log.entries(4).map((e) => e.type)).toEqual(["T5"]);
    expect(log.size).toBe(3);
  });

  it("tells its listener and counts clears", () => {
    let changes = 0;
    const log = new MessageLog(3, () => changes++);
    log.add("out", "LOGGED_IN", "userLoggedIn", undefined);
    log.clear();
    expect(changes).toBe(2);
    expect(log.entries()).toEqual([]);
    expect(log.generation).toBe(1);
  });

  it("exports the entries as JSON with payloads as objects", () => {
    const log = new MessageLog();
    log.add("in", "DIAL_NUMBER", "onDialNumber", { phoneNumber: "+1 617" }, "a note");
    log.add("out", "LOGGED_IN", "userLoggedIn", undefined);
    expect(JSON.parse(log.toJSON())).toEqual([
      expect.objectContaining({
        direction: "HubSpot → softphone",
        type: "DIAL_NUMBER",
        name: "onDialNumber",
        payload: { phoneNumber: "+1 617" },
        note: "a note",
      }),
      expect.objectContaining({
        direction: "softphone → HubSpot",
        type: "LOGGED_IN",
        name: "userLoggedIn",
      }),
    ]);
  });
});

describe("boundedJson", () => {
  it("shortens huge strings, arrays and objects", () => {
    const text = boundedJson({
      s: "x".repeat(5_000_000),
      a: Array.from({ length: 10_000 }, (_, i) => i),
    });
    expect(text.length).toBeLessThan(2_000);
    expect(text).toContain("4999000 more characters");
    expect(text).toContain("9950 more items");
    const wide = boundedJson(
      Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
    );
    expect(wide).toContain("450 more keys");
  });

  it("survives cycles, BigInts and deep nesting", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(boundedJson(cyclic)).toBe('"[a payload that cannot be shown as JSON]"');
    expect(boundedJson({ n: 10n })).toContain('"10n"');
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(typeof boundedJson(deep)).toBe("string");
    expect(boundedJson(undefined)).toBe("");
  });
});
