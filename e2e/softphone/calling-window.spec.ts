import type { Page } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import {
  callStatus,
  fact,
  inWholeBrowser,
  lastReceived,
  logIn,
  moreActions,
  receivedTypes,
  softphone,
} from "../standIn";

test.describe("HubSpot's calling window", () => {
  test("a remote frame without a calling window opens one, and call messages made there reach HubSpot through the remote", async ({
    page,
  }) => {
    await page.goto("/?iframeLocation=remote&usesCallingWindow=false");
    const remote = softphone(page);
    await expect(callStatus(remote)).toHaveText("Logged out");
    await expect(fact(remote, "Host")).toHaveText(
      "https://localhost:9026, remote, portal 123456, calling window: no",
    );

    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      remote.getByRole("button", { name: "Open calling window" }).click(),
    ]);
    expect(popup.url()).toBe(
      "https://localhost:9026/calling-integration-popup-ui/123456?usesCallingWindow=false",
    );
    const calling = softphone(popup);
    await expect(callStatus(calling)).toHaveText("Logged out");
    await expect(fact(calling, "Host")).toContainText("window, portal 123456, calling window: no");
    await expect(calling.getByRole("button", { name: "Open calling window" })).toBeHidden();

    await logIn(calling, "+1 555-010-0000");
    await moreActions(calling);
    await calling.getByRole("button", { name: "Available", exact: true }).click();
    await calling.getByLabel("Caller number").fill("+1 617-555-0102");
    await calling.getByRole("button", { name: "Incoming call" }).click();
    await expect(callStatus(calling)).toHaveText("Ringing");
    await expect(calling.getByRole("log")).toContainText(
      "Relayed to the remote frame, which sends it to HubSpot.",
    );

    // HubSpot's main page hears of the call from the remote frame; the calling window's host does not.
    const incoming = await lastReceived(page, "INCOMING_CALL");
    expect(incoming).toMatchObject({
      fromNumber: "+1 617-555-0102",
      toNumber: "+1 555-010-0000",
      createEngagement: true,
    });
    await expect(remote.getByRole("log")).toContainText("From the calling window.");
    await calling.getByRole("button", { name: "Answer" }).click();
    expect(await lastReceived(page, "CALL_ANSWERED")).toEqual({
      externalCallId: incoming.externalCallId,
    });
    expect(await popup.evaluate(() => window.standIn.received().map((m) => m.type))).not.toContain(
      "INCOMING_CALL",
    );
    expect(await receivedTypes(page)).not.toContain("LOGGED_IN");
  });

  test("two HubSpot tabs and one calling window: each call message reaches HubSpot once, answers come back, and a closed tab hands over", async ({
    context,
  }) => {
    const tabs = [await context.newPage(), await context.newPage()];
    for (const tab of tabs) {
      await tab.goto("/?iframeLocation=remote&usesCallingWindow=false");
      await expect(callStatus(softphone(tab))).toHaveText("Logged out");
    }
    const [first, second] = tabs as [Page, Page];
    const [popup] = await Promise.all([
      first.waitForEvent("popup"),
      softphone(first).getByRole("button", { name: "Open calling window" }).click(),
    ]);
    const calling = softphone(popup);
    await calling.getByRole("button", { name: "Log in" }).click();
    await calling.getByLabel("Phone number").fill("+1 617-555-0101");
    await calling.getByRole("button", { name: "Dial" }).click();
    await expect(callStatus(calling)).toHaveText("Dialing");

    const started = async () =>
      (await Promise.all(tabs.map((tab) => receivedTypes(tab))))
        .flat()
        .filter((type) => type === "OUTGOING_CALL_STARTED").length;
    await expect.poll(started).toBe(1);
    const created = await Promise.all(
      tabs.map((tab) => tab.evaluate(() => window.standIn.engagements().length)),
    );
    expect(created.reduce((a, b) => a + b)).toBe(1);
    // HubSpot's answer reaches the calling window, which made the call.
    await expect(fact(calling, "Engagement")).toHaveText(/^\d+$/);
    await calling.getByRole("button", { name: "Answer" }).click();

    // The tab that sent the call closes mid-call: the other tab's remote frame takes over.
    const leader = (await receivedTypes(first)).includes("OUTGOING_CALL_STARTED") ? first : second;
    const other = leader === first ? second : first;
    await leader.close();
    await calling.getByRole("button", { name: "End", exact: true }).click();
    expect(await lastReceived(other, "CALL_ENDED")).toMatchObject({ callEndStatus: "COMPLETED" });
    expect((await receivedTypes(other)).filter((t) => t === "CALL_ENDED")).toHaveLength(1);
  });

  test("cross-site, as in HubSpot, with third-party storage blocked: the relay and its lock still work", async () => {
    await inWholeBrowser(async (page) => {
      // The stand-in on 127.0.0.1 frames the softphone on localhost: another site, storage refused.
      await page.goto("https://127.0.0.1:9026/?iframeLocation=remote&usesCallingWindow=false");
      const remote = softphone(page);
      await expect(fact(remote, "A reload")).toContainText("loses the call");
      const [popup] = await Promise.all([
        page.waitForEvent("popup"),
        remote.getByRole("button", { name: "Open calling window" }).click(),
      ]);
      const calling = softphone(popup);
      await calling.getByRole("button", { name: "Log in" }).click();
      await calling.getByLabel("Phone number").fill("+1 617-555-0101");
      await calling.getByRole("button", { name: "Dial" }).click();
      expect(await lastReceived(page, "OUTGOING_CALL_STARTED")).toMatchObject({
        toNumber: "+1 617-555-0101",
        fromNumber: "+1 555-010-0000",
      });
      await expect(fact(calling, "Engagement")).toHaveText(/^\d+$/);
    });
  });

  test("a widget frame shows no calling-window button and relays nothing", async ({ page }) => {
    await page.goto("/");
    const app = softphone(page);
    await expect(callStatus(app)).toHaveText("Logged out");
    await expect(app.getByRole("button", { name: "Open calling window" })).toBeHidden();
  });
});
