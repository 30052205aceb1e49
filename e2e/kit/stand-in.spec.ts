import type { Page } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import {
  callStatus,
  engagements,
  fact,
  failure,
  lastReceived,
  logIn,
  moreActions,
  notice,
  openStandIn,
  placeCall,
  poll,
  postAsApp,
  receivedTypes,
  sent,
  violations,
} from "../standIn";

const timeline = (page: Page) =>
  page.getByRole("list", { name: "Activity timeline" }).getByRole("listitem");

test.describe("The stand-in's CRM and timeline", () => {
  test("a call placed from a record ends on the timeline with its notes, with no violation", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await page.getByRole("button", { name: "Call Ada Lovelace at +44 20 7946 0101" }).click();
    const dial = (await sent(page)).find((m) => m.type === "DIAL_NUMBER")?.data;
    expect(dial).toEqual({
      phoneNumber: "+44 20 7946 0101",
      ownerId: 8001,
      subjectId: 101,
      objectId: 101,
      objectType: "CONTACT",
      portalId: 123456,
      countryCode: "GB",
      calleeInfo: { calleeId: 101, calleeObjectTypeId: "0-1" },
      startTimestamp: expect.any(Number),
      toPhoneNumberSrc: "hs_contact_phone",
    });
    await app.getByRole("button", { name: "Dial" }).click();
    await app.getByRole("button", { name: "Answer" }).click();
    await app.getByRole("button", { name: "End" }).click();
    await app.getByLabel("Notes").fill("Wants a demo <script>alert(1)</script>");
    await app.getByRole("button", { name: "Complete" }).click();

    await expect(timeline(page)).toHaveCount(1);
    await expect(timeline(page)).toContainText("Outbound call to +44 20 7946 0101");
    await expect(timeline(page)).toContainText("COMPLETED");
    await expect(timeline(page)).toContainText("on Ada Lovelace");
    await expect(timeline(page)).toContainText("Wants a demo <script>alert(1)</script>");
    expect(await violations(page)).toEqual([]);
    await expect(page.getByText("Violations: 0")).toBeVisible();
  });

  test("calling before the app reported a logged-in user shows HubSpot's alert and sends nothing", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await page.getByRole("button", { name: "Call Grace Hopper at +1 617-555-0102" }).click();
    await expect(page.getByRole("alert")).toContainText(
      "Log in to your calling app to make calls.",
    );
    expect((await sent(page)).map((m) => m.type)).not.toContain("DIAL_NUMBER");
    await expect(app.getByLabel("Phone number")).toHaveValue("");
  });

  test("?app= frames another app URL", async ({ page }) => {
    await page.goto(`/?app=${encodeURIComponent("https://localhost:9025/?variant=2")}`);
    await expect(page.getByText("(from ?app=)")).toBeVisible();
    await expect(page.locator("#hubspot-calling-extension-iframe")).toHaveAttribute(
      "src",
      "https://localhost:9025/?variant=2",
    );
    await expect(callStatus(page.frameLocator("iframe"))).toHaveText("Logged out");
  });
});

test.describe("The stand-in's page", () => {
  test("keeps the SDK's console logging quiet (its own log shows every message)", async ({
    page,
  }) => {
    const logged: string[] = [];
    page.on("console", (message) => logged.push(message.text()));
    const app = await openStandIn(page);
    await logIn(app);
    await page.getByRole("button", { name: "Call Ada Lovelace at +1 617-555-0101" }).click();
    await placeCall(app, "+1 617-555-0101", "ended");
    expect(logged.filter((text) => text.includes("calling-extensions-sdk"))).toEqual([]);
  });

  test("shows the app's frame and the message log whole at 1280×800 and 1920×1080", async ({
    page,
  }) => {
    await openStandIn(page);
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
    ])
      await test.step(`${viewport.width}×${viewport.height}`, async () => {
        await page.setViewportSize(viewport);
        for (const part of [
          page.locator("#hubspot-calling-extension-iframe"),
          page.getByRole("log", { name: "Messages" }),
        ]) {
          const box = await part.boundingBox();
          expect(box, "shown").not.toBeNull();
          if (!box) continue;
          expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
          expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        }
        // The records keep to their width: the log takes what is left.
        const records = await page.getByRole("heading", { name: "Records" }).boundingBox();
        const log = await page.getByRole("log", { name: "Messages" }).boundingBox();
        expect((log?.width ?? 0) > (records?.width ?? 0)).toBe(true);
      });
  });
});

