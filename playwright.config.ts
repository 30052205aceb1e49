import { availableParallelism } from "node:os";
import { defineConfig, devices } from "@playwright/test";
import type { StandInOptions } from "hubspot-calling-stand-in/test";
import { chromiumLaunch, NO_CHROMIUM } from "./common/chromium.ts";
import {
  DEV_PORT,
  DEV_URL,
  FIXTURE_URL,
  HOST_PORT,
  HOST_URL,
  SOFTPHONE_URL,
  VENDOR_PORT,
  VENDOR_URL,
} from "./common/ports.ts";
import { WAITS } from "./e2e/lanes.ts";
import { SETTINGS_FILE } from "./e2e/paths.ts";

function browserLaunch() {
  const launch = chromiumLaunch();
  if (!launch) throw new Error(NO_CHROMIUM);
  return launch;
}

/**
 * The tests run what users get: the softphone's production build where HubSpot looks for it
 * (`npm run preview`'s address), and the stand-in built too, each one request for its script
 * rather than Vite's dev server fetching every module. `npm start`'s dev server runs beside them,
 * on its own port, for the tests that cover the README's command.
 */
const built = (config: string, outDir: string) =>
  `vite build ${config} --outDir ${outDir} --emptyOutDir --logLevel warn && vite preview ${config} --outDir ${outDir}`;

/**
 * The suite is CPU-bound (Chromium's processes keep both cores of a 2-core machine busy), and
 * Playwright's default of half the cores would run it one test at a time there: two workers at
 * least for the tests that use the CPU, and one more for the tests whose verdict is a wait
 * (tagged `@waits`, e2e/lanes.ts), which would otherwise leave a core idle while they wait.
 */
const BUSY_WORKERS = Math.max(2, Math.floor(availableParallelism() / 2));
const waits = new RegExp(WAITS);
const desktop = { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 900 } };

export default defineConfig<Partial<StandInOptions>>({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: BUSY_WORKERS + 1,
  reporter: "list",
  // Playwright's 5 s default, doubled: with both cores busy a page load has been seen to pass 5 s
  // (1 run in about 170 of the untrusted-host test, its two documents fetched through
  // route.fetch, beside three busy loops). A passing test waits no longer for it.
  expect: { timeout: 10_000 },
  use: {
    baseURL: HOST_URL,
    // The tests use the kit's fixture, as any calling app's would, on the stand-in served below.
    standInUrl: HOST_URL,
    ignoreHTTPSErrors: true,
    // Recording a trace for every test costs a quarter of the suite's time on 2 cores (measured:
    // 56 s → 43 s for two spec files), and a passing test's trace is thrown away. To debug a
    // failure: `npx playwright test --trace=on <file>`.
    trace: "on-first-retry",
    launchOptions: browserLaunch(),
  },
  projects: [
    {
      // The longest test (installing the tarball): first, so that it ends with the rest.
      name: "package",
      testDir: "e2e/kit",
      testMatch: /package\.spec\.ts/,
      use: desktop,
    },
    {
      // The kit's tests whose verdict is a wait, one at a time beside the rest, from the start.
      name: "waits",
      testDir: "e2e/kit",
      testIgnore: /package\.spec\.ts/,
      grep: waits,
      workers: 1,
      use: desktop,
    },
    {
      // The softphone's own behaviour, in the stand-in: `npm run test:quick` runs these alone.
      name: "softphone",
      testDir: "e2e/softphone",
      workers: BUSY_WORKERS,
      use: desktop,
    },
    {
      // The kit: the stand-in's page, its settings command, the check's verdicts and its command.
      name: "kit",
      testDir: "e2e/kit",
      testIgnore: /package\.spec\.ts/,
      grepInvert: waits,
      workers: BUSY_WORKERS,
      use: desktop,
    },
  ],
  webServer: [
    {
      command: built("", ".e2e/softphone"),
      url: SOFTPHONE_URL,
      env: { BROWSER: "none" },
      ignoreHTTPSErrors: true,
      reuseExistingServer: !process.env.CI,
    },
    {
      // Each run's stand-in starts with no registered calling settings.
      // The kit's own command, as any calling app's project runs it (its page built by pretest).
      command: `rm -f ${SETTINGS_FILE} && calling-stand-in host --port ${HOST_PORT} --settings ${SETTINGS_FILE}`,
      url: HOST_URL,
      // The calling settings the tests register stay out of a developer's own (.stand-in/).
      env: { BROWSER: "none", STAND_IN_SETTINGS_FILE: SETTINGS_FILE },
      ignoreHTTPSErrors: true,
      reuseExistingServer: !process.env.CI,
    },
    {
      // A calling app with a fault per query, for the tests of `npm run check`.
      command: built("--config e2e/fixtures/calling-app/vite.config.ts", "../../../.e2e/fixture"),
      url: FIXTURE_URL,
      env: { BROWSER: "none" },
      ignoreHTTPSErrors: true,
      reuseExistingServer: !process.env.CI,
    },
    {
      // A calling app unlike the softphone, for the tests of init: built, then served by its own
      // zero-dependency server, as its package.json's scripts say.
      command: "npm run build --silent -- --logLevel warn && npm start --silent",
      cwd: "e2e/fixtures/vendor-app",
      url: VENDOR_URL,
      env: { BROWSER: "none", PORT: String(VENDOR_PORT) },
      ignoreHTTPSErrors: true,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `npm start -- --port ${DEV_PORT}`,
      url: DEV_URL,
      env: { BROWSER: "none" },
      ignoreHTTPSErrors: true,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
