import type { FrameLocator, Page } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import {
  callStatus,
  fact,
  failure,
  lastReceived,
  logIn,
  moreActions,
  notice,
  openStandIn,
  placeCall,
  received,
  receivedTypes,
  sendFromHubSpot,
  violations,
} from "../standIn";

/**
 * Every app → HubSpot message type of SDK 0.9.7, written out from its `Constants` (its
 * `thirdPartyToHostEvents`, plus ERROR and SET_WIDGET_URL, which `sendError` and `setWidgetUrl`
 * send): a literal, so that a type the softphone drops fails this test.
 */
const SDK_APP_MESSAGE_TYPES = [
  "INITIALIZED",
  "LOGGED_IN",
  "LOGGED_OUT",
  "USER_AVAILABLE",
  "USER_UNAVAILABLE",
  "OUTGOING_CALL_STARTED",
  "INCOMING_CALL",
  "CALL_ANSWERED",
  "CALL_ENDED",
  "CALL_COMPLETED",
  "CALL_TRANSFERRED",
  "CALL_DATA",
  "FINALIZE_ENGAGEMENT",
  "PUBLISH_TO_CHANNEL",
  "NAVIGATE_TO_RECORD",
  "ERROR",
  "RESIZE_WIDGET",
  "SET_WIDGET_URL",
] as const;

const click = (app: FrameLocator, name: string) =>
  app.getByRole("button", { name, exact: true }).click();

test.describe("Every SDK method from a button", () => {
  test("a session that presses every button sends every message type the SDK has, with no violation", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app, "+1 555-010-0000");
    await moreActions(app);
    await click(app, "Available");
    await expect(callStatus(app)).toHaveText("Ready, available");
    await click(app, "Unavailable");
    await expect(callStatus(app)).toHaveText("Ready");
    await click(app, "Available");

    // An outbound call, its data, then finalized.
    await placeCall(app, "+1 617-555-0101", "dialing");
    await click(app, "Call data");
    await click(app, "Answer");
    await click(app, "End");
    await click(app, "Complete");
    await click(app, "Finalize");

    // An inbound call, its record opened, then published with the deprecated name.
    await app.getByLabel("Caller number").fill("+1 617-555-0102");
    await click(app, "Incoming call");
    await expect(fact(app, "Caller")).toHaveText("Grace Hopper (contact)");
    await click(app, "Open record");
    await click(app, "Answer");
    await click(app, "End");
    await click(app, "Complete");
    await click(app, "Publish to channel");

    // A call transferred.
    await placeCall(app, "+1 617-555-0101", "connected");
    await click(app, "Transfer");

    await app.getByLabel("Error message").fill("Microphone not found");
    await click(app, "Send error");
    await click(app, "Resize");
    await click(app, "Log out");
    await app.getByLabel("Widget URL").fill("https://localhost:9025/?again");
    await click(app, "Set widget URL");

    await expect
      .poll(async () => new Set(await receivedTypes(page)))
      .toEqual(new Set(SDK_APP_MESSAGE_TYPES));
    expect(await violations(page)).toEqual([]);
  });

  test("Available and Unavailable send their messages; INITIALIZED reports availability", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await moreActions(app);
    await click(app, "Available");
    expect(await lastReceived(page, "USER_AVAILABLE")).toEqual({});
    await expect(app.getByRole("button", { name: "Available", exact: true })).toBeDisabled();
    // HubSpot reloads the frame: INITIALIZED says the user is still available.
    await page.getByRole("button", { name: "Reload app frame" }).click();
    await expect
      .poll(async () => (await received(page)).filter((m) => m.type === "INITIALIZED").length)
      .toBe(2);
    expect(await lastReceived(page, "INITIALIZED")).toMatchObject({
      isLoggedIn: true,
      isAvailable: true,
    });
    await moreActions(app);
    await click(app, "Unavailable");
    expect(await lastReceived(page, "USER_UNAVAILABLE")).toEqual({});
    await expect(app.getByRole("button", { name: "Incoming call" })).toBeDisabled();
  });

  test("Call data sends the call's id; Publish to channel sends both ids", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await moreActions(app);
    await placeCall(app, "+1 617-555-0101", "connected");
    await click(app, "Call data");
    const { externalCallId } = await lastReceived(page, "CALL_ANSWERED");
    expect(await lastReceived(page, "CALL_DATA")).toEqual({ externalCallId });
    await click(app, "End");
    await click(app, "Complete");
    const { engagementId } = await lastReceived(page, "CALL_COMPLETED");
    await click(app, "Publish to channel");
    expect(await lastReceived(page, "PUBLISH_TO_CHANNEL")).toEqual({
      externalCallId,
      engagementId,
    });
    await expect(notice(app)).toHaveText(`HubSpot finalized engagement ${engagementId}`);
  });
});

