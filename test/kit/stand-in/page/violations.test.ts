import { describe, expect, it } from "vitest";
import { MAX_EXAMPLES } from "../../../../kit/contract/finding";
import { MAX_GROUPS, ViolationStore } from "../../../../kit/stand-in/page/violations";

const v = (rule: string, detail = "d") => ({ rule, text: `${rule} text`, detail });

describe("the stand-in's violations", () => {
  it("are grouped by rule and message type, counted, with their first examples and steps", () => {
    const store = new ViolationStore();
    store.add("CALL_ENDED", [v("end-order", "first")], { n: 1 }, 3);
    store.add("OUTGOING_CALL_STARTED", [v("outgoing-fields"), v("logged-in")], {}, 1);
    for (let i = 2; i <= 6; i++) store.add("CALL_ENDED", [v("end-order", `#${i}`)], { n: i }, 4);
    expect(store.total).toBe(8);
    const groups = store.groups();
    expect(groups.map((g) => [g.rule, g.type, g.count])).toEqual([
      ["end-order", "CALL_ENDED", 6],
      ["outgoing-fields", "OUTGOING_CALL_STARTED", 1],
      ["logged-in", "OUTGOING_CALL_STARTED", 1],
    ]);
    expect(groups[0]?.examples).toEqual([
      { detail: "first", message: '{"n":1}', during: 3 },
      { detail: "#2", message: '{"n":2}', during: 4 },
      { detail: "#3", message: '{"n":3}', during: 4 },
    ]);
    expect(groups[0]?.examples.length).toBe(MAX_EXAMPLES);
  });

  it("no flood evicts them: a mistake made before 5,000 valid messages is still there", () => {
    const store = new ViolationStore();
    store.add("LOGGED_IN", [v("initialized-first")], undefined, 0);
    for (let i = 0; i < 5_000; i++) store.add("USER_AVAILABLE", [], {}, 1);
    expect(store.groups().map((g) => g.rule)).toEqual(["initialized-first"]);
  });

  it("past its groups, an app's new kinds of mistake are counted, not kept", () => {
    const store = new ViolationStore();
    for (let i = 0; i < MAX_GROUPS + 10; i++) store.add(`TYPE_${i}`, [v("known-type")], {}, 0);
    expect(store.groups().length).toBe(MAX_GROUPS);
    expect(store.total).toBe(MAX_GROUPS + 10);
  });
});
