import type { Page } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import {
  callStatus,
  engagements,
  fact,
  lastReceived,
  moreActions,
  openStandIn,
  postAsApp,
  receivedTypes,
  SOFTPHONE_ORIGIN,
  sent,
  softphone,
  violations,
} from "../standIn";

/** The demo lines the softphone offers when the build names none (src/core/lines.ts). */
const FIRST_LINE = "+1 555-010-0000";
const ADA = { name: "Ada Lovelace", phone: "+1 617-555-0101", id: 101 } as const;

const callAda = (page: Page) =>
  page.getByRole("button", { name: `Call ${ADA.name} at ${ADA.phone}` }).click();

test.describe("A first call, as a newcomer makes it", () => {
  test("Log in, Call on a record, Dial: nothing typed, and HubSpot gets a valid call", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await app.getByRole("button", { name: "Log in" }).click();
    await callAda(page);
    await app.getByRole("button", { name: "Dial" }).click();
    expect(await lastReceived(page, "OUTGOING_CALL_STARTED")).toMatchObject({
      toNumber: ADA.phone,
      fromNumber: FIRST_LINE,
      createEngagement: true,
    });
    await expect(fact(app, "Engagement")).toHaveText(/^\d+$/);
    expect(await violations(page)).toEqual([]);
  });

  test("an inbound call in two clicks from the main controls: Available, Incoming call, from a caller HubSpot knows", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await app.getByRole("button", { name: "Log in" }).click();
    await app.getByRole("button", { name: "Available", exact: true }).click();
    await app.getByRole("button", { name: "Incoming call" }).click();
    await expect(callStatus(app)).toHaveText("Ringing");
    expect(await lastReceived(page, "INCOMING_CALL")).toMatchObject({
      fromNumber: "+1 617-555-0102",
    });
    // HubSpot matched the caller to a record, and the softphone shows who is calling.
    await expect(fact(app, "Caller")).toHaveText(/Grace Hopper/);
  });

  test("the line last called from is offered next time, where the browser keeps it", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await expect(app.getByLabel("From number")).toHaveValue(FIRST_LINE);
    await app.getByRole("button", { name: "Log in" }).click();
    await app.getByLabel("From number").fill("+1 555-010-0001");
    await callAda(page);
    await app.getByRole("button", { name: "Dial" }).click();
    await expect(callStatus(app)).toHaveText("Dialing");

    await page.reload();
    await expect(softphone(page).getByLabel("From number")).toHaveValue("+1 555-010-0001");
  });

  test("a typed From number is still checked", async ({ page }) => {
    const app = await openStandIn(page);
    await app.getByRole("button", { name: "Log in" }).click();
    await app.getByLabel("From number").fill("my office");
    await app.getByRole("button", { name: "Dial" }).click();
    await expect(app.getByText("From number may contain only digits")).toBeVisible();
    // Fixed, it dials: the one call HubSpot hears of is this one, not the refused one.
    await app.getByLabel("From number").fill("+1 555-010-0000");
    await app.getByLabel("Phone number").fill("+1 617-555-0101");
    await app.getByRole("button", { name: "Dial" }).click();
    expect(await lastReceived(page, "OUTGOING_CALL_STARTED")).toMatchObject({
      fromNumber: "+1 555-010-0000",
    });
    const started = (await receivedTypes(page)).filter((t) => t === "OUTGOING_CALL_STARTED");
    expect(started).toEqual(["OUTGOING_CALL_STARTED"]);
  });
});

test.describe("HubSpot's widget width", () => {
  const overflow = (target: Page | import("@playwright/test").Frame) =>
    target.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );

  test("nothing runs off the side at 400 px, opened on its own", async ({ page }) => {
    await page.setViewportSize({ width: 400, height: 650 });
    await page.goto(`${SOFTPHONE_ORIGIN}/`);
    await expect(page.getByRole("heading", { name: "Not running inside HubSpot" })).toBeVisible();
    await page.getByText("More actions").click();
    expect(await overflow(page)).toBe(0);
  });

  test("nothing runs off the side in the stand-in's 400 px frame, in a call", async ({ page }) => {
    const app = await openStandIn(page);
    await app.getByRole("button", { name: "Log in" }).click();
    await moreActions(app);
    await callAda(page);
    await app.getByRole("button", { name: "Dial" }).click();
    await expect(callStatus(app)).toHaveText("Dialing");
    const frame = page.frames().find((f) => f.url().startsWith(SOFTPHONE_ORIGIN));
    if (!frame) throw new Error("no softphone frame");
    expect(await frame.evaluate(() => innerWidth)).toBe(400);
    expect(await overflow(frame)).toBe(0);
  });
});

