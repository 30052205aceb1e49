import type { Page } from "@playwright/test";
import { expect, HOSTILE_POSTS, test } from "hubspot-calling-stand-in/test";
import {
  callStatus,
  fact,
  lastReceived,
  logIn,
  openStandIn,
  placeCall,
  receivedTypes,
  SOFTPHONE_ORIGIN,
} from "../standIn";

/** Posts a raw message into the softphone's frame from the stand-in's page, as HubSpot's origin. */
function postToApp(page: Page, message: unknown) {
  return page.evaluate(
    ([m, origin]) =>
      document.querySelector("iframe")?.contentWindow?.postMessage(m, origin as string),
    [message, SOFTPHONE_ORIGIN] as const,
  );
}

function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test.describe("Bad input from the user", () => {
  test("notes of megabytes get an inline message; nothing is sent and the call waits", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "ended");
    const notes = app.getByLabel("Notes");
    await notes.evaluate((area, text) => {
      (area as HTMLTextAreaElement).value = text;
    }, "x".repeat(2_000_000));
    await app.getByRole("button", { name: "Complete" }).click();
    await expect(
      app.getByText("Notes are too long: 2,000,000 characters, at most 65,536."),
    ).toBeVisible();
    await expect(callStatus(app)).toHaveText("Ended");

    await notes.fill("Short notes");
    await app.getByRole("button", { name: "Complete" }).click();
    expect(await lastReceived(page, "CALL_COMPLETED")).toMatchObject({
      engagementProperties: expect.objectContaining({ hs_call_body: "Short notes" }),
    });
    // Messages arrive in order: had the refused Complete sent anything, it would be here first.
    const completed = (await receivedTypes(page)).filter((type) => type === "CALL_COMPLETED");
    expect(completed).toEqual(["CALL_COMPLETED"]);
  });

  test("double and rapid clicks send each message once", async ({ page }) => {
    const app = await openStandIn(page);
    await app.getByRole("button", { name: "Log in" }).dblclick();
    await app.getByLabel("From number").fill("+1 555-010-0000");
    await app.getByLabel("Phone number").fill("+1 617-555-0101");
    await app.getByRole("button", { name: "Dial" }).dblclick();
    await app.getByRole("button", { name: "Answer" }).dblclick();
    await app.getByRole("button", { name: "End" }).dblclick();
    await app.getByRole("button", { name: "Complete" }).dblclick();
    await expect(callStatus(app)).toHaveText("Ready");
    expect(await receivedTypes(page)).toEqual([
      "INITIALIZED",
      "LOGGED_IN",
      "OUTGOING_CALL_STARTED",
      "CALL_ANSWERED",
      "CALL_ENDED",
      "CALL_COMPLETED",
    ]);
  });

  test("clicks in the wrong state, even forced on disabled buttons, send nothing", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    for (const name of ["Dial", "Answer", "End", "Complete", "Log out"]) {
      await app.getByRole("button", { name, exact: true }).dispatchEvent("click");
    }
    await expect(callStatus(app)).toHaveText("Logged out");
    // A click that counts, after them: what they sent would have arrived before its message.
    await app.getByRole("button", { name: "Log in" }).click();
    await lastReceived(page, "LOGGED_IN");
    expect(await receivedTypes(page)).toEqual(["INITIALIZED", "LOGGED_IN"]);
  });
});

test.describe("Bad input from the host", () => {
  test("messages the SDK would choke on, a second SYNC and junk are contained", async ({
    page,
  }) => {
    const errors = trackErrors(page);
    const app = await openStandIn(page);
    await logIn(app);
    await placeCall(app, "+1 617-555-0101", "dialing");
    const callId = await fact(app, "Call id").textContent();

    // The values `npm run check` posts to any app, then what this test adds.
    for (const message of [
      ...HOSTILE_POSTS,
      { type: "END_CALL" },
      { type: "CREATE_ENGAGEMENT_SUCCEEDED", messageId: "x_2", data: { engagementId: "<b>7</b>" } },
      { type: "CREATE_ENGAGEMENT_SUCCEEDED", messageId: "x_3", data: null },
      {
        type: "CALLER_ID_MATCH_SUCCEEDED",
        messageId: "x_4",
        data: { callerIdMatches: "all of them" },
      },
    ]) {
      await postToApp(page, message);
    }
    await expect(app.getByRole("log")).toContainText(
      "CREATE_ENGAGEMENT_SUCCEEDED had no valid engagementId: ignored.",
    );
    await expect(callStatus(app)).toHaveText("Dialing");
    await expect(fact(app, "Call id")).toHaveText(callId ?? "");
    await app.getByRole("button", { name: "Answer" }).click();
    expect(await lastReceived(page, "CALL_ANSWERED")).toEqual({ externalCallId: callId });
    expect(errors).toEqual([]);
  });
});

test.describe("Load", () => {
  test("after a burst of 10,000 host messages the page answers a click at once, with DOM and memory bounded", async ({
    page,
  }) => {
    const errors = trackErrors(page);
    const app = await openStandIn(page);
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize;
    };
    const before = await heap();

    await page.evaluate((origin) => {
      const frame = document.querySelector("iframe")?.contentWindow;
      const filler = "x".repeat(1_000);
      for (let i = 0; i < 10_000; i++) {
        frame?.postMessage(
          {
            type: "VISIBILITY_CHANGED",
            messageId: `burst_${i}`,
            data: { isMinimized: false, isHidden: false, i, filler },
          },
          origin,
        );
      }
    }, SOFTPHONE_ORIGIN);
    await app.getByRole("button", { name: "Log in" }).click();
    await expect(callStatus(app)).toHaveText("Ready");
    await expect(app.getByRole("log")).toContainText('"i": 9999');

    const entries = await app.getByRole("log").getByRole("listitem").count();
    expect(entries).toBeLessThanOrEqual(200);
    const nodes = await app.locator("*").count();
    expect(nodes).toBeLessThan(3_000);
    // 10,000 payloads of 1 KB would be 10 MB if any were kept beyond the log's 200 entries.
    expect(await heap()).toBeLessThan(before + 4_000_000);
    expect(errors).toEqual([]);
  });
});
