/**
 * `calling-stand-in check ...`: the command line, checked before anything starts. Pure: what to do, or
 * the usage error to print (exit code 2).
 */

import { isHttpsUrl } from "../../common/guards";
import { FRAME_LOCATIONS, type FrameLocation } from "../../common/protocol";
import { QUIRKS, type Quirk, SCENARIO_IDS } from "../check/scenarios";
import { readOptions } from "./argsError";

export interface CheckOptions {
  readonly kind: "run";
  /** Absent only with `replay`, whose session names the app. */
  readonly app?: string;
  readonly actionsFile?: string;
  readonly scenarios: readonly string[];
  readonly reportFile?: string;
  readonly replayFile?: string;
  readonly recordFile?: string;
  readonly traceDir?: string;
  readonly stepTimeoutMs: number;
  /** Where HubSpot puts the app (the SYNC's iframeLocation); widget unless given. */
  readonly location?: FrameLocation;
  /** The SYNC's usesCallingWindow. */
  readonly callingWindow?: boolean;
  /** POSTed before each scenario (the app's backend forgets its user). */
  readonly resetUrl?: string;
  /** How long the app must be silent before the check reads what it did by itself. */
  readonly quietMs?: number;
  /** How long to wait for an app that is still starting to answer at all. */
  readonly waitMs?: number;
  /** The port the stand-in listens on (any free one by default). */
  readonly standInPort?: number;
  /** HubSpot's quirks every scenario is played with. */
  readonly quirks?: readonly Quirk[];
  /** Playwright Test's own: parallel workers, a shard, retries, a filter, more reporters. */
  readonly workers?: number;
  readonly shard?: string;
  readonly retries?: number;
  readonly grep?: string;
  readonly reporters?: readonly string[];
}

export type Parsed =
  | {
      readonly ok: true;
      readonly command: CheckOptions | { readonly kind: "list" } | { readonly kind: "help" };
    }
  | { readonly ok: false; readonly error: string };

export const USAGE = `Usage: calling-stand-in check --app https://... [options]

Frames a calling app in the HubSpot stand-in (headless Chromium), runs HubSpot's scenarios
against it, checks every message it sends against HubSpot's rules, and exits 1 if any fails.

Options:
  --app URL           the app's https:// address (as HubSpot would load it)
  --scenario a,b      run only these scenarios (see --list)
  --list              list the scenarios and exit
  --actions FILE      how to drive the app's own controls (JSON; init writes a first one);
                      without it, the demo softphone's, and only where they show
  --report FILE.json  also write the report as JSON, as Markdown (FILE.md) and as JUnit XML
                      (FILE.xml) beside it; in GitHub Actions the Markdown is added to the
                      job's summary too
  --record FILE.json  save the session of the one scenario run, for --replay
  --replay FILE.json  replay a saved session's HubSpot and user steps, and report where the app's
                      messages differ (--app defaults to the session's app)
  --timeout MS        how long each step waits for the app's messages (default 5000; the
                      handshake, and a control to show and be usable, three times as long)
  --wait MS           wait up to MS for the app to answer at all (a server still starting, as in
                      CI right after it was launched); by default an app that does not answer is
                      said at once
  --quiet MS          how long the app must be silent before the check decides it will not act
                      by itself, e.g. dial on DIAL_NUMBER (default 200)
  --location WHERE    where HubSpot puts the app: widget (default), remote or window
  --calling-window    tell the app HubSpot uses its calling window (usesCallingWindow: true)
  --quirk a,b         play every scenario with HubSpot's quirks on: engagement-created (the
                      deprecated ENGAGEMENT_CREATED sent after CREATE_ENGAGEMENT_SUCCEEDED)
  --reset URL         POST to this address before each scenario (an app whose backend remembers
                      its user); scenarios then run one at a time, as the output says
  --stand-in-port N   serve the stand-in on this port of 127.0.0.1 (by default any free one)
  --trace DIR         save each failed scenario's Playwright trace in DIR (npx playwright
                      show-trace DIR/SCENARIO.zip shows every step, with the pages as they were)
  --workers N         scenarios run side by side (default: the cores, plus one)
  --shard I/N         run the I-th of N parts of the scenarios (Playwright's sharding)
  --retries N         run a failed scenario again, up to N times
  --grep REGEXP       run only the scenarios whose id matches
  --reporter a,b      Playwright's reporters as well (list, dot, line, html, junit, json)
  --help              this text`;

const DEFAULT_TIMEOUT_MS = 5_000;

const OPTIONS = {
  app: { type: "string" },
  scenario: { type: "string" },
  list: { type: "boolean" },
  actions: { type: "string" },
  report: { type: "string" },
  record: { type: "string" },
  replay: { type: "string" },
  timeout: { type: "string" },
  trace: { type: "string" },
  quiet: { type: "string" },
  wait: { type: "string" },
  location: { type: "string" },
  "calling-window": { type: "boolean" },
  reset: { type: "string" },
  workers: { type: "string" },
  shard: { type: "string" },
  retries: { type: "string" },
  grep: { type: "string" },
  reporter: { type: "string" },
  quirk: { type: "string" },
  "stand-in-port": { type: "string" },
  help: { type: "boolean" },
} as const;

/** Playwright's built-in reporters the check can add to its own. */
export const REPORTERS = ["list", "dot", "line", "html", "junit", "json", "github"] as const;

/** A mistake on the command line, said as the usage error. */
class Refused extends Error {}
const refuse = (message: string): never => {
  throw new Refused(message);
};

type Read = (name: string) => string | undefined;
const optional = <T>(name: string, value: T | undefined) =>
  value === undefined ? {} : { [name]: value };

