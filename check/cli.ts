/**
 * `npm run check -- --app https://...`: tests any calling app against HubSpot's side of the
 * protocol, headless, and exits 0 (every scenario passed or skipped), 1 (one failed) or 2 (the
 * command line, a file or the machine is wrong, or the app does not load at all). Wires the
 * parts; each decides or does one thing.
 */
import { readFileSync } from "node:fs";
import { errorText } from "../common/text";
import { writeAtomically } from "../common/writeAtomically";
import { type Actions, parseActions, SOFTPHONE_ACTIONS } from "./actions";
import { type CheckOptions, parseCheckArgs, USAGE } from "./args";
import { formatMarkdown, formatText } from "./report";
import { type Report, type ScenarioResult, totals } from "./result";
import type { Plan } from "./runner";
import { missingSteps, SCENARIOS, SECURITY } from "./scenarios";
import { parseSession, replayPlan } from "./session";

/** How long the security scenario waits for an INITIALIZED that should never come. */
const IMPOSTOR_WAIT_MS = 3_000;

class UsageError extends Error {}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}

function loadActions(file: string | undefined): { actions: Actions; source: string } {
  if (file === undefined)
    return { actions: SOFTPHONE_ACTIONS, source: "this softphone's controls (the default)" };
  const parsed = parseActions(readText(file, "the actions file"));
  if ("errors" in parsed)
    throw new UsageError(`the actions file ${file}:\n  ${parsed.errors.join("\n  ")}`);
  return { actions: parsed.actions, source: file };
}

/** The plans to run: the scenarios chosen, or the replayed session's steps. */
function plansFor(options: CheckOptions): { plans: Plan[]; app: string; security: boolean } {
  if (options.replayFile !== undefined) {
    const parsed = parseSession(readText(options.replayFile, "the session"));
    if ("error" in parsed)
      throw new UsageError(`the session ${options.replayFile}: ${parsed.error}`);
    const app = options.app ?? parsed.session.app;
    if (!app.startsWith("https://"))
      throw new UsageError("the session names no https:// app: pass --app");
    const { opening, plan, inferred } = replayPlan(parsed.session);
    const title = `Replay of ${options.replayFile}${inferred ? " (the user's steps inferred from the app's messages)" : ""}`;
    return { plans: [{ id: "replay", title, opening, plan, compare: true }], app, security: false };
  }
  const plans = SCENARIOS.filter((s) => options.scenarios.includes(s.id)).map((s) => ({
    ...s,
    opening: [{ type: "INITIALIZED" }],
  }));
  return { plans, app: options.app ?? "", security: options.scenarios.includes(SECURITY.id) };
}

/**
 * The app answers at all: an app nobody started would otherwise fail every scenario after waiting
 * out its handshake, minutes for one mistake.
 */
async function reachable(app: string, request: typeof import("@playwright/test").request) {
  const api = await request.newContext({ ignoreHTTPSErrors: true });
  try {
    const response = await api.get(app, { timeout: 10_000, failOnStatusCode: false });
    if (response.status() >= 400)
      throw new UsageError(`${app} answered ${response.status()}: is that the app's address?`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot load ${app} (${errorText(error)}). Is the app served? This softphone: npm run preview, or npm start.`,
    );
  } finally {
    await api.dispose();
  }
}

async function run(options: CheckOptions): Promise<number> {
  const started = Date.now();
  const { actions, source } = loadActions(options.actionsFile);
  const { plans, app, security } = plansFor(options);
  // Loaded only to run: `--list`, `--help` and a mistake answer at once.
  const [
    { chromium, request },
    { chromiumLaunch, NO_CHROMIUM },
    { runPlan },
    { IMPOSTOR_HOST, runSecurity },
    { startStandIn },
  ] = await Promise.all([
    import("@playwright/test"),
    import("../scripts/chromium"),
    import("./runner"),
    import("./security"),
    import("./standInServer"),
  ]);
  const launch = chromiumLaunch({ asUsersHaveIt: true });
  if (!launch) throw new UsageError(NO_CHROMIUM);
  await reachable(app, request);
  const standIn = await startStandIn();
  const browser = await chromium.launch({
    ...launch,
    args: [...launch.args, `--host-resolver-rules=MAP ${IMPOSTOR_HOST} 127.0.0.1`],
  });
  const results: ScenarioResult[] = [];
  try {
    const ctx = {
      browser,
      standIn: standIn.url,
      app,
      actions,
      stepTimeoutMs: options.stepTimeoutMs,
      // A page's first load (its scripts, a cold server) takes longer than a step.
      handshakeTimeoutMs: options.stepTimeoutMs * 3,
      ...(options.traceDir ? { traceDir: options.traceDir } : {}),
    };
    for (const plan of plans) {
      const missing = plan.compare ? [] : missingSteps(plan, (step) => actions[step] !== undefined);
      if (missing.length > 0) {
        const skipped = `the actions file maps no ${missing.join(", ")}`;
        results.push({
          id: plan.id,
          title: plan.title,
          status: "skipped",
          skipped,
          steps: [],
          findings: [],
        });
        continue;
      }
      const { result, session } = await runPlan(ctx, plan);
      results.push(result);
      process.stderr.write(`${result.status === "passed" ? "✓" : "✗"} ${plan.id}\n`);
      if (options.recordFile && session)
        writeAtomically(options.recordFile, `${JSON.stringify(session, null, 2)}\n`);
    }
    if (security) results.push(await runSecurity(browser, app, standIn.port, IMPOSTOR_WAIT_MS));
  } finally {
    await browser.close();
    await standIn.close();
  }
  const report: Report = {
    app,
    standIn: standIn.url,
    actions: source,
    ...(options.replayFile ? { replayed: options.replayFile } : {}),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    scenarios: results,
    totals: totals(results),
  };
  process.stdout.write(formatText(report));
  if (options.reportFile) {
    writeAtomically(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
    const markdown = options.reportFile.replace(/(\.json)?$/i, ".md");
    writeAtomically(markdown, formatMarkdown(report));
    process.stdout.write(`Report: ${options.reportFile}, ${markdown}\n`);
  }
  return report.totals.failed > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const parsed = parseCheckArgs(process.argv.slice(2));
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

process.exitCode = await main();
