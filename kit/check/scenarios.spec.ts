/**
 * HubSpot's scenarios, as Playwright tests: `npm run check` runs this file with its own config
 * (check/playwright.config.ts), so workers, sharding, retries, --grep and Playwright's reporters
 * all apply. Each test attaches its result (the JSON report's scenario) and the session the
 * stand-in recorded; the check's reporter gathers them.
 */
import { test as base, type TestInfo } from "@playwright/test";
import { writeAtomically } from "../../common/writeAtomically";
import type { Plan } from "./plan";
import type { ScenarioResult } from "./result";
import { planOf, type RunContext, runPlan, runScenarioById, scenarioBudgetMs } from "./runScenario";
import { RESULT_ATTACHMENT, readRunSettings } from "./runSettings";
import { SECURITY } from "./scenarios";

const settings = readRunSettings();
const test = base;

/** Attaches the result; a failed one fails the test with its first problems, a skipped one skips. */
async function conclude(testInfo: TestInfo, result: ScenarioResult): Promise<void> {
  await testInfo.attach(RESULT_ATTACHMENT, {
    body: JSON.stringify(result),
    contentType: "application/json",
  });
  if (result.status === "skipped") test.skip(true, result.skipped);
  if (result.status === "failed") throw new Error(summary(result));
}

/** Why a scenario failed, in a few lines (Playwright's own reporters show it). */
function summary(result: ScenarioResult): string {
  const lines = [
    ...result.steps.flatMap((s) => [
      ...s.problems.map((p) => `${s.name}: ${p}`),
      ...s.violations.map((v) => `${s.name}: violation ${v.rule} in ${v.type}: ${v.detail}`),
    ]),
    ...result.findings.filter((f) => !f.ok && f.severity === "error").map((f) => f.text),
  ];
  return [`${result.id} failed:`, ...lines.slice(0, 10).map((l) => `  ${l}`)].join("\n");
}

const options = {
  app: settings.app,
  location: settings.location,
  callingWindow: settings.callingWindow,
  quietMs: settings.quietMs,
  quirks: settings.quirks,
};
const runOn = ({
  browser,
  launchOptions,
}: Pick<RunContext, "browser" | "launchOptions">): RunContext => ({
  browser,
  launchOptions,
  standInUrl: settings.standIn,
  actions: settings.actions,
  stepTimeoutMs: settings.stepTimeoutMs,
});

const plans: Plan[] = settings.replay
  ? [{ id: "replay", ...settings.replay, compare: true }]
  : settings.scenarios.flatMap((id) => planOf(id) ?? []);

// The longest scenario (it waits out an app that rightly stays silent) starts first, beside the rest.
if (!settings.replay && settings.scenarios.includes(SECURITY.id)) {
  test(
    SECURITY.id,
    { annotation: { type: "scenario", description: SECURITY.title } },
    async ({ browser, launchOptions }, testInfo) => {
      test.setTimeout(settings.stepTimeoutMs * 4 + 30_000);
      const run = runOn({ browser, launchOptions });
      await conclude(testInfo, await runScenarioById(run, SECURITY.id, options));
    },
  );
}

for (const plan of plans) {
  test(
    plan.id,
    { annotation: { type: "scenario", description: plan.title } },
    async ({ browser, launchOptions }, testInfo) => {
      test.setTimeout(scenarioBudgetMs(plan, settings.stepTimeoutMs));
      const { result, session } = await runPlan(runOn({ browser, launchOptions }), plan, options);
      if (session) {
        const saved = `${JSON.stringify(session, null, 2)}\n`;
        await testInfo.attach("session", { body: saved, contentType: "application/json" });
        if (settings.record) writeAtomically(settings.record, saved);
      }
      await conclude(testInfo, result);
    },
  );
}
