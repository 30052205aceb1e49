import { expect, test } from "hubspot-calling-stand-in/test";
import {
  callStatus,
  lastReceived,
  logIn,
  notice,
  openStandIn,
  receivedTypes,
  sent,
  type softphone,
  violations,
} from "../standIn";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CALLEE = { name: "Ada Lovelace", phone: "+1 617-555-0101" } as const;
const FROM = "+1 555-010-0000";

test.describe("Outbound call", () => {
  test("a whole call: log in, number from HubSpot, dial, engagement, answer, end, complete", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    expect(await lastReceived(page, "INITIALIZED")).toEqual({
      isLoggedIn: false,
      isAvailable: false,
      sizeInfo: { width: 400, height: 650 },
    });

    await logIn(app, FROM);
    await expect(callStatus(app)).toHaveText("Ready");
    expect(await lastReceived(page, "LOGGED_IN")).toEqual({});

    // HubSpot: the user clicks Call on a contact; the softphone gets the number.
    await page.getByRole("button", { name: `Call ${CALLEE.name} at ${CALLEE.phone}` }).click();
    await expect(app.getByLabel("Phone number")).toHaveValue(CALLEE.phone);
    const dialNumber = (await sent(page)).find((m) => m.type === "DIAL_NUMBER")?.data;

    await app.getByRole("button", { name: "Dial" }).click();
    await expect(callStatus(app)).toHaveText("Dialing");
    const started = await lastReceived(page, "OUTGOING_CALL_STARTED");
    expect(started).toEqual({
      externalCallId: expect.stringMatching(UUID),
      toNumber: CALLEE.phone,
      fromNumber: FROM,
      callStartTime: expect.any(Number),
      createEngagement: true,
      dialingContext: dialNumber,
    });
    expect(Math.abs((started.callStartTime as number) - Date.now())).toBeLessThan(60_000);
    const externalCallId = started.externalCallId;

    // HubSpot answers with the engagement it created; the softphone shows its id.
    const [engagement] = await page.evaluate(() => window.standIn.engagements());
    expect(engagement).toBeDefined();
    await expect(app.getByText(String(engagement?.id), { exact: true })).toBeVisible();

    await app.getByRole("button", { name: "Answer" }).click();
    await expect(callStatus(app)).toHaveText("Connected");
    expect(await lastReceived(page, "CALL_ANSWERED")).toEqual({ externalCallId });

    await app.getByRole("button", { name: "End" }).click();
    await expect(callStatus(app)).toHaveText("Ended");
    expect(await lastReceived(page, "CALL_ENDED")).toEqual({
      externalCallId,
      engagementId: engagement?.id,
      callEndStatus: "COMPLETED",
    });

    await app.getByLabel("Notes").fill("Talked about the Analytical Engine.\n<b>not bold</b>");
    await app.getByRole("button", { name: "Complete" }).click();
    expect(await lastReceived(page, "CALL_COMPLETED")).toEqual({
      externalCallId,
      engagementId: engagement?.id,
      hideWidget: false,
      engagementProperties: {
        hs_timestamp: started.callStartTime,
        hs_call_title: `Outbound call to ${CALLEE.phone}`,
        hs_call_body: "Talked about the Analytical Engine.\n<b>not bold</b>",
        hs_call_direction: "OUTBOUND",
        hs_call_status: "COMPLETED",
        hs_call_duration: expect.stringMatching(/^\d+$/),
        hs_call_from_number: FROM,
        hs_call_to_number: CALLEE.phone,
      },
    });
    await expect(notice(app)).toHaveText(`HubSpot updated engagement ${engagement?.id}.`);
    await expect(callStatus(app)).toHaveText("Ready");

    expect(await receivedTypes(page)).toEqual([
      "INITIALIZED",
      "LOGGED_IN",
      "OUTGOING_CALL_STARTED",
      "CALL_ANSWERED",
      "CALL_ENDED",
      "CALL_COMPLETED",
    ]);
    expect(await violations(page)).toEqual([]);
  });

  test("End sends the end status chosen in the select, which offers all seven", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    const select = app.getByLabel("End status");
    await expect(select.locator("option")).toHaveText([
      "COMPLETED",
      "FAILED",
      "CANCELED",
      "BUSY",
      "NO_ANSWER",
      "REJECTED",
      "MISSED",
    ]);
    await app.getByLabel("Phone number").fill("+1 212-555-0202");
    await app.getByRole("button", { name: "Dial" }).click();
    await select.selectOption("NO_ANSWER");
    await app.getByRole("button", { name: "End" }).click();
    expect(await lastReceived(page, "CALL_ENDED")).toMatchObject({ callEndStatus: "NO_ANSWER" });
  });

  test("a number the user typed is not sent with another record's dialing context", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await page.getByRole("button", { name: `Call ${CALLEE.name} at ${CALLEE.phone}` }).click();
    // HubSpot's number is in first; the user then types over it.
    await expect(app.getByLabel("Phone number")).toHaveValue(CALLEE.phone);
    await app.getByLabel("Phone number").fill("+1 212-555-0202");
    await app.getByRole("button", { name: "Dial" }).click();
    const started = await lastReceived(page, "OUTGOING_CALL_STARTED");
    expect(started.toNumber).toBe("+1 212-555-0202");
    expect(started).not.toHaveProperty("dialingContext");
  });
});

