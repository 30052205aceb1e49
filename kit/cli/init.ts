/**
 * `calling-stand-in init --app https://...`: what a calling-app team runs first. It frames the
 * app in the stand-in (headless), lists the controls it shows, at start, after its log-in control
 * is clicked (many apps show their dialer only then), and after HubSpot's Call on a record (the
 * app hears DIAL_NUMBER); matches the user's steps to them (initMatch.ts), and writes the actions
 * file and a CI job that runs the check with it (ciJob.ts). It replaces no file unless told to.
 * Exits 0 when it wrote them, 2 for a mistake on the command line or a file already there, 1 when
 * the app cannot be reached or framed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, FrameLocator } from "@playwright/test";
import type { UserStep } from "../../common/steps";
import { errorText } from "../../common/text";
import { writeAtomically } from "../../common/writeAtomically";
import { loggedIn } from "../contract/calls";
import { AppControls } from "../driver/appControls";
import { internals, StandIn } from "../driver/standIn";
import { ciJob, shellWord } from "./ciJob";
import { INIT_USAGE, type InitOptions, parseInitArgs } from "./initArgs";
import { controlsIn, merged } from "./initLook";
import {
  actionsFor,
  asControl,
  onlyIfPresent,
  RESET_NOTE,
  type SeenControl,
  seenName,
  unmatched,
  type Written,
} from "./initMatch";
import { unreachable } from "./reachable";

/** A reason init stops, and its exit code. */
class Stop extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
  ) {
    super(message);
  }
}

