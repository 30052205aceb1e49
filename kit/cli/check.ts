/**
 * `calling-stand-in check --app https://...`: tests any calling app against HubSpot's side of the
 * protocol, headless, and exits 0 (every scenario passed or skipped), 1 (one failed) or 2 (the
 * command line, a file or the machine is wrong, or the app does not load at all). A thin wrapper:
 * it checks what it was given, serves the stand-in, launches the browser and runs the scenarios
 * (check/jobs.ts) in this process (check/inProcess.ts), or as Playwright tests where Playwright
 * Test's own features are asked for (scenarios.spec.ts, with playwright.config.ts), then prints
 * what they found.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "@playwright/test";
import { errorText } from "../../common/text";
import { writeAtomically } from "../../common/writeAtomically";
import { parseSession, replayScenario } from "../check/replay";
import { writeReport } from "../check/report/files";
import { formatText } from "../check/report/text";
import { type ResultsFile, readResultsFile } from "../check/result";
import { DEFAULT_QUIET_MS } from "../check/runScenario";
import { type Replay, type RunSettings, SETTINGS_VARIABLE } from "../check/runSettings";
import { SCENARIOS, SECURITY } from "../check/scenarios";
import { type Actions, parseActions, SOFTPHONE_ACTIONS, todosLeft } from "../driver/actions";
import { DEFAULT_API_KEY } from "../stand-in/server/settingsServer";
import { type CheckOptions, parseCheckArgs, USAGE } from "./checkArgs";
import { DEFAULT_ACTIONS_FILE } from "./initArgs";
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

interface Loaded {
  readonly actions: Actions;
  readonly source: string;
  /** The steps the file still has init's `$todo` notes for, unmapped. */
  readonly todos: readonly string[];
}

function loadActions(options: CheckOptions): Loaded {
  const file = options.actionsFile;
  let actions: Actions = SOFTPHONE_ACTIONS;
  let written: unknown = null;
  if (file !== undefined) {
    const text = readText(file, "the actions file");
    const parsed = parseActions(text);
    if ("errors" in parsed)
      throw new UsageError(`the actions file ${file}:\n  ${parsed.errors.join("\n  ")}`);
    actions = parsed.actions;
    // Valid JSON, as it parsed: read again for the notes the check itself skips.
    written = JSON.parse(text);
  }
  if (options.resetUrl !== undefined)
    actions = { ...actions, reset: [{ request: options.resetUrl }] };
  return {
    actions,
    source: file ?? "the demo softphone's controls (no --actions)",
    todos: todosLeft(written, actions),
  };
}

/**
 * What an actions file straight from `init` leaves out, said before the run: those steps are not
 * taken, and without `reset` the scenarios side by side share a backend that remembers its user
 * or its call (one scenario's call then shows in another's, and fails it for what is not the app's
 * fault).
 */
export function todoNote(source: string, todos: readonly string[]): string | null {
  const steps = todos.filter((step) => step !== "reset");
  const lines = [
    ...(steps.length > 0
      ? [
          `${source} still has init's $todo notes for ${steps.join(", ")}: those steps are not taken.`,
        ]
      : []),
    ...(todos.includes("reset")
      ? [
          `${source} still has init's $todo.reset: if your app's backend remembers its user or its call, map reset (else the scenarios side by side share it), or run with --workers 1; if it does not, delete the note.`,
        ]
      : []),
  ];
  return lines.length > 0 ? `${lines.join("\n")}\n` : null;
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
  /** Its exit code, once it has ended and all it printed is passed on. */
  readonly exited: Promise<number | null>;
  /** Passes on what it printed so far, and from now on as it prints. */
  release(): void;
  /** Stops the run at once, reporting nothing (its workers end with it; the browser is the command's). */
  stop(): void;
}

/**
 * Starts Playwright Test on the check's config. When `held`, the run is the command's to refuse
 * until `release()`: what it prints is held, and its reporter (check/reporter.ts) ends only once
 * its input has ended, so no report is written before.
 */
