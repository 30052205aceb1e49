import type { Page } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import { callStatus, DEV_ORIGIN, failure, SOFTPHONE_ORIGIN } from "../standIn";

/** An origin on no trusted list. Playwright serves it, so no real host is involved. */
const UNTRUSTED = "https://untrusted.example";

/** Serves the stand-in (from https://localhost:9026) at the untrusted origin. */
async function standInAt(page: Page, origin: string) {
  await page.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({
      url: `https://localhost:9026${url.pathname}${url.search}`,
    });
    await route.fulfill({ response });
  });
}

/** The softphone as served by a static host that sends no security headers. */
async function withoutHeaders(page: Page) {
  await page.route(`${SOFTPHONE_ORIGIN}/`, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers["content-security-policy"];
    await route.fulfill({ response, headers });
  });
}

async function frameSoftphone(page: Page) {
  await page.goto(`${UNTRUSTED}/blank`);
  await page.setContent(`<iframe src="${SOFTPHONE_ORIGIN}/" title="softphone"></iframe>`);
  await page.waitForLoadState("load");
}

test.describe("Only trusted hosts", () => {
  test("the servers send the security headers", async ({ request }) => {
    for (const url of [`${SOFTPHONE_ORIGIN}/`, `${DEV_ORIGIN}/`]) {
      const response = await request.get(url);
      const policy = response.headers()["content-security-policy"] ?? "";
      expect(policy, url).toContain("script-src 'self';");
      expect(policy, url).toContain(
        "frame-ancestors 'self' https://*.hubspot.com https://*.hubspotqa.com https://localhost:* https://127.0.0.1:*",
      );
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect(await response.text(), url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  test("a page on another origin cannot frame the softphone", async ({ page }) => {
    await page.route(`${UNTRUSTED}/blank`, (route) => route.fulfill({ body: "<!doctype html>" }));
    await frameSoftphone(page);
    const heading = page.frameLocator("iframe").getByRole("heading", { name: "Demo softphone" });
    await expect(heading).toHaveCount(0);

    // The same page, with the headers gone, does frame it: what blocked it was frame-ancestors.
    await withoutHeaders(page);
    await frameSoftphone(page);
    await expect(heading).toBeVisible();
  });

  test("framed without the headers by an untrusted host, it says so and sends nothing, not even INITIALIZED", async ({
    page,
  }) => {
    await standInAt(page, UNTRUSTED);
    await withoutHeaders(page);
    await page.goto(`${UNTRUSTED}/`);
    const app = page.frameLocator("#hubspot-calling-extension-iframe");
    await expect(callStatus(app)).toHaveText("Untrusted host");
    await expect(failure(app)).toContainText(
      `framed by ${UNTRUSTED}, which is not a trusted HubSpot host`,
    );
    await expect(app.getByRole("button", { name: "Log in" })).toBeDisabled();

    await page.evaluate(() =>
      window.standIn.send("DIAL_NUMBER", { phoneNumber: "+1 617-555-0101" }),
    );
    await expect(app.getByRole("log")).toContainText("Ignored: the host is not trusted.");
    await expect(app.getByLabel("Phone number")).toHaveValue("");
    expect(await page.evaluate(() => window.standIn.received().map((m) => m.type))).toEqual([]);
  });
});
