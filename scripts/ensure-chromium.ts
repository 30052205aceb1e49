// Before the tests: a Chromium must exist. Where none does, try Playwright's own download (it works
// on a developer's laptop; machines without internet must install a system Chromium instead).
import { spawnSync } from "node:child_process";
import { chromiumLaunch, NO_CHROMIUM } from "../common/chromium.ts";

if (!chromiumLaunch()) {
  console.log("No Chromium found: trying `npx playwright install chromium`...");
  const install = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (install.status !== 0 || !chromiumLaunch()) {
    console.error(NO_CHROMIUM);
    process.exit(1);
  }
}
