/**
 * The Playwright config `npm run check` runs its scenarios with (check/scenarios.spec.ts): the
 * run's settings come from the file the command wrote (check/runSettings.ts). Chromium runs as
 * HubSpot's users have it (third-party storage partitioned).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { chromiumLaunch, NO_CHROMIUM } from "../../common/chromium.ts";
import { IMPOSTOR_RULE } from "../contract/security.ts";
import { readRunSettings } from "./runSettings.ts";

const settings = readRunSettings();
/** `.ts` from the sources, `.js` from the package's build. */
const own = (name: string) =>
  fileURLToPath(
    new URL(`./${name}${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url),
  );
const launch = chromiumLaunch({ asUsersHaveIt: true });
if (!launch) throw new Error(NO_CHROMIUM);

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
    // The security scenario's untrusted host resolves to the stand-in (on 127.0.0.1) in this
    // browser already: no second browser to launch for it.
    launchOptions: { ...launch, args: [...launch.args, IMPOSTOR_RULE("127.0.0.1")] },
  },
});