function playwright(settingsFile: string, options: CheckOptions, held: boolean): Started {
  const cli = createRequire(import.meta.url).resolve("@playwright/test/cli");
  const config = kitFile("check/playwright.config");
  const args = [cli, "test", "--config", config];
  if (options.shard) args.push("--shard", options.shard);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !INHERITED.test(key)),
  );
  // Its output goes through a pipe: its reporters colour it as they would this terminal.
  const colour =
    process.stdout.isTTY && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined;
  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: {
      ...env,
      [SETTINGS_VARIABLE]: settingsFile,
      // The built kit is JavaScript: Playwright's loader for TypeScript (a thread of its own on
      // Node 20, every import through it) is spared, in the runner and each worker.
      ...(config.endsWith(".js") ? { PW_DISABLE_TS_ESM: "1" } : {}),
      ...(colour ? { FORCE_COLOR: "1" } : {}),
    },
  });
  // A run that ended first has closed its input: ending it then is no error.
  child.stdin.on("error", () => undefined);
  let holding = held;
  if (!held) child.stdin.end();
  const pending: [NodeJS.WriteStream, Buffer][] = [];
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const)
    from.on("data", (chunk: Buffer) => {
      if (holding) pending.push([to, chunk]);
      else to.write(chunk);
    });
  const exited = new Promise<number | null>((done, fail) => {
    child.on("error", fail);
    child.on("close", (code) => done(code));
  });
  return {
    exited,
    release: () => {
      child.stdin.end();
      holding = false;
      for (const [to, chunk] of pending.splice(0)) to.write(chunk);
    },
    stop: () => {
      pending.length = 0;
      holding = true;
      child.kill("SIGKILL");
    },
  };
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

/** What a run serves: the stand-in, and the check's browser (check/browser.ts); both closed by `close`. */
interface Served {
  readonly standIn: string;
  /** Where Playwright Test's workers connect to the browser; empty for a run in this process. */
  readonly browser: string;
  /** The browser itself, for a run in this process. */
  readonly inProcess?: Browser;
  readonly launch: RunSettings["launch"];
  close(): Promise<void>;
}

/**
 * Whether the scenarios run in this process (inProcess.ts) rather than in a Playwright Test run:
 * unless Playwright Test's own features are asked for (its reporters, sharding, traces).
 * Measured on 2 cores, the softphone's full check, interleaved: 11.8–12.8 s and 19–21
 * core-seconds in this process, against 14.8–16.8 s and 26–30 through Playwright Test
 * (BENCHMARKS.md).
 */
function runsHere(options: CheckOptions): boolean {
  return (
    (options.reporters ?? []).length === 0 &&
    options.shard === undefined &&
    options.traceDir === undefined
  );
}

/**
 * The stand-in served, the check's browser launched and the app reached, all at once; an app that
 * cannot be loaded stops the run with the rest closed. The stand-in is served on 127.0.0.1 (another
 * site than an app on localhost, as HubSpot is), with calling settings of its own, so a developer's
 * registered apps are left alone.
 */
