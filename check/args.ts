/**
 * `npm run check -- ...`: the command line, checked before anything starts. Pure: what to do, or
 * the usage error to print (exit code 2).
 */
import { parseArgs } from "node:util";
import { isHttpsUrl } from "../common/guards";
import { SCENARIO_IDS } from "./scenarios";

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
}

export type Parsed =
  | {
      readonly ok: true;
      readonly command: CheckOptions | { readonly kind: "list" } | { readonly kind: "help" };
    }
  | { readonly ok: false; readonly error: string };

export const USAGE = `Usage: npm run check -- --app https://... [options]

Frames a calling app in the HubSpot stand-in (headless Chromium), runs HubSpot's scenarios
against it, checks every message it sends against HubSpot's rules, and exits 1 if any fails.

Options:
  --app URL           the app's https:// address (as HubSpot would load it)
  --scenario a,b      run only these scenarios (see --list)
  --list              list the scenarios and exit
  --actions FILE      how to drive the app's own controls (JSON); default: this softphone's
  --report FILE.json  also write the report as JSON, and as Markdown beside it (FILE.md)
  --record FILE.json  save the session of the one scenario run, for --replay
  --replay FILE.json  replay a saved session's HubSpot and user steps, and report where the app's
                      messages differ (--app defaults to the session's app)
  --timeout MS        how long each step waits for the app's messages (default 5000)
  --trace DIR         save each failed scenario's Playwright trace in DIR (npx playwright
                      show-trace DIR/SCENARIO.zip shows every step, with the pages as they were)
  --help              this text`;

const DEFAULT_TIMEOUT_MS = 5_000;

export function parseCheckArgs(argv: readonly string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        app: { type: "string" },
        scenario: { type: "string" },
        list: { type: "boolean" },
        actions: { type: "string" },
        report: { type: "string" },
        record: { type: "string" },
        replay: { type: "string" },
        timeout: { type: "string" },
        trace: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (values.help) return { ok: true, command: { kind: "help" } };
  if (values.list) return { ok: true, command: { kind: "list" } };
  const str = (name: string) =>
    typeof values[name] === "string" ? (values[name] as string) : undefined;
  const app = str("app");
  const replayFile = str("replay");
  if (app === undefined && replayFile === undefined)
    return { ok: false, error: "--app is required: the https:// address of the calling app" };
  if (app !== undefined && !isHttpsUrl(app))
    return {
      ok: false,
      error: `--app ${String(app).slice(0, 100)} is not an https:// URL (HubSpot frames only https)`,
    };
  const scenarios = (str("scenario") ?? SCENARIO_IDS.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scenarios.filter((s) => !SCENARIO_IDS.includes(s));
  if (unknown.length > 0)
    return {
      ok: false,
      error: `no scenario ${unknown.join(", ")} (scenarios: ${SCENARIO_IDS.join(", ")})`,
    };
  const recordFile = str("record");
  if (recordFile !== undefined && (scenarios.length !== 1 || scenarios[0] === "security"))
    return {
      ok: false,
      error: "--record saves one scenario's session: add --scenario with one (not security)",
    };
  if (replayFile !== undefined && (str("scenario") !== undefined || recordFile !== undefined))
    return {
      ok: false,
      error: "--replay runs the session's steps: it takes no --scenario or --record",
    };
  const timeout = str("timeout");
  const stepTimeoutMs = timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(timeout);
  if (!Number.isInteger(stepTimeoutMs) || stepTimeoutMs < 100 || stepTimeoutMs > 120_000)
    return { ok: false, error: "--timeout is a whole number of milliseconds from 100 to 120000" };
  const optional = (name: string, value: string | undefined) =>
    value === undefined ? {} : { [name]: value };
  return {
    ok: true,
    command: {
      kind: "run",
      ...optional("app", app),
      ...optional("actionsFile", str("actions")),
      ...optional("reportFile", str("report")),
      ...optional("replayFile", replayFile),
      ...optional("recordFile", recordFile),
      ...optional("traceDir", str("trace")),
      scenarios,
      stepTimeoutMs,
    },
  };
}