test.describe("HubSpot's quirks", () => {
  test("DIAL_NUMBER delivered twice fills the number once and makes one call", async ({ page }) => {
    const app = await openStandIn(page);
    await page.getByLabel("Send DIAL_NUMBER twice").check();
    await app.getByRole("button", { name: "Log in" }).click();
    await callAda(page);
    await expect(app.getByRole("log")).toContainText(
      "The same DIAL_NUMBER again (HubSpot delivered one click twice): ignored.",
    );
    expect((await sent(page)).filter((m) => m.type === "DIAL_NUMBER")).toHaveLength(2);
    await app.getByRole("button", { name: "Dial" }).click();
    await expect(fact(app, "Engagement")).toHaveText(/^\d+$/);
    expect((await receivedTypes(page)).filter((t) => t === "OUTGOING_CALL_STARTED")).toHaveLength(
      1,
    );
    expect(await engagements(page)).toHaveLength(1);
  });

  test("objectId 0 in DIAL_NUMBER: the call is filed on the record calleeInfo names", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await page.getByLabel("objectId 0 in DIAL_NUMBER").check();
    await app.getByRole("button", { name: "Log in" }).click();
    await callAda(page);
    const dial = (await sent(page)).find((m) => m.type === "DIAL_NUMBER")?.data;
    expect(dial).toMatchObject({ objectId: 0, calleeInfo: { calleeId: ADA.id } });
    await app.getByRole("button", { name: "Dial" }).click();
    const started = await lastReceived(page, "OUTGOING_CALL_STARTED");
    expect(started.dialingContext).toMatchObject({ objectId: ADA.id, objectType: "CONTACT" });
    await expect.poll(async () => (await engagements(page))[0]?.record).toBe(ADA.name);
  });

  test("an app that logs out mid-call leaves a ghost call log, marked and reported", async ({
    page,
  }) => {
    await openStandIn(page);
    await postAsApp(page, "LOGGED_IN");
    await postAsApp(page, "OUTGOING_CALL_STARTED", {
      externalCallId: "ghost-1",
      toNumber: ADA.phone,
      fromNumber: FIRST_LINE,
      callStartTime: 1,
      createEngagement: true,
    });
    await expect.poll(async () => (await engagements(page)).length).toBe(1);
    await postAsApp(page, "LOGGED_OUT");
    await expect(page.getByText("ghost call log: never completed")).toBeVisible();
    await expect
      .poll(async () => (await violations(page)).map((v) => v.rule))
      .toContain("ghost-call");
    expect((await engagements(page))[0]?.ghost).toBe(true);
  });
});

test.describe("Open record in HubSpot's current tab or a new one", () => {
  test("openIn round-trips: the current tab shows the record, a new tab opens with it", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await app.getByRole("button", { name: "Log in" }).click();
    await app.getByRole("button", { name: "Available", exact: true }).click();
    await moreActions(app);
    await app.getByLabel("Caller number").fill("+1 617-555-0102");
    await app.getByRole("button", { name: "Incoming call" }).click();
    await expect(fact(app, "Caller")).toHaveText("Grace Hopper (contact)");

    await app.getByRole("button", { name: "Open record" }).click();
    expect(await lastReceived(page, "NAVIGATE_TO_RECORD")).toMatchObject({ openIn: "CURRENT_TAB" });
    await expect(page.getByText("Viewing record: Grace Hopper (contact 102)")).toBeVisible();

    await app.getByLabel("Open in").selectOption({ label: "a new tab" });
    const [tab] = await Promise.all([
      page.waitForEvent("popup"),
      app.getByRole("button", { name: "Open record" }).click(),
    ]);
    expect(await lastReceived(page, "NAVIGATE_TO_RECORD")).toMatchObject({ openIn: "NEW_TAB" });
    await expect(tab.getByText("Viewing record: Grace Hopper (contact 102)")).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
});
