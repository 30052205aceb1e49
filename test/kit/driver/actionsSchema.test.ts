import { readFileSync } from "node:fs";
import Ajv from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { USER_STEPS } from "../../../common/steps";
import { parseActions, ROLES } from "../../../kit/driver/actions";

/**
 * The JSON Schema the package ships for editors (`"$schema"` in an actions file) says what the
 * check's parser says: the same files valid, the same ones refused.
 */
const schema = JSON.parse(readFileSync("kit/actions.schema.json", "utf8"));
const validate = new Ajv({ allErrors: true }).compile(schema);

const FILES = [
  "e2e/fixtures/calling-app/actions.json",
  "e2e/fixtures/calling-app/actions-backend.json",
  "e2e/fixtures/calling-app/actions-nested.json",
  "kit/check/demos/demo-minimal-js.json",
  "kit/check/demos/demo-react-ts.json",
];

describe("the actions file's JSON Schema", () => {
  it("names every step and role the parser knows", () => {
    const keys = Object.keys(schema.properties);
    expect(keys.filter((k) => k !== "ready" && k !== "reset")).toEqual([...USER_STEPS]);
    expect(schema.definitions.pageControl.properties.role.enum).toEqual([...ROLES]);
  });

  it.each(FILES)("validates %s, as the parser does", (file) => {
    const text = readFileSync(file, "utf8");
    expect(parseActions(text)).not.toHaveProperty("errors");
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("refuses a misspelt step and a misspelt property, as the parser does", () => {
    for (const file of [{ dail: "app" }, { dial: { role: "button", nmae: "Dial" } }]) {
      expect(validate(file)).toBe(false);
      expect(parseActions(JSON.stringify(file))).toHaveProperty("errors");
    }
  });

  // Files near the format, right and wrong in every way a person gets it wrong.
  const value = fc.constantFrom<unknown>(
    "button",
    "slider",
    "Dial",
    "",
    true,
    3,
    -1,
    "#panel",
    ["#outer", "#inner"],
    [],
    "https://localhost:3000/api/ring",
    "http://localhost:3000/",
    "GET",
    "PATCH",
  );
  const control = fc.dictionary(
    fc.constantFrom(
      "role",
      "name",
      "label",
      "text",
      "exact",
      "nth",
      "fill",
      "ifPresent",
      "opens",
      "frame",
      "request",
      "method",
      "body",
      "bogus",
    ),
    value,
    { maxKeys: 4 },
  );
  const entry = fc.oneof(
    fc.constantFrom<unknown>("app", "none", "maybe"),
    control,
    fc.array(control, { maxLength: 3 }),
  );
  const file = fc.dictionary(
    fc.constantFrom(...USER_STEPS, "ready", "reset", "$comment", "jump"),
    entry,
    { maxKeys: 3 },
  );

  it("agrees with the parser on any file near the format", () => {
    fc.assert(
      fc.property(file, (candidate) => {
        const parsed = parseActions(JSON.stringify(candidate));
        expect(validate(candidate), JSON.stringify(parsed)).toBe(!("errors" in parsed));
      }),
      { numRuns: 3000 },
    );
  });
});