async function serveFor(app: string, options: CheckOptions, scratch: string): Promise<Served> {
  // Loaded only to run: `--list`, `--help` and a mistake answer at once.
  const browser = Promise.all([import("@playwright/test"), import("../check/browser")]).then(
    async ([{ chromium }, { checkLaunchOptions }]) => {
      const launch = checkLaunchOptions();
      if (!launch) {
        const { NO_CHROMIUM } = await import("../../common/chromium");
        throw new UsageError(NO_CHROMIUM);
      }
      const launchOptions = { ...launch, headless: true };
      if (runsHere(options)) {
        const own = await chromium.launch(launchOptions);
        return { own, endpoint: "", close: () => own.close(), launchOptions };
      }
      const server = await chromium.launchServer(launchOptions);
      return { endpoint: server.wsEndpoint(), close: () => server.close(), launchOptions };
    },
  );
  const standIn = import("../stand-in/server/server").then(({ serveStandIn }) =>
    serveStandIn({
      port: options.standInPort ?? 0,
      host: "127.0.0.1",
      settingsFile: join(scratch, "calling-settings.json"),
      apiKey: DEFAULT_API_KEY,
    }),
  );
  const [served, loaded, launched] = await Promise.allSettled([
    standIn,
    reachable(app, options.waitMs ?? 0),
    browser,
  ]);
  const close = () =>
    Promise.all([
      served.status === "fulfilled" ? served.value.close() : null,
      launched.status === "fulfilled" ? launched.value.close() : null,
    ]).then(() => undefined);
  if (served.status === "rejected") {
    await close();
    if ((served.reason as NodeJS.ErrnoException)?.code === "EADDRINUSE")
      throw new UsageError(
        `--stand-in-port ${options.standInPort}: the port is in use (another stand-in?): pick another, or leave it out for any free one`,
      );
    throw served.reason;
  }
  if (launched.status === "rejected") {
    await close();
    throw launched.reason;
  }
  if (loaded.status === "rejected") {
    await close();
    throw loaded.reason;
  }
  const { own, endpoint, launchOptions } = launched.value;
  return {
    standIn: served.value.url,
    browser: endpoint,
    ...(own ? { inProcess: own } : {}),
    launch: launchOptions,
    close,
  };
}

