/**
 * `calling-stand-in check --app https://...`: tests any calling app against HubSpot's side of the
 * protocol, headless, and exits 0 (every scenario passed or skipped), 1 (one failed) or 2 (the
 * command line, a file or the machine is wrong, or the app does not load at all). A thin wrapper:
 * it checks what it was given, serves the stand-in, and runs the scenarios as Playwright tests
 * (scenarios.spec.ts, with playwright.config.ts), then prints what they found.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { errorText } from "../../common/text";
import { writeAtomically } from "../../common/writeAtomically";
import { parseSession, replayScenario } from "../check/replay";
import { formatText } from "../check/report/text";
import { besideReport } from "../check/reporter";
import { type ResultsFile, readResultsFile } from "../check/result";
import { DEFAULT_QUIET_MS } from "../check/runScenario";
import { type Replay, type RunSettings, SETTINGS_VARIABLE } from "../check/runSettings";
import { SCENARIOS, SECURITY } from "../check/scenarios";
import { type Actions, parseActions, SOFTPHONE_ACTIONS } from "../driver/actions";
import { DEFAULT_API_KEY } from "../stand-in/server/settingsServer";
import { type CheckOptions, parseCheckArgs, USAGE } from "./checkArgs";
import { kitFile } from "./kitFiles";
import { unreachable } from "./reachable";

class UsageError extends Error {}

/**
 * One worker more than the cores: an app's scenarios wait on it (its answers, its quiet, a control
 * that takes its time, and after a failed scenario Playwright's new worker and browser), and the
 * spare worker runs another meanwhile. Measured on 2 cores, interleaved: HubSpot's React demo (4
 * scenarios fail) 2 workers 39.7 and 36.4 s, 3 workers 33.5 and 28.6 s; this softphone's build
 * (all pass, so CPU-bound) 2 workers 18.4–19.5 s, 3 workers 19.1–21.0 s.
 */
const DEFAULT_WORKERS = availableParallelism() + 1;

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? errorText(error)}`,
    );
  }
}

function loadActions(options: CheckOptions): { actions: Actions; source: string } {
  const file = options.actionsFile;
  let loaded: { actions: Actions; source: string };
  if (file === undefined) {
    loaded = {
      actions: SOFTPHONE_ACTIONS,
      source: "the demo softphone's controls (no --actions)",
    };
  } else {
    const parsed = parseActions(readText(file, "the actions file"));
    if ("errors" in parsed)
      throw new UsageError(`the actions file ${file}:\n  ${parsed.errors.join("\n  ")}`);
    loaded = { actions: parsed.actions, source: file };
  }
  if (options.resetUrl === undefined) return loaded;
  return { ...loaded, actions: { ...loaded.actions, reset: [{ request: options.resetUrl }] } };
}

/** The replayed session's steps, and the app it names, for `--replay`. */
function replayOf(options: CheckOptions): { replay: Replay; app: string } | null {
  if (options.replayFile === undefined) return null;
  const parsed = parseSession(readText(options.replayFile, "the session"));
  if ("error" in parsed) throw new UsageError(`the session ${options.replayFile}: ${parsed.error}`);
  const app = options.app ?? parsed.session.app;
  if (!app.startsWith("https://"))
    throw new UsageError("the session names no https:// app: pass --app");
  const { title, opening, steps } = replayScenario(parsed.session, options.replayFile);
  return { replay: { file: options.replayFile, title, opening, steps }, app };
}

/** The app answers at all (reachable.ts), or the run stops before anything starts. */
async function reachable(app: string, waitMs: number): Promise<void> {
  const problem = await unreachable(app, waitMs);
  if (problem) throw new UsageError(problem);
}

/** Variables a Playwright process sets for its own workers: a check run inside a test must not inherit them. */
const INHERITED = /^(TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PW_|PLAYWRIGHT_(?!BROWSERS_PATH))/;

/** Playwright Test's run, started: its exit code when it ends, and a way to stop it sooner. */
interface Started {
  readonly exited: Promise<number | null>;
  /** Stops the run at once, reporting nothing (its workers end their browsers as it goes). */
  stop(): void;
}

/** Starts Playwright Test on the check's config. */
function playwright(settingsFile: string, options: CheckOptions): Started {
  const cli = createRequire(import.meta.url).resolve("@playwright/test/cli");
  const config = kitFile("check/playwright.config");
  const args = [cli, "test", "--config", config];
  if (options.shard) args.push("--shard", options.shard);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !INHERITED.test(key)),
  );
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...env, [SETTINGS_VARIABLE]: settingsFile },
  });
  const exited = new Promise<number | null>((done, fail) => {
    child.on("error", fail);
    child.on("exit", (code) => done(code));
  });
  return { exited, stop: () => child.kill("SIGKILL") };
}

/** Playwright's reporters, each writing where the user's working directory says. */
function reporters(names: readonly string[] = []): RunSettings["reporters"] {
  const here = process.cwd();
  return names.map((name) => {
    if (name === "html")
      return [name, { outputFolder: resolve(here, "playwright-report"), open: "never" }];
    if (name === "junit" || name === "json")
      return [
        name,
        { outputFile: resolve(here, `check-results.${name === "junit" ? "xml" : "json"}`) },
      ];
    return [name];
  });
}

/** The scenarios to run: those asked for, and of them those whose id `--grep` matches. */
function chosenScenarios(options: CheckOptions): readonly string[] {
  if (options.grep === undefined) return options.scenarios;
  const pattern = new RegExp(options.grep);
  const chosen = options.scenarios.filter((id) => pattern.test(id));
  if (chosen.length === 0)
    throw new UsageError(`no scenario's id matches --grep ${options.grep.slice(0, 100)}`);
  return chosen;
}