test.describe("HubSpot's answers", () => {
  test("an incoming call is matched to its caller, and Open record shows the record", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app, "+1 555-010-0000");
    await app.getByRole("button", { name: "Available", exact: true }).click();
    await moreActions(app);
    await app.getByLabel("Caller number").fill("+1 (617) 555-0102");
    await app.getByRole("button", { name: "Incoming call" }).click();
    await expect(callStatus(app)).toHaveText("Ringing");
    expect(await lastReceived(page, "INCOMING_CALL")).toEqual({
      externalCallId: expect.any(String),
      fromNumber: "+1 (617) 555-0102",
      toNumber: "+1 555-010-0000",
      callStartTime: expect.any(Number),
      createEngagement: true,
    });
    await expect(fact(app, "Caller")).toHaveText("Grace Hopper (contact)");

    await app.getByRole("button", { name: "Open record" }).click();
    const [engagement] = await engagements(page);
    expect(await lastReceived(page, "NAVIGATE_TO_RECORD")).toEqual({
      objectCoordinates: { portalId: 123456, objectId: 102, objectTypeId: "0-1" },
      engagementId: engagement?.id,
      openIn: "CURRENT_TAB",
    });
    await expect(page.getByText("Viewing record: Grace Hopper (contact 102)")).toBeVisible();

    await app.getByRole("button", { name: "Answer" }).click();
    await expect(callStatus(app)).toHaveText("Connected");
    expect(await violations(page)).toEqual([]);
  });

  test("the caller of an inbound call is cleared when the next outbound call starts", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await app.getByRole("button", { name: "Available", exact: true }).click();
    await moreActions(app);
    await app.getByLabel("Caller number").fill("+1 617-555-0102");
    await app.getByRole("button", { name: "Incoming call" }).click();
    await expect(fact(app, "Caller")).toHaveText("Grace Hopper (contact)");
    await app.getByRole("button", { name: "Answer" }).click();
    await app.getByRole("button", { name: "End", exact: true }).click();
    await app.getByRole("button", { name: "Complete" }).click();
    await expect(callStatus(app)).toHaveText("Ready, available");

    await page.getByRole("button", { name: "Call Ada Lovelace at +1 617-555-0101" }).click();
    await app.getByRole("button", { name: "Dial" }).click();
    await expect(callStatus(app)).toHaveText("Dialing");
    await expect(fact(app, "Caller")).toHaveText("–");
  });

  test("an unknown caller is shown as such", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await app.getByRole("button", { name: "Available", exact: true }).click();
    await moreActions(app);
    await app.getByLabel("Caller number").fill("+1 999-555-0000");
    await app.getByRole("button", { name: "Incoming call" }).click();
    await expect(fact(app, "Caller")).toHaveText("Unknown caller");
    await expect(failure(app)).toContainText(
      "CALLER_ID_MATCH_FAILED: No record has the number +1 999-555-0000",
    );
  });

  test("End call in HubSpot ends the call in progress", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "connected");
    await page.getByRole("button", { name: "End call" }).click();
    await expect(callStatus(app)).toHaveText("Ended");
    expect(await lastReceived(page, "CALL_ENDED")).toMatchObject({ callEndStatus: "COMPLETED" });
  });

  test("Minimise, Hide and Show send VISIBILITY_CHANGED", async ({ page }) => {
    const app = await openStandIn(page);
    const widget = fact(app, "Widget");
    await page.getByRole("button", { name: "Minimise" }).click();
    await expect(widget).toHaveText("minimised");
    await page.getByRole("button", { name: "Hide" }).click();
    await expect(widget).toHaveText("hidden");
    await expect(page.locator("#hubspot-calling-extension-iframe")).toBeHidden();
    await page.getByRole("button", { name: "Show" }).click();
    await expect(widget).toHaveText("visible");
    expect(
      (await sent(page)).filter((m) => m.type === "VISIBILITY_CHANGED").map((m) => m.data),
    ).toEqual([
      { isMinimized: true, isHidden: false },
      { isMinimized: false, isHidden: true },
      { isMinimized: false, isHidden: false },
    ]);
  });

  test("Resize resizes HubSpot's frame", async ({ page }) => {
    const app = await openStandIn(page);
    await moreActions(app);
    await app.getByLabel("Width").fill("500");
    await app.getByLabel("Height").fill("700");
    await app.getByRole("button", { name: "Resize" }).click();
    expect(await lastReceived(page, "RESIZE_WIDGET")).toEqual({ width: 500, height: 700 });
    await expect(page.locator("#hubspot-calling-extension-iframe")).toHaveAttribute(
      "width",
      "500px",
    );
    await expect(page.locator("#hubspot-calling-extension-iframe")).toHaveAttribute(
      "height",
      "700px",
    );
  });

  test("Send error shows HubSpot's alert with the message, as text", async ({ page }) => {
    const app = await openStandIn(page);
    await moreActions(app);
    await app.getByLabel("Error message").fill("Line busy <b>now</b>");
    await app.getByRole("button", { name: "Send error" }).click();
    expect(await lastReceived(page, "ERROR")).toEqual({ message: "Line busy <b>now</b>" });
    await expect(page.getByRole("alert")).toContainText("Line busy <b>now</b>");
  });

  test("Set widget URL loads the app at the new URL, which shakes hands again", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await moreActions(app);
    await app.getByLabel("Widget URL").fill("https://localhost:9025/?page=2");
    await app.getByRole("button", { name: "Set widget URL" }).click();
    await expect(page.locator("#hubspot-calling-extension-iframe")).toHaveAttribute(
      "src",
      "https://localhost:9025/?page=2",
    );
    await poll(() => page.evaluate(() => window.standIn.handshakes())).toBe(1);
    await expect(callStatus(page.frameLocator("iframe"))).toHaveText("Logged out");
    expect((await receivedTypes(page)).filter((t) => t === "INITIALIZED")).toHaveLength(2);
  });

  test("a widget URL HubSpot refuses comes back as SET_WIDGET_URL_FAILED", async ({ page }) => {
    const app = await openStandIn(page);
    await postAsApp(page, "SET_WIDGET_URL", { iFrameUrl: "http://insecure.example/" });
    await expect(failure(app)).toHaveText(
      "SET_WIDGET_URL_FAILED: iFrameUrl must be an https:// URL.",
    );
  });

  test("Transfer hands the call on and leaves the softphone ready", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "connected");
    const { externalCallId } = await lastReceived(page, "CALL_ANSWERED");
    await moreActions(app);
    await app.getByRole("button", { name: "Transfer" }).click();
    await expect(callStatus(app)).toHaveText("Ready");
    expect(await lastReceived(page, "CALL_TRANSFERRED")).toEqual({ externalCallId });
    await expect(timeline(page)).toContainText("TRANSFERRED");
    expect(await violations(page)).toEqual([]);
  });

  test("Finalize after Complete publishes the engagement", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "ended");
    await app.getByRole("button", { name: "Complete" }).click();
    const { externalCallId, engagementId } = await lastReceived(page, "CALL_COMPLETED");
    await moreActions(app);
    await app.getByRole("button", { name: "Finalize" }).click();
    expect(await lastReceived(page, "FINALIZE_ENGAGEMENT")).toEqual({
      externalCallId,
      engagementId,
    });
    await expect(notice(app)).toHaveText(`HubSpot finalized engagement ${engagementId}`);
    await expect(timeline(page)).toContainText("finalized");
    await expect(app.getByRole("button", { name: "Finalize" })).toBeDisabled();
  });

  test("hideWidget on CALL_COMPLETED hides the widget", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "ended");
    const { externalCallId } = await lastReceived(page, "CALL_ENDED");
    await postAsApp(page, "CALL_COMPLETED", { externalCallId });
    await expect(page.locator("#hubspot-calling-extension-iframe")).toBeHidden();
  });
});

