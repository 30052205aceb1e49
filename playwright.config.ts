import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunch, NO_CHROMIUM } from "./scripts/chromium.js";

const SOFTPHONE = "https://localhost:9025/";
const STAND_IN = "https://localhost:9026/";

function browserLaunch() {
  const launch = chromiumLaunch();
  if (!launch) throw new Error(NO_CHROMIUM);
  return launch;
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
      // The production build, for the tests that must run what users get.
      command:
        "vite build --outDir dist-e2e --emptyOutDir && vite preview --outDir dist-e2e --port 9027",
      url: "https://localhost:9027/",
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
