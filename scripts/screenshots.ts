// Refreshes the README's screenshots (docs/*.png): the stand-in in a call at 1280×800 and at
// 1920×1080, and the softphone. Start the servers first: BROWSER=none npm run host
import { chromium } from "@playwright/test";
import { chromiumLaunch, NO_CHROMIUM } from "../common/chromium.ts";
import { HOST_URL } from "../common/ports.ts";

const launch = chromiumLaunch();
if (!launch) throw new Error(NO_CHROMIUM);
const browser = await chromium.launch(launch);
for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  const page = await browser.newPage({ ignoreHTTPSErrors: true, viewport });
  await page.goto(HOST_URL);
  const app = page.frameLocator("#hubspot-calling-extension-iframe");
  await app.getByRole("status", { name: "Call status" }).getByText("Logged out").waitFor();
  await app.getByRole("button", { name: "Log in" }).click();
  await app.getByLabel("From number").fill("+1 555-010-0000");
  await page.getByRole("button", { name: "Call Ada Lovelace at +1 617-555-0101" }).click();
  await app.getByRole("button", { name: "Dial" }).click();
  await app.getByText("50001", { exact: true }).waitFor();
  await app.getByRole("button", { name: "Answer" }).click();
  await page.waitForTimeout(1200);
  await app.getByRole("button", { name: "End" }).click();
  await app.getByLabel("Notes").fill("Asked about the Analytical Engine; call back Friday.");
  await app.getByRole("button", { name: "Complete" }).click();
  await page.getByRole("list", { name: "Activity timeline" }).getByText("Asked about").waitFor();
  await page.screenshot({ path: `docs/stand-in-${viewport.width}.png` });
  if (viewport.width === 1280)
    await page
      .locator("#hubspot-calling-extension-iframe")
      .screenshot({ path: "docs/softphone.png" });
  await page.close();
}
await browser.close();
console.log("Wrote docs/stand-in-1280.png, docs/stand-in-1920.png and docs/softphone.png");
