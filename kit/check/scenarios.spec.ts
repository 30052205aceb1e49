/**
 * HubSpot's scenarios, as Playwright tests on the stand-in fixture: `npm run check` runs this file
 * with its own config (check/playwright.config.ts), so workers, sharding, retries, --grep and
 * Playwright's reporters all apply. Each test attaches its result (the JSON report's scenario) and
 * the session the stand-in recorded; the check's reporter gathers them.
 */
import { test as base, type TestInfo } from "@playwright/test";
import { writeAtomically } from "../../common/writeAtomically";
import { test } from "./fixture";
import type { ScenarioResult } from "./result";
import { RESULT_ATTACHMENT, readRunSettings } from "./runSettings";
import { type Plan, runScenario } from "./scenario";
import { SCENARIOS, SECURITY } from "./scenarios";
import { runSecurity } from "./securityScenario";

const settings = readRunSettings();

test.use({
  standInUrl: settings.standIn,
  actions: settings.actions,
  stepTimeoutMs: settings.stepTimeoutMs,
});

/** Attaches the result; a failed one fails the test with its first problems, a skipped one skips. */
async function conclude(testInfo: TestInfo, result: ScenarioResult): Promise<void> {
  await testInfo.attach(RESULT_ATTACHMENT, {
    body: JSON.stringify(result),
    contentType: "application/json",
  });
  if (result.status === "skipped") base.skip(true, result.skipped);
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

/** The time a scenario may take: the handshake, then each step's wait and a little more. */
function budget(plan: Plan): number {
  return settings.handshakeTimeoutMs + (plan.plan.length + 2) * (settings.stepTimeoutMs + 2_000);
}

const plans: Plan[] = settings.replay
  ? [{ id: "replay", ...settings.replay, compare: true }]
  : SCENARIOS.filter((s) => settings.scenarios.includes(s.id)).map((s) => ({
      ...s,
      opening: [{ type: "INITIALIZED" }],
    }));

// The longest scenario (it waits out an app that rightly stays silent) starts first, beside the rest.
if (!settings.replay && settings.scenarios.includes(SECURITY.id)) {
  test(
    SECURITY.id,
    { annotation: { type: "scenario", description: SECURITY.title } },
    async ({ browser }, testInfo) => {
      test.setTimeout(settings.handshakeTimeoutMs + settings.stepTimeoutMs + 30_000);
      await conclude(testInfo, await runSecurity(browser, settings));
    },
  );
}

for (const plan of plans) {
  test(
    plan.id,
    { annotation: { type: "scenario", description: plan.title } },
    async ({ standIn, app }, testInfo) => {
      test.setTimeout(budget(plan));
      const result = await runScenario(standIn, app, plan, settings);
      await testInfo.attach("session", {
        body: JSON.stringify(await standIn.session(), null, 2),
        contentType: "application/json",
      });
      if (settings.record)
        writeAtomically(settings.record, `${JSON.stringify(await standIn.session(), null, 2)}\n`);
      await conclude(testInfo, result);
    },
  );
}
