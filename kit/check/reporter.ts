/**
 * The check's Playwright reporter: gathers each scenario's result (the test's attachment) into the
 * report, for the command to print, write where `--report` asked (report/files.ts) and take its
 * exit code from; copies a failed scenario's trace where `--trace` asked, and says each
 * scenario's verdict as it comes. A test that ended without a result (it timed out, the browser
 * crashed) is reported failed with Playwright's error.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { writeAtomically } from "../../common/writeAtomically";
import { reportOf, unfinished } from "./jobs";
import { MARK } from "./report/lines";
import { type ResultsFile, readScenarioResult, type ScenarioResult } from "./result";
import { RESULT_ATTACHMENT, readRunSettings } from "./runSettings";

/**
 * Resolves when the command says the run stands: it ends this process's input once it has looked
 * for the demo's controls (cli/demoControls.ts); a run it refuses is stopped before.
 */
function commandsWord(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin
      .once("end", resolve)
      .once("error", () => resolve())
      .resume();
  });
}

/** Playwright's reporters that say each test as it ends: with one of them, this one says none. */
const SAYS_EACH = ["list", "line", "dot"];

export default class CheckReporter implements Reporter {
  private readonly settings = readRunSettings();
  private readonly results = new Map<string, ScenarioResult>();
  private readonly quiet = this.settings.reporters.some(([name]) => SAYS_EACH.includes(name));

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const scenario = { ...this.resultOf(test, result), durationMs: Math.round(result.duration) };
    this.results.set(scenario.id, scenario);
    if (this.quiet) return;
    const retry = result.retry > 0 ? ` (retry ${result.retry})` : "";
    process.stderr.write(`${MARK[scenario.status]} ${scenario.id}${retry}\n`);
  }

  private resultOf(test: TestCase, result: TestResult): ScenarioResult {
    const attached = result.attachments.find((a) => a.name === RESULT_ATTACHMENT)?.body;
    const title = test.annotations.find((a) => a.type === "scenario")?.description ?? test.title;
    const scenario: ScenarioResult = attached
      ? readScenarioResult(attached.toString("utf8"))
      : result.status === "skipped"
        ? { ...unfinished(test.title, title, "skipped"), status: "skipped" }
        : unfinished(test.title, title, result.error?.message ?? result.status);
    const trace = result.attachments.find((a) => a.name === "trace")?.path;
    if (!this.settings.traceDir || !trace || scenario.status !== "failed") return scenario;
    mkdirSync(this.settings.traceDir, { recursive: true });
    const saved = join(this.settings.traceDir, `${scenario.id}.zip`);
    copyFileSync(trace, saved);
    return { ...scenario, trace: saved };
  }

  async onEnd(result: FullResult): Promise<void> {
    // Playwright's own reporters end after this one: none writes before the command's word.
    await commandsWord();
    const file: ResultsFile = {
      report: reportOf(this.settings, this.results.values()),
      run: result.status,
    };
    writeAtomically(this.settings.resultsFile, JSON.stringify(file));
  }
}
