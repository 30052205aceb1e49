/** Helpers for driving the softphone inside the HubSpot stand-in, as a user and as HubSpot. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, expect, type FrameLocator, type Page } from "@playwright/test";
import type {} from "hubspot-calling-stand-in/test";
import { chromiumLaunch, NO_CHROMIUM } from "../common/chromium";
import { DEV_URL, HOST_URL, SOFTPHONE_URL } from "../common/ports";

/** The softphone's production build, where the stand-in (like HubSpot's "local" demo) looks for it. */
export const SOFTPHONE_ORIGIN = new URL(SOFTPHONE_URL).origin;
/** `npm start`'s dev server, on its own port during the tests. */
export const DEV_ORIGIN = new URL(DEV_URL).origin;
export const STAND_IN_ORIGIN = new URL(HOST_URL).origin;

/**
 * `expect.poll` that looks again every 20 ms. Messages cross frames in a few milliseconds, and
 * Playwright's default waits 100, then 250, then 500 ms between looks: most of a test's time.
 */
export function poll<T>(actual: () => T | Promise<T>) {
  return expect.poll(actual, { intervals: [20] });
}

/** The softphone, as the user sees it inside the stand-in's calling widget. */
export function softphone(page: Page): FrameLocator {
  return page.frameLocator("#hubspot-calling-extension-iframe");
}

/** Opens the stand-in and waits until the softphone has answered the handshake. */
export async function openStandIn(page: Page, query = ""): Promise<FrameLocator> {
  await page.goto(`/${query}`);
  const app = softphone(page);
  await expect(callStatus(app)).toHaveText("Logged out");
  await poll(() => receivedTypes(page)).toContain("INITIALIZED");
  return app;
}

export interface Message {
  type: string;
  data?: unknown;
}

/** What HubSpot (the stand-in) has received from the app, in order. */
export function received(page: Page): Promise<Message[]> {
  return page.evaluate(() => window.standIn.received().map(({ type, data }) => ({ type, data })));
}

export async function receivedTypes(page: Page): Promise<string[]> {
  return (await received(page)).map((message) => message.type);
}

/** The last message of `type` HubSpot received, once it has arrived. */
export async function lastReceived(page: Page, type: string): Promise<Record<string, unknown>> {
  await poll(() => receivedTypes(page)).toContain(type);
  const all = await received(page);
  const message = all.filter((m) => m.type === type).at(-1);
  return (message?.data ?? {}) as Record<string, unknown>;
}

export function sent(page: Page): Promise<Message[]> {
  return page.evaluate(() => window.standIn.sent().map(({ type, data }) => ({ type, data })));
}

/** Sends a message to the app as HubSpot would. */
export async function sendFromHubSpot(page: Page, type: string, data?: unknown): Promise<void> {
  const ok = await page.evaluate(([t, d]) => window.standIn.send(t as string, d), [
    type,
    data,
  ] as const);
  expect(ok, `the stand-in could send ${type}`).toBe(true);
}

/** The engagements on the stand-in's timeline. */
export function engagements(page: Page) {
  return page.evaluate(() => window.standIn.engagements());
}

export function violations(page: Page) {
  return page.evaluate(() => window.standIn.violations());
}

/** Logs in and fills the From number: the state every call starts from. */
export async function logIn(app: FrameLocator, fromNumber = "+1 555-010-0000"): Promise<void> {
  await app.getByRole("button", { name: "Log in" }).click();
  await app.getByLabel("From number").fill(fromNumber);
}

export function callStatus(app: FrameLocator) {
  return app.getByRole("status", { name: "Call status" });
}

export function notice(app: FrameLocator) {
  return app.getByRole("status", { name: "Notice" });
}

/** The value the softphone shows beside `label` in its facts list (Call id, Engagement, ...). */
export function fact(app: FrameLocator, label: string) {
  return app.locator("dt", { hasText: label }).locator("+ dd");
}

/** Opens the softphone's "More actions" section. */
export async function moreActions(app: FrameLocator): Promise<void> {
  await app.getByText("More actions").click();
}

/**
 * Posts a raw message to HubSpot from inside the app's frame, from the app's own origin: how a
 * calling app that gets the protocol wrong would talk to the stand-in.
 */
export async function postAsApp(page: Page, type: string, data?: unknown): Promise<void> {
  const frame = page.frames().find((f) => f.url().startsWith(SOFTPHONE_ORIGIN));
  if (!frame) throw new Error("the softphone's frame is not loaded");
  await frame.evaluate(
    ([t, d, origin]) =>
      window.parent.postMessage({ type: t, data: d, messageId: `probe_${Math.random()}` }, origin),
    [type, data, STAND_IN_ORIGIN] as const,
  );
}

/** Places a call to `phone` from the softphone, up to `phase`. */
export async function placeCall(
  app: FrameLocator,
  phone: string,
  until: "dialing" | "connected" | "ended",
): Promise<void> {
  await app.getByLabel("Phone number").fill(phone);
  await app.getByRole("button", { name: "Dial" }).click();
  await expect(callStatus(app)).toHaveText("Dialing");
  if (until === "dialing") return;
  await app.getByRole("button", { name: "Answer" }).click();
  if (until === "connected") return;
  await app.getByRole("button", { name: "End" }).click();
  await expect(callStatus(app)).toHaveText("Ended");
}

/** The softphone's error line: failures stay there until the user's next action. */
export function failure(app: FrameLocator) {
  return app.getByRole("alert");
}

/**
 * Runs `use` on a page of the whole Chromium (the tests' own is a headless shell, which has no
 * cookie settings), in a new profile: by default its third-party storage is blocked, as in Chrome's
 * Incognito; `preferences` go in the profile's Preferences file first.
 */
export async function inWholeBrowser(
  use: (page: Page) => Promise<void>,
  preferences?: Record<string, unknown>,
): Promise<void> {
  const launch = chromiumLaunch({ wholeBrowser: true });
  if (!launch) throw new Error(NO_CHROMIUM);
  const profile = mkdtempSync(join(tmpdir(), "softphone-profile-"));
  if (preferences) {
    mkdirSync(join(profile, "Default"));
    writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify(preferences));
  }
  const context = await chromium.launchPersistentContext(profile, {
    ...launch,
    ignoreHTTPSErrors: true,
  });
  try {
    await use(context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
