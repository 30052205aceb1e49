/**
 * The Playwright config `npm run check` runs its scenarios with (check/scenarios.spec.ts): the
 * run's settings come from the file the command wrote (check/runSettings.ts), and the scenarios
 * run in the command's Chromium, launched as HubSpot's users have it (check/browser.ts).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { runSettingsWritten } from "./runSettings.ts";

const settings = await runSettingsWritten();
/** `.ts` from the sources, `.js` from the package's build. */
const own = (name: string) =>
  fileURLToPath(
    new URL(`./${name}${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url),
  );

export default defineConfig({
  testDir: fileURLToPath(new URL(".", import.meta.url)),
  testMatch: /scenarios\.spec\.[jt]s$/,
  testIgnore: [],
  outputDir: settings.outputDir,
  fullyParallel: true,
  workers: settings.workers,
  retries: settings.retries,
  reporter: [
    [own("reporter")],
    ...settings.reporters.map(([name, options]) => [name, options ?? {}] as [string, object]),
  ],
  use: {
    ignoreHTTPSErrors: true,
    viewport: { width: 1400, height: 900 },
    // Kept for `--trace`, and for the HTML report, which shows it beside each failed scenario.
    trace:
      settings.traceDir || settings.reporters.some(([name]) => name === "html")
        ? "retain-on-failure"
        : "off",
    // The command's browser (check/browser.ts), and how it was launched: the security scenario reads it.
    connectOptions: { wsEndpoint: settings.browser },
    launchOptions: { ...settings.launch, args: [...settings.launch.args] },
  },
});
