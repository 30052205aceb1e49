import { expect, test } from "hubspot-calling-stand-in/test";
import { callStatus, DEV_ORIGIN, lastReceived, logIn, receivedTypes } from "../standIn";

/**
 * The README's `npm start`: Vite's dev server, module by module. The other tests run the build;
 * these make sure the command a developer types first works the same.
 */
test.describe("npm start's dev server", () => {
  test("serves a softphone that shakes hands with the stand-in and places a call", async ({
    page,
  }) => {
    await page.goto(`/?app=${encodeURIComponent(`${DEV_ORIGIN}/`)}`);
    const app = page.frameLocator("#hubspot-calling-extension-iframe");
    await expect(callStatus(app)).toHaveText("Logged out");
    await logIn(app);
    await page.getByRole("button", { name: "Call Ada Lovelace at +1 617-555-0101" }).click();
    await expect(app.getByLabel("Phone number")).toHaveValue("+1 617-555-0101");
    await app.getByRole("button", { name: "Dial" }).click();
    expect(await lastReceived(page, "OUTGOING_CALL_STARTED")).toMatchObject({
      toNumber: "+1 617-555-0101",
      fromNumber: "+1 555-010-0000",
    });
    await expect(app.getByText("50001", { exact: true })).toBeVisible();
    expect(await receivedTypes(page)).toEqual([
      "INITIALIZED",
      "LOGGED_IN",
      "OUTGOING_CALL_STARTED",
    ]);
  });

  test("opened on its own, says how to register it, with its own address", async ({ page }) => {
    await page.goto(`${DEV_ORIGIN}/`);
    await expect(page.getByRole("heading", { name: "Not running inside HubSpot" })).toBeVisible();
    await expect(page.getByText(`"url\\":\\"${DEV_ORIGIN}/\\"`)).toBeVisible();
    // Not "Waiting for HubSpot" beside a clock that never moves.
    await expect(page.getByRole("status", { name: "Call status" })).toHaveText("Not in HubSpot");
    await expect(page.locator("time")).toBeHidden();
    // The certificate comes first: HubSpot's reload frames the page, which needs it accepted.
    const steps = await page.getByRole("listitem").allTextContents();
    expect(steps[0]).toMatch(/^Accept this page's certificate/);
    expect(steps[1]).toMatch(/^Open HubSpot/);
  });
});
