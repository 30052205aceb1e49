import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../../../kit/check/scenarios";
import {
  controlName,
  parseActions,
  SOFTPHONE_ACTIONS,
  todosLeft,
} from "../../../kit/driver/actions";

describe("the actions file", () => {
  it("reads one control or a list, with every option", () => {
    const file = {
      logIn: { role: "button", name: "Log in", exact: true },
      incomingCall: [
        { text: "More actions" },
        { label: "Caller number", fill: "+1 617", nth: 0 },
        { role: "button", name: "Answer", ifPresent: true },
      ],
    };
    expect(parseActions(JSON.stringify(file))).toEqual({
      actions: { logIn: [file.logIn], incomingCall: file.incomingCall },
    });
  });

  it("skips keys from $ on: the schema's link, comments, init's notes", () => {
    const file = {
      $schema: "./node_modules/hubspot-calling-stand-in/actions.schema.json",
      $comment: "our app",
      "$todo.answer": 'no control matched: saw button "Pick up"',
      dial: "app",
    };
    expect(parseActions(JSON.stringify(file))).toEqual({ actions: { dial: "app" } });
  });

  const mistakes: [unknown, string][] = [
    [[], "not a JSON object of steps"],
    [{ jump: { role: "button" } }, '"jump" is not a step'],
    [{ dial: { role: "slider" } }, "dial.role is not one of button"],
    [{ dial: { role: "button", name: "" } }, "dial.name is not a string of 1 to 200"],
    [{ dial: { role: "button", exact: "yes" } }, "dial.exact is not true or false"],
    [{ dial: { label: "x", nth: -1 } }, "dial.nth is not a whole number"],
    [{ dial: { label: "x", fill: 42 } }, "dial.fill is not a string"],
    [{ dial: {} }, "dial needs a role (with a name), a label, a text or a request"],
    [
      { dial: { role: "button", label: "Dial" } },
      "dial is found by one of role, label or text, not by role and label",
    ],
    [{ dial: { name: "Dial" } }, "dial.name is a role's name"],
    [{ dial: [] }, "dial needs 1 to 10 controls"],
    [{ dial: [{ text: "a" }, null] }, "dial[1] is not an object"],
    [{ dial: { text: "x".repeat(201) } }, "dial needs a role"],
  ];
  for (const [file, message] of mistakes) {
    it(`says what is wrong with ${JSON.stringify(file).slice(0, 60)}`, () => {
      const parsed = parseActions(JSON.stringify(file));
      expect("errors" in parsed && parsed.errors.join("\n")).toContain(message);
    });
  }

  it("says a file that is not JSON is not JSON", () => {
    expect(parseActions("{ dial: ")).toMatchObject({
      errors: [expect.stringMatching(/^not valid JSON/)],
    });
  });

  it("never throws, whatever the file holds", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => parseActions(JSON.stringify(value))).not.toThrow();
      }),
    );
  });

  it("the defaults (this softphone's) map every step the scenarios need, and read back as a file", () => {
    const needed = new Set(
      SCENARIOS.flatMap((s) =>
        s.steps.flatMap(({ step }) => (step.by === "user" ? [step.step] : [])),
      ),
    );
    for (const step of needed) expect(SOFTPHONE_ACTIONS[step], step).toBeDefined();
    expect(parseActions(JSON.stringify(SOFTPHONE_ACTIONS))).toEqual({ actions: SOFTPHONE_ACTIONS });
  });

  it("names a control as a report shows it", () => {
    expect(controlName({ role: "button", name: "Dial" })).toBe('button "Dial"');
    expect(controlName({ label: "Caller number", fill: "+1", nth: 1 })).toBe(
      'field labelled "Caller number" #1 ← "+1"',
    );
  });
});

describe("the steps an actions file still leaves to init's notes", () => {
  it("names each $todo step the file does not map, in its order, and no other key", () => {
    const file = {
      $schema: "./node_modules/hubspot-calling-stand-in/actions.schema.json",
      logIn: { role: "button", name: "Sign in" },
      "$todo.available": "map it, or declare it",
      "$todo.incomingCall": "a request to your backend",
      incomingCall: { request: "https://localhost:3000/api/ring" },
      "$todo.reset": "if your backend remembers its user",
      $comment: "ours",
    };
    const parsed = parseActions(JSON.stringify(file));
    if (!("actions" in parsed)) throw new Error("the file parses");
    expect(todosLeft(file, parsed.actions)).toEqual(["available", "reset"]);
    expect(
      todosLeft(file, { ...parsed.actions, reset: [{ request: "https://localhost:3000/r" }] }),
    ).toEqual(["available"]);
    expect(todosLeft(null, parsed.actions)).toEqual([]);
    expect(todosLeft([], parsed.actions)).toEqual([]);
  });
});
