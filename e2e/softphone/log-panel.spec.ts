import type { FrameLocator } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import { failure, logIn, notice, openStandIn, SOFTPHONE_ORIGIN, sendFromHubSpot } from "../standIn";

const log = (app: FrameLocator) => app.getByRole("log");
const entries = (app: FrameLocator) => log(app).getByRole("listitem");

test.describe("The log panel", () => {
  test("shows every message HubSpot sends, with its handler and payload, and what the softphone sent", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await expect(entries(app)).toHaveCount(2);
    await expect(entries(app).nth(0)).toContainText("HubSpot → READY onReady");
    await expect(entries(app).nth(0)).toContainText('"portalId": 123456');
    await expect(entries(app).nth(1)).toContainText("→ HubSpot INITIALIZED initialized");

    await logIn(app);
    await page.getByRole("button", { name: "Call Grace Hopper at +1 617-555-0102" }).click();
    const dial = entries(app).filter({ hasText: "DIAL_NUMBER" });
    await expect(dial).toContainText("onDialNumber");
    await expect(dial).toContainText('"phoneNumber": "+1 617-555-0102"');
    await expect(dial).toContainText('"toPhoneNumberSrc": "hs_contact_phone"');
    await expect(entries(app).filter({ hasText: "LOGGED_IN" })).toContainText("userLoggedIn");
  });

  test("follows new entries until the user scrolls up, and again once back at the bottom", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    const burst = (from: number) =>
      page.evaluate((start) => {
        for (let i = start; i < start + 40; i++)
          window.standIn.send("VISIBILITY_CHANGED", { isHidden: false, i });
      }, from);
    await burst(0);
    await expect(entries(app).last()).toContainText('"i": 39');
    await expect(entries(app).last()).toBeInViewport();

    await log(app).hover();
    await page.mouse.wheel(0, -2_000);
    await expect(entries(app).last()).not.toBeInViewport();
    await burst(40);
    await expect(entries(app).last()).toContainText('"i": 79');
    await expect(entries(app).last()).not.toBeInViewport();

    await page.mouse.wheel(0, 100_000);
    await burst(80);
    await expect(entries(app).last()).toContainText('"i": 119');
    await expect(entries(app).last()).toBeInViewport();
  });

  test("renders markup from the host as text", async ({ page }) => {
    const app = await openStandIn(page);
    const markup = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    await sendFromHubSpot(page, "DIAL_NUMBER", { phoneNumber: markup, note: markup });
    await expect(entries(app).filter({ hasText: "DIAL_NUMBER" })).toContainText(
      '"note": "<img src=x',
    );
    await expect(log(app).locator("img, script")).toHaveCount(0);
    const pwned = await page
      .frame({ url: `${SOFTPHONE_ORIGIN}/` })
      ?.evaluate(() => (window as { pwned?: number }).pwned);
    expect(pwned).toBeUndefined();
  });

  test("shows failures HubSpot reports instead of swallowing them", async ({ page }) => {
    const app = await openStandIn(page);
    await sendFromHubSpot(page, "CREATE_ENGAGEMENT_FAILED", {
      error: { message: "Portal is read-only" },
    });
    await expect(failure(app)).toHaveText("CREATE_ENGAGEMENT_FAILED: Portal is read-only");
    const entry = entries(app).filter({ hasText: "CREATE_ENGAGEMENT_FAILED" });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("onCreateEngagementFailed");
  });

  test("keeps only the most recent entries", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await page.evaluate(() => {
      for (let i = 0; i < 210; i++)
        window.standIn.send("VISIBILITY_CHANGED", { isMinimized: false, isHidden: false, i });
    });
    await expect(log(app)).toContainText('"i": 209');
    await expect(entries(app)).toHaveCount(200);
    await expect(entries(app).last()).toContainText('"i": 209');
    await expect(entries(app).last()).toBeInViewport();
    await expect(log(app)).not.toContainText("READY");
  });

  test("Clear empties it; Copy puts the entries on the clipboard as JSON", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const app = await openStandIn(page);
    await app.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(notice(app)).toHaveText("Copied 2 log entries as JSON.");
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied).toEqual([
      expect.objectContaining({ direction: "HubSpot → softphone", type: "READY", name: "onReady" }),
      expect.objectContaining({
        direction: "softphone → HubSpot",
        type: "INITIALIZED",
        name: "initialized",
        payload: { isLoggedIn: false, isAvailable: false, sizeInfo: { width: 400, height: 650 } },
      }),
    ]);

    await app.getByRole("button", { name: "Clear" }).click();
    await expect(entries(app)).toHaveCount(0);
    await app.getByRole("button", { name: "Log in" }).click();
    await expect(entries(app)).toHaveCount(1);
  });
});

test.describe("Outside HubSpot", () => {
  test("opened directly, the page says so and gives the two registration lines", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`${SOFTPHONE_ORIGIN}/`);
    await expect(page.getByRole("heading", { name: "Not running inside HubSpot" })).toBeVisible();
    const first = `localStorage.setItem("LocalSettings:Calling:CallingExtensions", "{\\"name\\":\\"Demo App Local\\",\\"url\\":\\"${SOFTPHONE_ORIGIN}/\\"}");`;
    const second = 'localStorage.setItem("LocalSettings:Calling:installDemoWidget", "local");';
    await expect(page.getByText(first)).toBeVisible();
    await expect(page.getByText(second)).toBeVisible();
    await page.getByRole("button", { name: "Copy line 1, the CallingExtensions line" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
    await page.getByRole("button", { name: "Copy line 2, the installDemoWidget line" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(second);
    await expect(page.getByRole("button", { name: "Log in" })).toBeDisabled();
  });

  test("the registration line works: run in the stand-in, it loads the softphone", async ({
    page,
  }) => {
    await page.goto(`${SOFTPHONE_ORIGIN}/`);
    const line = await page.getByText("LocalSettings:Calling:CallingExtensions").textContent();
    await page.goto("/");
    await page.evaluate((code) => new Function(code ?? "")(), line);
    await page.reload();
    await expect(page.getByText("(from LocalSettings:Calling:CallingExtensions)")).toBeVisible();
    await expect(
      page.frameLocator("iframe").getByRole("status", { name: "Call status" }),
    ).toHaveText("Logged out");
  });

  test("framed by a page that never sends the handshake, it says so after two seconds", async ({
    page,
  }) => {
    await page.goto("/");
    await page.evaluate((src) => {
      document.body.replaceChildren();
      const frame = document.createElement("iframe");
      frame.src = src;
      frame.title = "softphone";
      document.body.append(frame);
    }, `${SOFTPHONE_ORIGIN}/`);
    const app = page.frameLocator('iframe[title="softphone"]');
    await expect(app.getByText("sent no HubSpot handshake within 2 seconds")).toBeVisible();
  });
});