/**
 * The stand-in served, and the app reached, both at once; an app that cannot be loaded stops the
 * run with the stand-in closed. The stand-in is served on 127.0.0.1 (another site than an app on
 * localhost, as HubSpot is), with calling settings of its own, so a developer's registered apps
 * are left alone.
 */
async function serveFor(app: string, options: CheckOptions, scratch: string) {
  // Loaded only to run: `--list`, `--help` and a mistake answer at once. A Chromium to run in is
  // looked for beside the rest (finding it loads Playwright, half a second here).
  const chromium = import("../../common/chromium").then(({ chromiumLaunch, NO_CHROMIUM }) => {
    if (!chromiumLaunch({ asUsersHaveIt: true })) throw new UsageError(NO_CHROMIUM);
  });
  const { serveStandIn } = await import("../stand-in/server/server");
  const [served, loaded, found] = await Promise.allSettled([
    serveStandIn({
      port: options.standInPort ?? 0,
      host: "127.0.0.1",
      settingsFile: join(scratch, "calling-settings.json"),
      apiKey: DEFAULT_API_KEY,
    }),
    reachable(app, options.waitMs ?? 0),
    chromium,
  ]);
  if (served.status === "rejected") {
    if ((served.reason as NodeJS.ErrnoException)?.code === "EADDRINUSE")
      throw new UsageError(
        `--stand-in-port ${options.standInPort}: the port is in use (another stand-in?): pick another, or leave it out for any free one`,
      );
    throw served.reason;
  }
  const problem = [found, loaded].find((r) => r.status === "rejected");
  if (problem?.status === "rejected") {
    await served.value.close();
    throw problem.reason;
  }
  return served.value;
}

