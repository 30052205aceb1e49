/**
 * HubSpot's scenarios, as Playwright tests: `npm run check` runs this file with its own config
 * (check/playwright.config.ts) when Playwright Test's own features are asked for (its reporters,
 * sharding, traces), so they all apply. Each test attaches its result (the JSON report's scenario)
 * and the session the stand-in recorded; the check's reporter gathers them. Otherwise the command
 * runs the same jobs in its own process (inProcess.ts).
 */
import { type TestInfo, test } from "@playwright/test";
import { jobsOf, keptSession } from "./jobs";
import type { ScenarioResult } from "./result";
import { RESULT_ATTACHMENT, readRunSettings } from "./runSettings";

const settings = readRunSettings();

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

for (const job of jobsOf(settings)) {
  test(
    job.id,
    { annotation: { type: "scenario", description: job.title } },
    async ({ browser, launchOptions }, testInfo) => {
      test.setTimeout(job.budgetMs);
      const { result, session } = await job.run({ browser, launchOptions });
      if (session)
        await testInfo.attach("session", {
          body: keptSession(settings, session),
          contentType: "application/json",
        });
      await conclude(testInfo, result);
    },
  );
}