test.describe("Every answer from HubSpot shows on the page", () => {
  /** The log's entry of HubSpot's message `type` (FAILED's, not PUBLISH_TO_CHANNEL_FAILED's). */
  const entry = (app: FrameLocator, type: string) =>
    app
      .getByRole("log")
      .getByRole("listitem")
      .filter({ hasText: new RegExp(`HubSpot → ${type} `) });

  /** HubSpot messages not covered by a call elsewhere: what each must change on the page. */
  const answers: {
    type: string;
    data?: unknown;
    handler: string;
    shows: (app: FrameLocator, page: Page) => Promise<void>;
  }[] = [
    {
      type: "NAVIGATE_TO_RECORD_FAILED",
      data: { error: { message: "Record deleted" } },
      handler: "onNavigateToRecordFailed",
      shows: (app) => expect(failure(app)).toHaveText("NAVIGATE_TO_RECORD_FAILED: Record deleted"),
    },
    {
      type: "FINALIZE_ENGAGEMENT_FAILED",
      data: { error: { message: "Channel offline" } },
      handler: "onFinalizeEngagementFailed",
      shows: (app) =>
        expect(failure(app)).toHaveText("FINALIZE_ENGAGEMENT_FAILED: Channel offline"),
    },
    {
      type: "PUBLISH_TO_CHANNEL_SUCCEEDED",
      data: { engagementId: 77 },
      handler: "onPublishToChannelSucceeded",
      shows: (app) => expect(notice(app)).toHaveText("HubSpot finalized engagement 77"),
    },
    {
      type: "PUBLISH_TO_CHANNEL_FAILED",
      data: { message: "No channel" },
      handler: "onPublishToChannelFailed",
      shows: (app) => expect(failure(app)).toHaveText("PUBLISH_TO_CHANNEL_FAILED: No channel"),
    },
    {
      type: "INITIATE_CALL_ID_SUCCEEDED",
      data: { callId: "abc" },
      handler: "onInitiateCallIdSucceeded",
      shows: (app) =>
        expect(entry(app, "INITIATE_CALL_ID_SUCCEEDED")).toContainText('"callId": "abc"'),
    },
    {
      type: "INITIATE_CALL_ID_FAILED",
      data: { error: { message: "Quota" } },
      handler: "onInitiateCallIdFailed",
      shows: (app) => expect(failure(app)).toHaveText("INITIATE_CALL_ID_FAILED: Quota"),
    },
    {
      type: "SET_CALL_STATE",
      data: { callState: "RINGING" },
      handler: "onSetCallState",
      shows: (app) => expect(entry(app, "SET_CALL_STATE")).toContainText('"callState": "RINGING"'),
    },
    {
      type: "FAILED",
      data: { error: { message: "Something broke" } },
      handler: "onFailed",
      shows: (app) => expect(failure(app)).toHaveText("FAILED: Something broke"),
    },
    {
      type: "A_FUTURE_MESSAGE",
      data: { x: 1 },
      handler: "defaultEventHandler",
      shows: async (app, page) => {
        await expect(entry(app, "A_FUTURE_MESSAGE")).toContainText("Unknown to the SDK");
        expect(await lastReceived(page, "ERROR")).toMatchObject({ type: "UNKNOWN_MESSAGE_TYPE" });
      },
    },
  ];

  // One page for the table (each row's message is of its own type): a row is a step.
  test("each of HubSpot's answers reaches its handler and shows", async ({ page }) => {
    const app = await openStandIn(page);
    for (const { type, data, handler, shows } of answers)
      await test.step(`${type} reaches ${handler}`, async () => {
        await sendFromHubSpot(page, type, data);
        await expect(entry(app, type)).toContainText(handler);
        await expect(entry(app, type)).toHaveCount(1);
        await shows(app, page);
      });
  });

  test("ENGAGEMENT_CREATED, the deprecated form, gives the call its engagement", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await page.getByLabel("Fail engagement creation").check();
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "dialing");
    await expect(failure(app)).toContainText("CREATE_ENGAGEMENT_FAILED");
    await sendFromHubSpot(page, "ENGAGEMENT_CREATED", { engagementId: 4242 });
    await expect(fact(app, "Engagement")).toHaveText("4242");
    await expect(entry(app, "ENGAGEMENT_CREATED")).toContainText("onEngagementCreated");
  });

  test("a second engagement id for the same call is ignored and said so", async ({ page }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "dialing");
    await expect(fact(app, "Engagement")).toHaveText("50001");
    await sendFromHubSpot(page, "CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 666 });
    await expect(entry(app, "CREATE_ENGAGEMENT_SUCCEEDED").last()).toContainText(
      "Engagement 666 ignored",
    );
    await expect(fact(app, "Engagement")).toHaveText("50001");
  });
});