/** What the Playwright run is handed (check/runSettings.ts). */
function runSettingsOf(
  options: CheckOptions,
  given: { started: number; app: string; standIn: string; scratch: string },
): RunSettings {
  const { actions, source } = loadActions(options);
  const replayed = replayOf(options);
  return {
    startedAt: given.started,
    actionsSource: source,
    ...(options.reportFile ? { reportFile: resolve(options.reportFile) } : {}),
    standIn: given.standIn,
    app: given.app,
    actions,
    scenarios: chosenScenarios(options),
    ...(replayed ? { replay: replayed.replay } : {}),
    ...(options.recordFile ? { record: resolve(options.recordFile) } : {}),
    stepTimeoutMs: options.stepTimeoutMs,
    quietMs: options.quietMs ?? DEFAULT_QUIET_MS,
    quirks: options.quirks ?? [],
    location: options.location ?? "widget",
    callingWindow: options.callingWindow ?? false,
    ...(options.traceDir ? { traceDir: resolve(options.traceDir) } : {}),
    resultsFile: join(given.scratch, "results.json"),
    outputDir: join(given.scratch, "output"),
    // A reset between scenarios means they share the app's backend: one at a time.
    workers: actions.reset ? 1 : (options.workers ?? DEFAULT_WORKERS),
    retries: options.retries ?? 0,
    reporters: reporters(options.reporters),
  };
}

/** Prints the results; the exit code: 2 when the run was stopped, 1 when a scenario failed. */
function said(results: ResultsFile, options: CheckOptions): number {
  const { report } = results;
  process.stdout.write(formatText(report));
  if (options.reportFile) {
    const { reportFile } = options;
    const files = [reportFile, besideReport(reportFile, ".md"), besideReport(reportFile, ".xml")];
    process.stdout.write(`Report: ${files.join(", ")}\n`);
  }
  if (results.run === "interrupted") return 2;
  return report.totals.failed > 0 ? 1 : 0;
}

/**
 * Without `--actions`, the demo softphone's controls are used only where they show: on another
 * app, the check stops and says to write its own actions file.
 */
async function demoOrActions(options: CheckOptions, app: string, standIn: string): Promise<void> {
  if (options.actionsFile !== undefined || options.replayFile !== undefined) return;
  const { demoControlsShow } = await import("./demoControls");
  if ((await demoControlsShow(app, standIn)) !== false) return;
  throw new UsageError(
    `no --actions, and none of the demo softphone's controls (its defaults: Log in, Dial, …) shows in ${app}. Write your app's actions file (npx calling-stand-in init --app ${app} writes a first one from what the app shows) and pass it with --actions FILE.`,
  );
}

async function run(options: CheckOptions): Promise<number> {
  const started = Date.now();
  // What is wrong with the options or files is said before anything starts.
  const app = replayOf(options)?.app ?? options.app ?? "";
  loadActions(options);
  chosenScenarios(options);
  const scratch = mkdtempSync(join(tmpdir(), "check-run-"));
  try {
    const standIn = await serveFor(app, options, scratch);
    try {
      const settings = runSettingsOf(options, { started, app, standIn: standIn.url, scratch });
      if (settings.workers === 1 && settings.actions.reset)
        process.stdout.write(
          "The app's backend is reset before each scenario (reset): the scenarios share it, so they run one at a time.\n",
        );
      const settingsFile = join(scratch, "run.json");
      writeAtomically(settingsFile, JSON.stringify(settings));
      const scenarios = playwright(settingsFile, options);
      // The demo's controls are looked for while Playwright starts (a second or more, mostly on
      // one core): an app that shows none stops the run before its first scenario ends.
      const refused = await demoOrActions(options, app, standIn.url).then(
        () => null,
        (error: unknown) => ({ error }),
      );
      if (refused) {
        scenarios.stop();
        await scenarios.exited.catch(() => null);
        throw refused.error;
      }
      const code = await scenarios.exited;
      if (!existsSync(settings.resultsFile))
        throw new UsageError(`the scenarios did not run (Playwright exited with ${code})`);
      return said(readResultsFile(readFileSync(settings.resultsFile, "utf8")), options);
    } finally {
      await standIn.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `calling-stand-in check …`: the exit code for `argv` (the arguments after `check`). */
export async function check(argv: readonly string[]): Promise<number> {
  const parsed = parseCheckArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  const { command } = parsed;
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === "list") {
    for (const s of SCENARIOS) process.stdout.write(`${s.id.padEnd(20)} ${s.title}\n`);
    process.stdout.write(`${SECURITY.id.padEnd(20)} ${SECURITY.title}\n`);
    return 0;
  }
  try {
    return await run(command);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
