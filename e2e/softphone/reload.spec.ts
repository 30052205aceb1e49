import type { Page } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import {
  callStatus,
  fact,
  inWholeBrowser,
  lastReceived,
  logIn,
  openStandIn,
  placeCall,
  poll,
  receivedTypes,
  softphone,
  violations,
} from "../standIn";

/** The stand-in on 127.0.0.1 frames the softphone on localhost: another site, a third-party frame. */
const CROSS_SITE_STAND_IN = "https://127.0.0.1:9026/";

async function reloadFrame(page: Page, handshakes: number) {
  await page.getByRole("button", { name: "Reload app frame" }).click();
  await poll(() => page.evaluate(() => window.standIn.handshakes())).toBe(handshakes);
}

test.describe("A reload mid-call", () => {
  test("the softphone comes back in the same call, and ends and completes it with the same ids", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await expect(fact(app, "A reload")).toHaveText("keeps the call");
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "connected");
    const { externalCallId } = await lastReceived(page, "OUTGOING_CALL_STARTED");
    const [engagement] = await page.evaluate(() => window.standIn.engagements());

    await reloadFrame(page, 2);
    await expect(callStatus(app)).toHaveText("Connected");
    await expect(fact(app, "Call id")).toHaveText(String(externalCallId));
    // The page came back with its form as the call has it, not empty.
    await expect(app.getByLabel("Phone number")).toHaveValue("+1 617-555-0101");
    await expect(app.getByLabel("From number")).toHaveValue("+1 555-010-0000");
    const initialized = (await page.evaluate(() => window.standIn.received())).filter(
      (m) => m.type === "INITIALIZED",
    );
    expect(initialized.at(-1)?.data).toEqual({
      isLoggedIn: true,
      isAvailable: false,
      sizeInfo: { width: 400, height: 650 },
      engagementId: engagement?.id,
    });

    await app.getByRole("button", { name: "End" }).click();
    expect(await lastReceived(page, "CALL_ENDED")).toEqual({
      externalCallId,
      engagementId: engagement?.id,
      callEndStatus: "COMPLETED",
    });
    await reloadFrame(page, 3);
    await expect(callStatus(app)).toHaveText("Ended");
    await app.getByRole("button", { name: "Complete" }).click();
    expect(await lastReceived(page, "CALL_COMPLETED")).toMatchObject({
      externalCallId,
      engagementId: engagement?.id,
    });
    expect(await violations(page)).toEqual([]);

    // A completed call is cleared: the next reload comes back logged in, with no call.
    await reloadFrame(page, 4);
    await expect(callStatus(app)).toHaveText("Ready");
    await expect(fact(app, "Call id")).toHaveText("–");
  });

  test("in a cross-site frame whose storage is blocked, the softphone still works and says a reload loses the call", async () => {
    await inWholeBrowser(async (page) => {
      await page.goto(CROSS_SITE_STAND_IN);
      const app = softphone(page);
      await expect(callStatus(app)).toHaveText("Logged out");
      await expect(fact(app, "A reload")).toHaveText(
        "loses the call: this browser blocks storage in frames from another site",
      );
      await logIn(app);
      await placeCall(app, "+1 617-555-0101", "connected");
      await expect(fact(app, "Engagement")).toHaveText(/^\d+$/);
      await reloadFrame(page, 2);
      await expect(callStatus(app)).toHaveText("Logged out");
      expect((await receivedTypes(page)).filter((t) => t === "INITIALIZED")).toHaveLength(2);
      // The call could not survive the reload, so the softphone ended and completed it on the way
      // out: HubSpot keeps no "ghost" call log.
      expect((await receivedTypes(page)).slice(-3)).toEqual([
        "CALL_ENDED",
        "CALL_COMPLETED",
        "INITIALIZED",
      ]);
      const [engagement] = await page.evaluate(() => window.standIn.engagements());
      expect(engagement).toMatchObject({ status: "CANCELED", ghost: false });
      expect(await violations(page)).toEqual([]);
    });
  });

  test("in a cross-site frame with third-party storage allowed, the call survives", async () => {
    await inWholeBrowser(
      async (page) => {
        await page.goto(CROSS_SITE_STAND_IN);
        const app = softphone(page);
        await expect(fact(app, "A reload")).toHaveText("keeps the call");
        await logIn(app);
        await placeCall(app, "+1 617-555-0101", "connected");
        await reloadFrame(page, 2);
        await expect(callStatus(app)).toHaveText("Connected");
      },
      { profile: { cookie_controls_mode: 0, block_third_party_cookies: false } },
    );
  });
});
