/**
 * The security scenario in a real browser: the app's headers read, then the app framed in a
 * trusted host (to time it) and from a host HubSpot would never be, as served and with its
 * frame-ancestors taken out. What the framings showed is judged in security.ts.
 */

import type { Browser, BrowserContext, LaunchOptions } from "@playwright/test";
import { MESSAGE } from "../../common/protocol";
import { errorText } from "../../common/text";
import { fixesOf } from "../contract/fixes";
import {
  type Framing,
  framingFindings,
  type Guard,
  headerVerdict,
  IMPOSTOR_HOST,
  IMPOSTOR_RULE,
} from "../contract/security";
import { internals, StandIn } from "../driver/standIn";
import { type Finding, type ScenarioResult, statusOf } from "./result";
import { SECURITY } from "./scenarios";

export interface SecuritySettings {
  readonly app: string;
  /** The stand-in, where HubSpot would frame the app; reached as `IMPOSTOR_HOST` too (see below). */
  readonly standIn: string;
  readonly handshakeTimeoutMs: number;
  readonly stepTimeoutMs: number;
}

/**
 * After its handshake in an untrusted host, the app is given this many times as long as it took to
 * send INITIALIZED after its handshake in a trusted one (at least `MIN_ALLOWANCE_MS`, at most a
 * step): an app that initialises there would have by then, however slowly it started.
 */
export const ALLOWANCE_FACTOR = 5;
export const MIN_ALLOWANCE_MS = 1_000;

/**
 * Reads the app's headers, then frames it in a trusted host (to time it) and from
 * `IMPOSTOR_HOST`, as served and (where it has a header that keeps other sites out) with that
 * header taken out, all at once.
 *
 * The untrusted host is the stand-in under another name, in a browser of its own launched like
 * `browser` (`launchOptions`) with that name resolved to the stand-in's address: a page the browser
 * knows is on this machine, so it may frame an app on localhost as HubSpot's page may (a name
 * answered by request interception instead has no address, and Chromium's local network access
 * checks refuse its frames).
 */
export async function runSecurity(
  browser: Browser,
  launchOptions: LaunchOptions,
  settings: SecuritySettings,
): Promise<ScenarioResult> {
  const findings: Finding[] = [];
  let guard: Guard = "none";
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const response = await context.request.get(settings.app, { failOnStatusCode: false });
    const verdict = headerVerdict(response.headers());
    guard = verdict.guard;
    findings.push(verdict.finding);
  } catch (error) {
    findings.push({
      ok: false,
      severity: "error",
      text: `could not load the app: ${errorText(error)}`,
    });
  } finally {
    await context.close();
  }
  const standIn = new URL(settings.standIn);
  const impostor = `https://${IMPOSTOR_HOST}:${standIn.port || 443}/`;
  const strip = guard === "hubspot" || guard === "not-hubspot" || guard === "deny";
  // The check's own browser resolves the untrusted name already (its config); a team's does not.
  const resolves = launchOptions.args?.includes(IMPOSTOR_RULE(standIn.hostname)) === true;
  const elsewhere = resolves
    ? browser
    : await browser.browserType().launch({
        ...launchOptions,
        args: [...(launchOptions.args ?? []), IMPOSTOR_RULE(standIn.hostname)],
      });
  try {
    const trusted = framedAt(browser, settings.standIn, settings, false, null);
    const allowance = trusted.then(({ initialisedAfterMs }) =>
      initialisedAfterMs === null
        ? settings.stepTimeoutMs
        : Math.min(
            settings.stepTimeoutMs,
            Math.max(MIN_ALLOWANCE_MS, ALLOWANCE_FACTOR * initialisedAfterMs),
          ),
    );
    const [served, stripped] = await Promise.all([
      framedAt(elsewhere, impostor, settings, false, allowance),
      strip ? framedAt(elsewhere, impostor, settings, true, allowance) : Promise.resolve(null),
      trusted,
    ]);
    findings.push(...framingFindings(guard, impostor, served.framing, stripped?.framing ?? null));
  } finally {
    if (elsewhere !== browser) await elsewhere.close();
  }
  const status = statusOf([], findings);
  return {
    id: SECURITY.id,
    title: SECURITY.title,
    status,
    steps: [],
    findings,
    ...fixesOf({ status, steps: [], findings }),
  };
}

/**
 * Frames the app from `standIn` and reports what it did, and how long after its handshake it sent
 * INITIALIZED. The wait starts at the handshake, not at the page's load: a slow app (seconds of
 * scripts before its SDK) has the handshake's whole time to answer SYNC, then `allowance` (a step,
 * when none is given) to initialise, so its verdict does not depend on how long it took to start.
 */
async function framedAt(
  browser: Browser,
  standIn: string,
  settings: SecuritySettings,
  stripHeader: boolean,
  allowance: Promise<number> | null,
): Promise<{ framing: Framing; initialisedAfterMs: number | null }> {
  const { app } = settings;
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    if (stripHeader) await stripFrameGuards(context, app);
    const page = await context.newPage();
    // The browser shows its own error page in a frame it refuses to load.
    const refused = new Promise<"blocked">((resolve) =>
      page.on("framenavigated", (frame) => {
        if (frame !== page.mainFrame() && frame.url().startsWith("chrome-error:"))
          resolve("blocked");
      }),
    );
    const driver = internals(await StandIn.on(page, standIn)).evidence;
    const url = new URL(standIn);
    url.searchParams.set("app", app);
    await page.goto(url.href);
    // Refused, the frame will not answer: the wait for it ends with the race, no timer left behind.
    const lost = new AbortController();
    const handshake = driver
      .until((t) => t.some((e) => "frame" in e), settings.handshakeTimeoutMs, lost.signal)
      .then((answered) => (answered ? ("answered" as const) : ("silent" as const)));
    const first = await Promise.race([refused, handshake]);
    lost.abort();
    if (first !== "answered") return { framing: first, initialisedAfterMs: null };
    const answeredAt = Date.now();
    const wait = allowance ? await allowance : settings.stepTimeoutMs;
    const initialised = await driver.until(
      (t) => t.some((e) => "from" in e && e.type === MESSAGE.INITIALIZED),
      Math.max(0, answeredAt + wait - Date.now()),
    );
    return initialised
      ? { framing: "initialised", initialisedAfterMs: Date.now() - answeredAt }
      : { framing: "refused", initialisedAfterMs: null };
  } finally {
    await context.close();
  }
}

/** Takes frame-ancestors (and X-Frame-Options) out of the app's page as the browser gets it. */
async function stripFrameGuards(context: BrowserContext, app: string): Promise<void> {
  const origin = new URL(app).origin;
  await context.route(
    (url) => url.origin === origin,
    async (route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      // An app that cannot be reached fails here as in a browser, not as a crash of the check.
      const response = await route.fetch().catch(() => null);
      if (!response) return route.abort("connectionrefused");
      const headers = { ...response.headers() };
      const csp = headers["content-security-policy"];
      if (csp)
        headers["content-security-policy"] = csp
          .split(";")
          .filter((d) => !/^\s*frame-ancestors\b/i.test(d))
          .join(";");
      delete headers["x-frame-options"];
      await route.fulfill({ response, headers });
    },
  );
}