test.describe("Buttons follow the call", () => {
  const buttons = ["Log in", "Log out", "Dial", "Answer", "End", "Complete"] as const;
  type Name = (typeof buttons)[number];

  async function expectEnabled(app: ReturnType<typeof softphone>, enabled: readonly Name[]) {
    for (const name of buttons) {
      const button = app.getByRole("button", { name, exact: true });
      if (enabled.includes(name)) await expect(button, name).toBeEnabled();
      else await expect(button, name).toBeDisabled();
    }
  }

  test("each button is enabled only when its method is valid", async ({ page }) => {
    const app = await openStandIn(page);
    await expectEnabled(app, ["Log in"]);
    await logIn(app);
    await expectEnabled(app, ["Log out", "Dial"]);
    await app.getByLabel("Phone number").fill("+1 617-555-0102");
    await app.getByRole("button", { name: "Dial" }).click();
    await expectEnabled(app, ["Answer", "End"]);
    await app.getByRole("button", { name: "Answer" }).click();
    await expectEnabled(app, ["End"]);
    await app.getByRole("button", { name: "End" }).click();
    await expectEnabled(app, ["Complete"]);
    await app.getByRole("button", { name: "Complete" }).click();
    await expectEnabled(app, ["Log out", "Dial"]);
    await app.getByRole("button", { name: "Log out" }).click();
    await expectEnabled(app, ["Log in"]);
    expect(await receivedTypes(page)).toContain("LOGGED_OUT");
  });

  test("a call timer runs while the call is on", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await app.getByLabel("Phone number").fill("+1 617-555-0102");
    await app.getByRole("button", { name: "Dial" }).click();
    await expect(app.locator("time").first()).toHaveText("00:01", { timeout: 3_000 });
  });
});

test.describe("Phone numbers are validated", () => {
  const cases = [
    { name: "empty phone number", phone: "", from: FROM, error: "Phone number is required." },
    {
      name: "letters",
      phone: "call me",
      from: FROM,
      error: "Phone number may contain only digits, spaces, ( ) . - and a leading +.",
    },
    {
      name: "too few digits",
      phone: "12",
      from: FROM,
      error: "Phone number must have 3 to 15 digits (it has 2).",
    },
    {
      name: "too long",
      phone: "1".repeat(40),
      from: FROM,
      error: "Phone number is too long (at most 32 characters).",
    },
    {
      name: "empty from number",
      phone: "+1 617-555-0101",
      from: "",
      error: "From number is required.",
    },
  ] as const;

  // One page for the table: each row is a step, tried after the last was refused.
  test("each invalid number gets an inline error and sends nothing; fixing it clears the error and dials", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    for (const { name, phone, from, error } of cases)
      await test.step(`${name}: an inline error and nothing sent`, async () => {
        await app.getByLabel("From number").fill(from);
        await app.getByLabel("Phone number").fill(phone);
        await app.getByRole("button", { name: "Dial" }).click();
        await expect(app.getByText(error)).toBeVisible();
        await expect(callStatus(app)).toHaveText("Ready");
        expect(await receivedTypes(page)).toEqual(["INITIALIZED", "LOGGED_IN"]);
      });
    await app.getByLabel("From number").fill(FROM);
    await app.getByLabel("Phone number").fill("+1 617-555-0101");
    await app.getByRole("button", { name: "Dial" }).click();
    await expect(app.getByText("From number is required.")).toBeHidden();
    expect(await receivedTypes(page)).toContain("OUTGOING_CALL_STARTED");
  });
});
