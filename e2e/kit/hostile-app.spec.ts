import type { Page } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import { callStatus, openStandIn, SOFTPHONE_ORIGIN, STAND_IN_ORIGIN, violations } from "../standIn";

/**
 * Posts raw values to the stand-in from the app's frame and origin: what a broken or hostile
 * calling app could send. Typed messages get a messageId, as the SDK's would.
 */
async function postRaw(page: Page, values: unknown[], repeat = 1): Promise<void> {
  const frame = page.frames().find((f) => f.url().startsWith(SOFTPHONE_ORIGIN));
  if (!frame) throw new Error("the app's frame is not loaded");
  await frame.evaluate(
    ([items, times, origin]) => {
      for (let n = 0; n < times; n++) {
        for (const [i, value] of items.entries()) {
          const typed = typeof value === "object" && value !== null && "type" in value;
          const message = typed ? { ...value, messageId: `hostile_${n}_${i}` } : value;
          window.parent.postMessage(message, origin);
        }
      }
    },
    [values, repeat, STAND_IN_ORIGIN] as const,
  );
}

const MEGABYTE = "x".repeat(1_000_000);
const MARKUP = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';

test.describe("A stand-in no app can break", () => {
  test.setTimeout(90_000);
  test("garbage, markup, absurd sizes, javascript: URLs, megabyte strings and a flood leave it working and bounded", async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const app = await openStandIn(page);
    const frame = page.locator("#hubspot-calling-extension-iframe");
    const size = {
      width: await frame.getAttribute("width"),
      height: await frame.getAttribute("height"),
    };

    await postRaw(page, [null, undefined, "LOGGED_IN", 42, [1, 2], {}, { type: 7 }]);
    await postRaw(page, [
      { type: "ERROR", data: { message: MARKUP } },
      { type: MARKUP, data: { note: MARKUP } },
      { type: "RESIZE_WIDGET", data: { width: 1e9, height: 600 } },
      { type: "RESIZE_WIDGET", data: { width: 400, height: -650 } },
      { type: "SET_WIDGET_URL", data: { iFrameUrl: "javascript:alert(1)" } },
      { type: "ERROR", data: { message: MEGABYTE } },
      { type: "CALL_DATA", data: { blob: MEGABYTE } },
    ]);
    await expect
      .poll(async () => (await violations(page)).map((v) => v.rule))
      .toEqual(
        expect.arrayContaining(["message-shape", "resize-size", "widget-url", "known-type"]),
      );
    const before = await violations(page);
    const reported = before.reduce((n, group) => n + group.count, 0);

    // A flood of valid messages: the stand-in keeps the last 1,000 messages, and every violation
    // that came before them (they are kept apart from the log, so no flood evicts them).
    await postRaw(page, [{ type: "USER_AVAILABLE" }], 5_000);
    // Thousands of messages judged and logged take seconds on a busy 2-core machine.
    const flood = { timeout: 30_000 };
    await expect
      .poll(() => page.evaluate(() => window.standIn.received().length), flood)
      .toBe(1_000);
    await expect(page.getByText(`Violations: ${reported}`)).toBeVisible();
    expect(await violations(page)).toEqual(before);
    // A flood HubSpot answers (each record it cannot find gets NAVIGATE_TO_RECORD_FAILED): what it
    // sent is bounded too.
    const nowhere = { objectCoordinates: { portalId: 1, objectId: 999, objectTypeId: "0-1" } };
    await postRaw(page, [{ type: "NAVIGATE_TO_RECORD", data: nowhere }], 1_500);
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              window.standIn.sent().filter((m) => m.type === "NAVIGATE_TO_RECORD_FAILED").length,
          ),
        flood,
      )
      .toBe(1_000);

    // Still working: the app's frame as it was, HubSpot's buttons still answer.
    expect(await frame.getAttribute("width")).toBe(size.width);
    expect(await frame.getAttribute("height")).toBe(size.height);
    expect(await frame.getAttribute("src")).toBe(`${SOFTPHONE_ORIGIN}/`);
    await expect(page.getByText("Handshake: done")).toBeVisible();
    await app.getByRole("button", { name: "Log in" }).click();
    await expect(callStatus(app)).toHaveText("Ready");

    // Bounded, and never markup: text only, cut short.
    const alert = (await page.getByRole("alert").textContent()) ?? "";
    expect(alert.length).toBeLessThan(600);
    expect(await page.getByRole("log").getByRole("listitem").count()).toBeLessThanOrEqual(200);
    expect(await page.evaluate(() => document.getElementsByTagName("*").length)).toBeLessThan(
      3_000,
    );
    expect(await page.locator("main img, main script").count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
