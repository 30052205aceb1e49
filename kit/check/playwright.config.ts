/**
 * The Playwright config `npm run check` runs its scenarios with (check/scenarios.spec.ts): the
 * run's settings come from the file the command wrote (check/runSettings.ts). Chromium runs as
 * HubSpot's users have it (third-party storage partitioned).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { NO_CHROMIUM } from "../../common/chromium.ts";
import { checkLaunchOptions } from "./browser.ts";
import { runSettingsWritten } from "./runSettings.ts";

const settings = await runSettingsWritten();
/** `.ts` from the sources, `.js` from the package's build. */
const own = (name: string) =>
  fileURLToPath(
    new URL(`./${name}${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url),
  );
const launchOptions = checkLaunchOptions();
if (!launchOptions) throw new Error(NO_CHROMIUM);

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
    // The command's browser, launched so (check/browser.ts): the security scenario reads how.
    connectOptions: { wsEndpoint: settings.browser },
    launchOptions,
  },
});