/** What the Playwright run is handed (check/runSettings.ts). */
function runSettingsOf(
  options: CheckOptions,
  given: { started: number; app: string; served: Served; scratch: string },
): RunSettings {
  const { actions, source } = loadActions(options);
  const replayed = replayOf(options);
  return {
    startedAt: given.started,
    actionsSource: source,
    standIn: given.served.standIn,
    browser: given.served.browser,
    launch: given.served.launch,
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

/**
 * Prints the results and writes the report's files; the exit code: 2 when the run was stopped, 1
 * when a scenario failed.
 */
function said(results: ResultsFile, options: CheckOptions): number {
  const { report } = results;
  process.stdout.write(formatText(report));
  const files = writeReport(report, options.reportFile);
  if (files.length > 0) process.stdout.write(`Report: ${files.join(", ")}\n`);
  if (results.run === "interrupted") return 2;
  return report.totals.failed > 0 ? 1 : 0;
}

/**
 * Without `--actions`, the demo softphone's controls are used only where they show: on another
 * app, the check stops and says to write its own actions file.
 */
async function demoOrActions(app: string, served: Served): Promise<void> {
  const { demoControlsShow } = await import("./demoControls");
  const { chromium } = await import("@playwright/test");
  const browser = served.inProcess ?? (await chromium.connect(served.browser));
  const shows = await demoControlsShow(app, served.standIn, browser).finally(() =>
    served.inProcess ? undefined : browser.close(),
  );
  if (shows !== false) return;
  // The file init writes, already here: the likely slip is only leaving out --actions.
  const here = existsSync(DEFAULT_ACTIONS_FILE)
    ? ` (${DEFAULT_ACTIONS_FILE} is in this directory: --actions ${DEFAULT_ACTIONS_FILE})`
    : "";
  throw new UsageError(
    `no --actions, and none of the demo softphone's controls (its defaults: Log in, Dial, …) shows in ${app}. Write your app's actions file (npx calling-stand-in init --app ${app} writes a first one from what the app shows) and pass it with --actions FILE${here}.`,
  );
}

/** Says that a reset between scenarios makes them run one at a time. */
function sayOneAtATime(settings: RunSettings): void {
  if (settings.workers === 1 && settings.actions.reset)
    process.stdout.write(
      "The app's backend is reset before each scenario (reset): the scenarios share it, so they run one at a time.\n",
    );
}

/**
 * The scenarios run in this process (check/inProcess.ts). Without `--actions`, the demo's controls
 * are looked for beside the first scenarios: an app that shows none stops the run, and what they
 * said is dropped unheard.
 */
async function runHere(
  app: string,
  options: CheckOptions,
  started: number,
  scratch: string,
): Promise<number> {
  let served: Served | undefined;
  // A wait that lost a race may fail once its scenario's context is closed: in a Playwright worker
  // that failed the test at hand; here it must not end the run. Said after the report.
  const strays: string[] = [];
  const stray = (reason: unknown) => strays.push(errorText(reason));
  process.on("unhandledRejection", stray);
  try {
    served = await serveFor(app, options, scratch);
    const browser = served.inProcess;
    if (!browser) throw new Error("the check's browser was launched as a server");
    const settings = runSettingsOf(options, { started, app, served, scratch });
    sayOneAtATime(settings);
    const [{ jobsOf }, { runInProcess }] = await Promise.all([
      import("../check/jobs"),
      import("../check/inProcess"),
    ]);
    const looks = options.actionsFile === undefined && options.replayFile === undefined;
    const held: string[] = [];
    let holding = looks;
    let going = true;
    const tell = (line: string) => {
      if (holding) held.push(line);
      else process.stderr.write(line);
    };
    const launchOptions = { ...settings.launch, args: [...settings.launch.args] };
    const scenarios = runInProcess(
      settings,
      jobsOf(settings),
      { browser, launchOptions },
      { going: () => going, tell },
    );
    if (looks) {
      const refused = await demoOrActions(app, served).then(
        () => null,
        (error: unknown) => error,
      );
      if (refused !== null) {
        // The scenarios under way end with the browser, and the run with them, unheard.
        going = false;
        const closing = served;
        served = undefined;
        await closing.close();
        await scenarios;
        throw refused;
      }
      holding = false;
      for (const line of held.splice(0)) process.stderr.write(line);
    }
    const code = said(await scenarios, options);
    for (const text of strays.splice(0, 5))
      process.stderr.write(
        `The check's own code left an error unhandled (the verdicts stand; please report it): ${text}\n`,
      );
    return code;
  } finally {
    process.off("unhandledRejection", stray);
    await served?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function run(options: CheckOptions): Promise<number> {
  const started = Date.now();
  // What is wrong with the options or files is said before anything starts.
  const app = replayOf(options)?.app ?? options.app ?? "";
  const { source, todos } = loadActions(options);
  chosenScenarios(options);
  const note = todoNote(source, todos);
  if (note) process.stdout.write(note);
  const scratch = mkdtempSync(join(tmpdir(), "check-run-"));
  if (runsHere(options)) return runHere(app, options, started, scratch);
  const settingsFile = join(scratch, "run.json");
  // Playwright loads (a second or more, mostly on one core) while the stand-in is served and the
  // browser launched on the other: its config waits for the settings file (runSettingsWritten).
  const looks = options.actionsFile === undefined && options.replayFile === undefined;
  const scenarios = playwright(settingsFile, options, looks);
  let served: Served | undefined;
  try {
    served = await serveFor(app, options, scratch);
    const settings = runSettingsOf(options, { started, app, served, scratch });
    sayOneAtATime(settings);
    writeAtomically(settingsFile, JSON.stringify(settings));
    // The demo's controls are looked for while the workers start: an app that shows none stops
    // the run before its first scenario ends.
    if (looks) await demoOrActions(app, served);
    scenarios.release();
    const code = await scenarios.exited;
    if (!existsSync(settings.resultsFile))
      throw new UsageError(`the scenarios did not run (Playwright exited with ${code})`);
    return said(readResultsFile(readFileSync(settings.resultsFile, "utf8")), options);
  } catch (error) {
    // Stopped before what it serves closes: a run that lost its browser would report.
    scenarios.stop();
    await scenarios.exited.catch(() => null);
    throw error;
  } finally {
    await served?.close();
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
