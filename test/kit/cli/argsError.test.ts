import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { argsError } from "../../../kit/cli/argsError";

const OPTIONS = { ready: { type: "boolean" }, name: { type: "string" } } as const;

function error(args: string[], positionals = false): string {
  try {
    parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: positionals });
  } catch (e) {
    return argsError(e, Object.keys(OPTIONS));
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

  it("says an argument is not an option", () => {
    expect(error(["outbound"])).toBe("outbound is not an option (options start with --).");
  });

  it("has no unclosed quote, whatever Node says", () => {
    expect(error(["--key"], true)).not.toMatch(/["']/);
  });
});