/** How long the app has to react to a look's step (log-in, DIAL_NUMBER) before it is looked at. */
const SETTLE_MS = 1_500;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The scripts of the package.json in the working directory (none without one). */
function scriptsHere(): Record<string, unknown> {
  try {
    const pkg: unknown = JSON.parse(readFileSync("package.json", "utf8"));
    const scripts = (pkg as { scripts?: unknown } | null)?.scripts;
    return typeof scripts === "object" && scripts !== null
      ? (scripts as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The files init would write: the actions file and the CI job; a file there stops it. */
function filesToWrite(options: InitOptions): {
  actions: string;
  job: { file: string; text: string } | null;
} {
  const job = ciJob(options.ci, {
    app: options.app,
    actionsFile: options.out,
    scripts: scriptsHere(),
  });
  if (!options.force)
    for (const file of [options.out, job?.file])
      if (file !== undefined && existsSync(file))
        throw new Stop(
          `${file} is already there: init replaces no file unless told to (--force replaces it).`,
          2,
        );
  return { actions: options.out, job };
}

/** The app framed, in a stand-in served for it; `look` runs while both are up. */
async function withApp<T>(
  options: InitOptions,
  look: (standIn: StandIn, browser: Browser) => Promise<T>,
): Promise<T> {
  const problem = await unreachable(options.app, options.waitMs);
  if (problem) throw new Stop(problem, 1);
  const { chromiumLaunch, NO_CHROMIUM } = await import("../../common/chromium");
  const launch = chromiumLaunch({ asUsersHaveIt: true });
  if (!launch) throw new Stop(NO_CHROMIUM, 2);
  const { serveStandIn } = await import("../stand-in/server/server");
  const { DEFAULT_API_KEY } = await import("../stand-in/server/settingsServer");
  const { chromium } = await import("@playwright/test");
  const scratch = mkdtempSync(join(tmpdir(), "calling-init-"));
  const served = await serveStandIn({
    port: options.standInPort ?? 0,
    host: "127.0.0.1",
    settingsFile: join(scratch, "calling-settings.json"),
    apiKey: DEFAULT_API_KEY,
  }).catch((error: NodeJS.ErrnoException) => {
    rmSync(scratch, { recursive: true, force: true });
    throw error.code === "EADDRINUSE"
      ? new Stop(`--stand-in-port ${options.standInPort}: the port is in use: pick another`, 2)
      : error;
  });
  const browser = await chromium.launch(launch);
  try {
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    const standIn = await StandIn.on(page, served.url);
    await standIn.open(options.app).catch((error) => {
      throw new Stop(`cannot frame ${options.app} in the stand-in: ${errorText(error)}`, 1);
    });
    return await look(standIn, browser);
  } finally {
    await browser.close();
    await served.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The app's frame, as Playwright reaches it. */
async function appFrame(standIn: StandIn) {
  const { page } = internals(standIn);
  const handle = await page.locator("#hubspot-calling-extension-iframe").elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Stop("the app's frame could not be looked into", 1);
  return frame;
}

/** One step of the look said as it goes, on standard error (standard output is the summary). */
const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The controls the app shows: at start; after its log-in control, clicked; after HubSpot's Call
 * on a record. Each look that cannot be taken (no log-in control, HubSpot refuses to call a
 * logged-out app) is said and passed over.
 */
async function look(standIn: StandIn): Promise<SeenControl[]> {
  const looks = [await controlsIn(await appFrame(standIn))];
  say(`At start: ${looks[0]?.length ?? 0} controls.`);
  const logIn = actionsFor(merged(looks)).matches.find((m) => m.step === "logIn");
  const { page, evidence } = internals(standIn);
  if (logIn && !logIn.control.hidden) {
    const controls = new AppControls(
      standIn.app,
      { logIn: [asControl(logIn.control)] },
      page.context().request,
      5_000,
    );
    const { problem } = await controls.do("logIn");
    if (problem) say(`Clicking ${seenName(logIn.control)} did not work: ${problem}`);
    await evidence.until(loggedIn, 5_000);
    await pause(SETTLE_MS);
    looks.push(await controlsIn(await appFrame(standIn)));
    say(`After ${seenName(logIn.control)}: ${looks.at(-1)?.length ?? 0} controls.`);
  }
  if (!loggedIn(evidence.events())) {
    say(
      "The app reported no logged-in user (LOGGED_IN): HubSpot's Call on a record was not tried.",
    );
    return merged(looks);
  }
  try {
    await standIn.call();
    await pause(SETTLE_MS);
    looks.push(await controlsIn(await appFrame(standIn)));
    say(`After HubSpot's Call on a record (DIAL_NUMBER): ${looks.at(-1)?.length ?? 0} controls.`);
  } catch (error) {
    say(`HubSpot's Call on a record could not be taken: ${errorText(error)}`);
  }
  return merged(looks);
}

/**
 * The controls matched, their names checked as Playwright reads them: one it reads otherwise (an
 * icon's text, a hidden part) is matched as a part (`exact: false`) rather than missed.
 */
async function confirmed(standIn: StandIn, seen: readonly SeenControl[]): Promise<Written> {
  const first = actionsFor(seen);
  const loose = new Set<SeenControl>();
  for (const { control } of first.matches) {
    let scope: FrameLocator = standIn.app;
    for (const selector of control.frame ?? []) scope = scope.frameLocator(selector);
    const found = await scope
      .getByRole(control.role, { name: control.name, exact: true, includeHidden: true })
      .count()
      .catch(() => 0);
    if (found === 0) loose.add(control);
  }
  if (loose.size === 0) return first;
  return actionsFor(seen.map((c) => (loose.has(c) ? { ...c, cut: true } : c)));
}

/** What was written and matched, and what to run next, on standard output. */
function summary(
  options: InitOptions,
  written: Written,
  seen: readonly SeenControl[],
  jobFile: string | null,
): string {
  const matched = written.matches.map(
    (m) =>
      `  ${m.step.padEnd(13)} → ${seenName(m.control)}${onlyIfPresent(m) ? ', "ifPresent": used where it shows (an Answer for inbound calls only)' : ""}`,
  );
  const todo = (step: UserStep) =>
    `  ${step.padEnd(13)}   ${String(written.file[`$todo.${step}`])}`;
  // The steps init could not match, and what a backend that remembers its user needs (not a step).
  const left = [...written.left.map(todo), `  ${"reset".padEnd(13)}   ${RESET_NOTE}`];
  const others = unmatched(seen, written.matches);
  const listed = [
    ...others.names.map((name) => `  ${name}`),
    ...(others.more > 0 ? [`  … and ${others.more} more`] : []),
  ];
  const next = `npx calling-stand-in check --app ${shellWord(options.app)} --actions ${shellWord(options.out)}`;
  return [
    `Wrote ${options.out}${jobFile ? ` and ${jobFile}` : ""}.`,
    "",
    `Steps matched to the app's controls (${written.matches.length}):`,
    ...(matched.length > 0 ? matched : ["  none"]),
    "",
    `Left for you ($todo in ${options.out}) (${left.length}):`,
    ...left,
    "",
    `Other controls it saw, no step's yet (${others.names.length + others.more}): map a step left above to one of them if it is that step's; a field your app fills by itself needs none:`,
    ...(listed.length > 0 ? listed : ["  none"]),
    "",
    "Next, with the app served:",
    `  ${next}`,
    "",
  ].join("\n");
}

async function run(options: InitOptions): Promise<number> {
  const files = filesToWrite(options);
  const { written, seen } = await withApp(options, async (standIn) => {
    const seen = await look(standIn);
    return { written: await confirmed(standIn, seen), seen };
  });
  writeAtomically(resolve(files.actions), `${JSON.stringify(written.file, null, 2)}\n`);
  if (files.job) writeAtomically(resolve(files.job.file), files.job.text);
  process.stdout.write(summary(options, written, seen, files.job?.file ?? null));
  return 0;
}

/** `calling-stand-in init …`: the exit code for `argv` (the arguments after `init`). */
export async function init(argv: readonly string[]): Promise<number> {
  const parsed = parseInitArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${INIT_USAGE}\n`);
    return 2;
  }
  if (parsed.command.kind === "help") {
    process.stdout.write(`${INIT_USAGE}\n`);
    return 0;
  }
  try {
    return await run(parsed.command);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    process.stderr.write(`calling-stand-in init: ${error.message}\n`);
    return error.code;
  }
}
