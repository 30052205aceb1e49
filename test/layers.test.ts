/** The layers, kept by a test: the whole tree obeys them, and a forbidden import fails the run. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { breaches, cycles, importsOf, longFunctions, MAX_FUNCTION_LINES } from "../scripts/layers";

const ROOTS = ["src", "common", "kit", "e2e", "bench", "scripts", "test"];
const SKIP = new Set(["kit/dist", "node_modules"]);

function tree(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string) => {
    if (SKIP.has(path) || path.endsWith("/node_modules")) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (path.endsWith(".ts")) {
      files.set(path, readFileSync(path, "utf8"));
    }
  };
  for (const root of ROOTS) walk(root);
  for (const name of readdirSync("."))
    if (name.endsWith(".ts")) files.set(name, readFileSync(name, "utf8"));
  return files;
}

describe("the project's layers", () => {
  it("hold over the whole tree", () => {
    const files = tree();
    expect(files.size).toBeGreaterThan(150);
    expect(breaches(files)).toEqual([]);
  });

  it("have no import running round in a circle", () => {
    expect(cycles(tree())).toEqual([]);
    const round = new Map([
      ["kit/check/a.ts", 'import type { B } from "./b";'],
      ["kit/check/b.ts", 'import type { C } from "./c";'],
      ["kit/check/c.ts", 'import { a } from "./a";'],
    ]);
    expect(cycles(round)).toEqual([["kit/check/a.ts", "kit/check/b.ts", "kit/check/c.ts"]]);
  });

  it(`have no function over ${MAX_FUNCTION_LINES} lines outside the tests`, () => {
    const code = new Map([...tree()].filter(([file]) => !/^test\/|\.spec\.ts$/.test(file)));
    expect(longFunctions(code)).toEqual([]);
    const long = `function f() {\n${"  x();\n".repeat(MAX_FUNCTION_LINES - 1)}}\n`;
    expect(longFunctions(new Map([["kit/check/long.ts", long]]))).toEqual([
      { file: "kit/check/long.ts", line: 1, lines: MAX_FUNCTION_LINES + 1 },
    ]);
  });

  const forbidden: [string, string, string, RegExp][] = [
    [
      "src/core/x.ts",
      'import { createView } from "../ui/view";',
      "src/ui/view.ts",
      /src\/core is pure/,
    ],
    [
      "src/core/x.ts",
      'import { createSoftphone } from "../softphone";',
      "src/softphone.ts",
      /src\/core is pure/,
    ],
    [
      "kit/stand-in/page/x.ts",
      'import "../../../src/main";',
      "src/main.ts",
      /imports nothing from the softphone/,
    ],
    [
      "common/x.ts",
      'export { HubSpotSide } from "../kit/stand-in/page/hubspot";',
      "kit/stand-in/page/hubspot.ts",
      /common\/ is shared/,
    ],
    [
      "kit/contract/x.ts",
      'import { StandIn } from "../driver/standIn";',
      "kit/driver/standIn.ts",
      /kit\/contract is pure/,
    ],
    [
      "kit/contract/x.ts",
      'import * as z from "zod/mini";',
      "kit/contract/y.ts",
      /kit\/contract is pure/,
    ],
    [
      "kit/stand-in/page/x.ts",
      'import { serveStandIn } from "../server/server";',
      "kit/stand-in/server/server.ts",
      /page imports no server/,
    ],
    [
      "kit/stand-in/server/x.ts",
      'import { HubSpotSide } from "../page/hubspot";',
      "kit/stand-in/page/hubspot.ts",
      /server imports no page/,
    ],
    [
      "kit/driver/x.ts",
      'import { judge } from "../check/judge";',
      "kit/check/judge.ts",
      /driver imports no check/,
    ],
    [
      "kit/driver/x.ts",
      'import { HubSpotSide } from "../stand-in/page/hubspot";',
      "kit/stand-in/page/hubspot.ts",
      /of the page only its types/,
    ],
    [
      "kit/check/x.ts",
      'import { serveStandIn } from "../stand-in/server/server";',
      "kit/stand-in/server/server.ts",
      /check imports no command and no server/,
    ],
    [
      "kit/check/x.ts",
      'import { test } from "../fixture";',
      "kit/fixture.ts",
      /check imports no command/,
    ],
    [
      "kit/check/x.ts",
      'import { check } from "../cli/check";',
      "kit/cli/check.ts",
      /commands \(kit\/cli\) are on top/,
    ],
    [
      "e2e/x.ts",
      'import { SCENARIOS } from "../kit/check/scenarios";',
      "kit/check/scenarios.ts",
      /package's name only/,
    ],
  ];
  for (const [file, line, target, rule] of forbidden) {
    it(`fail on ${line} in ${file}`, () => {
      const files = new Map([
        [file, line],
        [target, "export const x = 1;"],
      ]);
      expect(breaches(files).map((b) => b.rule)).toEqual(
        expect.arrayContaining([expect.stringMatching(rule)]),
      );
    });
  }

  it("fail on SDK code loaded by the core, even through another file, but not on its types", () => {
    const files = new Map([
      [
        "src/core/a.ts",
        'import type { EndStatus } from "@hubspot/calling-extensions-sdk";\nimport { b } from "../protocol/b";',
      ],
      [
        "src/protocol/b.ts",
        'import { Constants } from "@hubspot/calling-extensions-sdk";\nexport const b = Constants;',
      ],
    ]);
    expect(breaches(files)).toEqual([
      {
        rule: expect.stringMatching(/loads no SDK code/),
        from: "src/core/a.ts",
        to: "@hubspot/calling-extensions-sdk (through src/protocol/b.ts)",
      },
    ]);
  });

  it("tell type-only imports and exports from those that load code", () => {
    const exists = () => false;
    const text = [
      'import type { A } from "a";',
      'import { type B, type C } from "b";',
      'import { type D, e } from "c";',
      'export type { F } from "d";',
      'const g = await import("e");',
    ].join("\n");
    expect(importsOf("x.ts", text, exists).map((i) => [i.to, i.typeOnly])).toEqual([
      ["a", true],
      ["b", true],
      ["c", false],
      ["d", true],
      ["e", false],
    ]);
  });
});