/** The app, or the session to replay (which names one). */
function target(str: Read): { app?: string; replayFile?: string } {
  const app = str("app");
  const replayFile = str("replay");
  if (app === undefined && replayFile === undefined)
    refuse("--app is required: the https:// address of the calling app");
  if (app !== undefined && !isHttpsUrl(app))
    refuse(`--app ${String(app).slice(0, 100)} is not an https:// URL (HubSpot frames only https)`);
  return { ...optional("app", app), ...optional("replayFile", replayFile) };
}

/** The scenarios asked for (all by default), and what --record and --replay allow with them. */
function scenariosOf(str: Read): { scenarios: string[]; recordFile?: string } {
  const scenarios = (str("scenario") ?? SCENARIO_IDS.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scenarios.filter((s) => !SCENARIO_IDS.includes(s));
  if (unknown.length > 0)
    refuse(`no scenario ${unknown.join(", ")} (scenarios: ${SCENARIO_IDS.join(", ")})`);
  const recordFile = str("record");
  if (recordFile !== undefined && (scenarios.length !== 1 || scenarios[0] === "security"))
    refuse("--record saves one scenario's session: add --scenario with one (not security)");
  if (str("replay") !== undefined && (str("scenario") !== undefined || recordFile !== undefined))
    refuse("--replay runs the session's steps: it takes no --scenario or --record");
  return { scenarios, ...optional("recordFile", recordFile) };
}

/** A whole number option within its bounds, or none given. */
function whole(str: Read, name: string, min: number, max: number, what: string) {
  const value = str(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max
    ? n
    : refuse(`--${name} is ${what} from ${min} to ${max}`);
}

/** The check's times and Playwright's counts. */
function numbers(str: Read) {
  const ms = "a whole number of milliseconds";
  return {
    stepTimeoutMs: whole(str, "timeout", 100, 120_000, ms) ?? DEFAULT_TIMEOUT_MS,
    ...optional("quietMs", whole(str, "quiet", 0, 10_000, ms)),
    ...optional("waitMs", whole(str, "wait", 0, 300_000, ms)),
    ...optional("workers", whole(str, "workers", 1, 16, "a whole number")),
    ...optional("retries", whole(str, "retries", 0, 5, "a whole number")),
    ...optional("standInPort", whole(str, "stand-in-port", 1, 65_535, "a port")),
  };
}

/** Where HubSpot puts the app, and how its backend is reset. */
function placing(str: Read, callingWindow: boolean) {
  const location = str("location");
  if (location !== undefined && !(FRAME_LOCATIONS as readonly string[]).includes(location))
    refuse(`--location is one of ${FRAME_LOCATIONS.join(", ")}`);
  const resetUrl = str("reset");
  if (resetUrl !== undefined && !isHttpsUrl(resetUrl))
    refuse("--reset is an https:// URL to POST to before each scenario");
  return {
    ...optional("location", location as FrameLocation | undefined),
    ...(callingWindow ? { callingWindow: true } : {}),
    ...optional("resetUrl", resetUrl),
  };
}

/** HubSpot's quirks to play every scenario with (`--quirk`), as the scenarios name them. */
function quirksOf(str: Read): { quirks?: Quirk[] } {
  const names = str("quirk")
    ?.split(",")
    .map((q) => q.trim())
    .filter(Boolean);
  if (names === undefined) return {};
  const known = QUIRKS as Readonly<Record<string, Quirk>>;
  const unknown = names.find((n) => !Object.hasOwn(known, n));
  if (unknown !== undefined)
    refuse(`--quirk ${unknown.slice(0, 40)} is not one of ${Object.keys(QUIRKS).join(", ")}`);
  return { quirks: names.map((n) => known[n] as Quirk) };
}

/** Playwright Test's own: a shard, a filter, more reporters. */
function playwrightOptions(str: Read) {
  const shard = str("shard");
  if (shard !== undefined) {
    const [i = Number.NaN, n = Number.NaN] = shard.split("/").map(Number);
    if (!(Number.isInteger(i) && Number.isInteger(n) && i >= 1 && i <= n))
      refuse("--shard is I/N, e.g. 1/3");
  }
  const grep = str("grep");
  if (grep !== undefined) {
    try {
      new RegExp(grep);
    } catch {
      refuse(`--grep ${grep.slice(0, 100)} is not a regular expression`);
    }
  }
  const reporters = str("reporter")
    ?.split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = reporters?.find((r) => !(REPORTERS as readonly string[]).includes(r));
  if (unknown !== undefined)
    refuse(`--reporter ${unknown.slice(0, 40)} is not one of ${REPORTERS.join(", ")}`);
  return {
    ...optional("shard", shard),
    ...optional("grep", grep),
    ...optional("reporters", reporters),
  };
}

export function parseCheckArgs(argv: readonly string[]): Parsed {
  const read = readOptions(argv, OPTIONS);
  if ("error" in read) return { ok: false, error: read.error };
  const { values } = read;
  if (values.help) return { ok: true, command: { kind: "help" } };
  if (values.list) return { ok: true, command: { kind: "list" } };
  const str: Read = (name) => {
    const value = values[name];
    return typeof value === "string" ? value : undefined;
  };
  try {
    return {
      ok: true,
      command: {
        kind: "run",
        ...target(str),
        ...scenariosOf(str),
        ...numbers(str),
        ...placing(str, values["calling-window"] === true),
        ...playwrightOptions(str),
        ...quirksOf(str),
        ...optional("actionsFile", str("actions")),
        ...optional("reportFile", str("report")),
        ...optional("traceDir", str("trace")),
      },
    };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.message };
    throw error;
  }
}
