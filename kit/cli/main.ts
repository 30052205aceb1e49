/**
 * `calling-stand-in`: the kit's one command. `init` writes a first actions file and CI job from
 * what an app shows, `host` serves the stand-in framing a calling app,
 * `check` runs HubSpot's scenarios against one headless, `settings` reads and writes a calling
 * app's settings in HubSpot (or the stand-in). Each answers `--help`.
 */
import { readFileSync } from "node:fs";

export const USAGE = `Usage: calling-stand-in <command> [options]

A local HubSpot for calling apps built on @hubspot/calling-extensions-sdk.

Commands:
  init      frame your app once, and write a first actions file and a CI job (run it first)
  host      serve the HubSpot stand-in framing your app (your daily loop)
  check     run HubSpot's scenarios against your app, headless, and report (for CI)
  settings  read and write your app's calling settings in HubSpot, or in the stand-in

calling-stand-in <command> --help says more. In your Playwright tests:
  import { test, expect } from "hubspot-calling-stand-in/test";`;

function version(): string {
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), "utf8"));
      if (pkg.name === "hubspot-calling-stand-in") return String(pkg.version);
    } catch {
      // Not this one.
    }
  }
  return "unknown";
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "init":
      return (await import("./init")).init(rest);
    case "host":
      return (await import("./host")).host(rest);
    case "check":
      return (await import("./check")).check(rest);
    case "settings":
      return (await import("./settings")).settings(rest);
    case "--version":
      process.stdout.write(`${version()}\n`);
      return 0;
    case undefined:
    case "--help":
    case "help":
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`No command ${command.slice(0, 40)}.\n\n${USAGE}\n`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