test.describe("Fault switches", () => {
  test("failed engagement creation is shown, and the call still ends and completes", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await page.getByLabel("Fail engagement creation").check();
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "dialing");
    await expect(failure(app)).toHaveText(
      "CREATE_ENGAGEMENT_FAILED: HubSpot could not create the engagement (stand-in fault switch).",
    );
    await app.getByRole("button", { name: "End" }).click();
    expect(await lastReceived(page, "CALL_ENDED")).not.toHaveProperty("engagementId");
    await app.getByRole("button", { name: "Complete" }).click();
    await expect(callStatus(app)).toHaveText("Ready");
    expect(await engagements(page)).toEqual([]);
  });

  test("a failed engagement update is shown", async ({ page }) => {
    const app = await openStandIn(page);
    await page.getByLabel("Fail engagement update").check();
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "ended");
    await app.getByLabel("Notes").fill("never stored");
    await app.getByRole("button", { name: "Complete" }).click();
    await expect(failure(app)).toHaveText(
      "UPDATE_ENGAGEMENT_FAILED: HubSpot could not update the engagement (stand-in fault switch).",
    );
    await expect(timeline(page)).not.toContainText("never stored");
  });

  test("a delay holds back HubSpot's answers", async ({ page }) => {
    const app = await openStandIn(page);
    await page.getByLabel("Answer delay (ms)").fill("2500");
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "dialing");
    expect((await sent(page)).map((m) => m.type)).not.toContain("CREATE_ENGAGEMENT_SUCCEEDED");
    await expect(fact(app, "Engagement")).toHaveText("–");
    await expect(fact(app, "Engagement")).toHaveText(/^\d+$/, { timeout: 6_000 });
  });

  test("reloading the app's frame mid-call makes it shake hands and initialize again", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "connected");
    await page.getByRole("button", { name: "Reload app frame" }).click();
    await poll(() => page.evaluate(() => window.standIn.handshakes())).toBe(2);
    await expect(page.getByText("done (2 times: the app reloaded)")).toBeVisible();
    await expect
      .poll(async () => (await receivedTypes(page)).filter((t) => t === "INITIALIZED").length)
      .toBe(2);
  });
});

