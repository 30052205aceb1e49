import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

const SOFTPHONE = "https://localhost:9025/";
const STAND_IN = "https://localhost:9026/";

/**
 * Playwright's own Chromium where `npx playwright install` could fetch it; otherwise a system
 * Chromium (CHROMIUM_PATH, or Debian's /usr/bin/chromium), for machines that cannot download one.
 */
function browserLaunch() {
  const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  if (existsSync(chromium.executablePath())) return { args };
  const system = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(system)) {
    throw new Error(
      `No Chromium for the browser tests. Either run \`npx playwright install chromium\`, or install Chromium (Debian: apt-get install chromium) and, if it is not at /usr/bin/chromium, set CHROMIUM_PATH to it.`,
    );
  }
  // A system Chromium on a closed network: keep it from reaching out at start.
  return {
    executablePath: system,
    args: [
      ...args,
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  };
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: "list",
  use: {
    baseURL: STAND_IN,
    ignoreHTTPSErrors: true,
    trace: "retain-on-failure",
    launchOptions: browserLaunch(),
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 900 } },
    },
  ],
  webServer: [
    {
      command: "npm start",
      url: SOFTPHONE,
      env: { BROWSER: "none" },
      ignoreHTTPSErrors: true,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: "npm run host:serve",
      url: STAND_IN,
      env: { BROWSER: "none" },
      ignoreHTTPSErrors: true,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
