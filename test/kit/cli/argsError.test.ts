import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { argsError } from "../../../kit/cli/argsError";

const OPTIONS = {
  ready: { type: "boolean" },
  name: { type: "string" },
  width: { type: "string" },
} as const;
const TAKES = { width: "a whole number of pixels from 100 to 4000" };

function error(args: string[], positionals = false, context = false): string {
  try {
    parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: positionals });
  } catch (e) {
    return argsError(e, Object.keys(OPTIONS), context ? { argv: args, takes: TAKES } : {});
  }
  throw new Error("parseArgs took it");
}

describe("a command line's mistake, said plainly", () => {
  it("names an unknown option, and the one meant when it is a typo", () => {
    expect(error(["--redy"], true)).toBe("--redy is not an option (did you mean --ready?).");
    expect(error(["--colour"])).toBe("--colour is not an option.");
  });

  it("says an option needs a value, or takes none", () => {
    expect(error(["--name"])).toBe("--name needs a value.");
    expect(error(["--ready=yes"])).toBe("--ready takes no value.");
  });

  it("names the option whose value starts with a dash, and what it takes (not 'takes no value')", () => {
    expect(error(["--width", "-5"], false, true)).toBe(
      '--width takes a whole number of pixels from 100 to 4000, not "-5".',
    );
    expect(error(["--width", "--ready"], false, true)).toBe(
      "--width needs a value: a whole number of pixels from 100 to 4000.",
    );
    expect(error(["--name", "--ready"], false, true)).toBe("--name needs a value.");
    // A value that may start with a dash: how to give it.
    expect(error(["--name", "-x1"], false, true)).toBe("--name needs a value.");
    expect(error(["--name", "-1"], false, true)).toBe(
      '--name needs a value: to give "-1", write --name=-1.',
    );
    // Without the command line, still never "takes no value" for an option that takes one.
    expect(error(["--name", "--ready"])).toBe("--name needs a value.");
  });

  it("says an argument is not an option", () => {
    expect(error(["outbound"])).toBe("outbound is not an option (options start with --).");
  });

  it("has no unclosed quote, whatever Node says", () => {
    expect(error(["--key"], true)).not.toMatch(/["']/);
  });
});