test.describe("Conformance", () => {
  /**
   * A calling app that gets the protocol wrong, step by step: each wrong message with the rule the
   * stand-in must report (steps without a rule set the call up and must pass).
   */
  const steps = [
    { name: "an unknown type", type: "CALL_STARTED", data: {}, rule: "known-type" },
    {
      name: "no fromNumber",
      type: "OUTGOING_CALL_STARTED",
      data: { externalCallId: "x1", toNumber: "+1 617" },
      rule: "outgoing-fields",
    },
    {
      name: "a second call while one is on",
      type: "OUTGOING_CALL_STARTED",
      data: { externalCallId: "x2", toNumber: "+1 617", fromNumber: "+1 555" },
      rule: "one-call",
    },
    {
      name: "another call's id",
      type: "CALL_ANSWERED",
      data: { externalCallId: "not-this-call" },
      rule: "same-call-id",
    },
    {
      name: "complete before end",
      type: "CALL_COMPLETED",
      data: { externalCallId: "x2" },
      rule: "complete-after-end",
    },
    {
      name: "a new call",
      type: "OUTGOING_CALL_STARTED",
      data: { externalCallId: "x3", toNumber: "+1 617", fromNumber: "+1 555" },
      rule: null,
    },
    {
      name: "an invented end status",
      type: "CALL_ENDED",
      data: { externalCallId: "x3", callEndStatus: "HUNG_UP" },
      rule: "end-status",
    },
    {
      name: "a second CALL_ENDED",
      type: "CALL_ENDED",
      data: { externalCallId: "x3", callEndStatus: "COMPLETED" },
      rule: "end-order",
    },
    {
      name: "an engagement HubSpot never issued",
      type: "CALL_COMPLETED",
      data: { externalCallId: "x3", engagementId: 999 },
      rule: "engagement-issued",
    },
    {
      name: "an answer with no call",
      type: "CALL_ANSWERED",
      data: { externalCallId: "x3" },
      rule: "call-in-progress",
    },
    {
      name: "bad coordinates",
      type: "NAVIGATE_TO_RECORD",
      data: { objectCoordinates: { objectTypeId: "0-9" } },
      rule: "navigate-fields",
    },
    { name: "an empty error", type: "ERROR", data: {}, rule: "error-message" },
    {
      name: "a negative size",
      type: "RESIZE_WIDGET",
      data: { width: -5, height: 10 },
      rule: "resize-size",
    },
    {
      name: "a javascript: widget URL",
      type: "SET_WIDGET_URL",
      data: { iFrameUrl: "javascript:alert(1)" },
      rule: "widget-url",
    },
  ] as const;

  test("each wrong message is reported beside it, with the rule it breaks", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await poll(() => receivedTypes(page)).toEqual(["INITIALIZED", "LOGGED_IN"]);
    for (const { type, data } of steps) await postAsApp(page, type, data);
    await poll(async () => (await receivedTypes(page)).length).toBe(2 + steps.length);

    const received = await page.evaluate(() => window.standIn.received().slice(2));
    steps.forEach(({ name, rule }, i) => {
      const rules = received[i]?.violations.map((v) => v.rule);
      if (rule === null) expect(rules, name).toEqual([]);
      else expect(rules, name).toContain(rule);
    });
    const log = page.getByRole("log");
    for (const { rule } of steps) if (rule) await expect(log).toContainText(`✗ ${rule}:`);
    const count = (await violations(page)).length;
    await expect(page.getByText(`Violations: ${count}`)).toBeVisible();
  });
});
