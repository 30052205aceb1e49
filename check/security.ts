/**
 * The security scenario. Two guards keep a page other than HubSpot from framing a calling app and
 * driving it (placing calls in the user's name): the `frame-ancestors` header, which the browser
 * enforces, and the app's own check of the host the SDK reports, which holds where the header is
 * lost (a proxy, a static host that cannot set headers). The header is read from the app's
 * response; each guard is then tried in a real browser, from a host HubSpot would never be.
 */
import type { Browser, BrowserContext } from "@playwright/test";
import { errorText } from "../common/text";
import { isTrustedHost } from "../common/trustedHosts";
import { type Finding, type ScenarioResult, statusOf } from "./result";
import { SECURITY } from "./scenarios";
import { StandIn } from "./standIn";

/** A host name no app should trust; the check's browser resolves it to the stand-in. */
export const IMPOSTOR_HOST = "hubspot-impostor.example";
/** Where HubSpot's users open records: an app must let these frame it. */
export const HUBSPOT_ORIGINS = ["https://app.hubspot.com", "https://app-eu1.hubspot.com"];

/** The `frame-ancestors` sources of a Content-Security-Policy header, or null when it has none. */
export function frameAncestors(csp: string | undefined): string[] | null {
  if (!csp) return null;
  // Several policies may be joined with commas; each must allow the framing.
  for (const policy of csp.split(",")) {
    for (const directive of policy.split(";")) {
      const [name, ...sources] = directive.trim().split(/\s+/);
      if (name?.toLowerCase() === "frame-ancestors") return sources;
    }
  }
  return null;
}

/** A CSP source as an origin pattern `isTrustedHost` reads (`*.hubspot.com` → `https://*.hubspot.com`). */
function asPattern(source: string): string | null {
  if (source.startsWith("'")) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : `https://${source}`;
  return withScheme.replace(/\/$/, "");
}

/**
 * Who the app's response lets frame it: nobody said (`none`), any site (`any`), a list that leaves
 * HubSpot out (`not-hubspot`), X-Frame-Options against framing (`deny`), or HubSpot (`hubspot`).
 */
export type Guard = "none" | "any" | "not-hubspot" | "deny" | "hubspot";

/** What the app's response headers say about who may frame it. */
export function headerVerdict(headers: Readonly<Record<string, string>>): {
  readonly guard: Guard;
  readonly finding: Finding;
} {
  const sources = frameAncestors(headers["content-security-policy"]);
  const xfo = headers["x-frame-options"]?.trim().toUpperCase();
  const fails = (guard: Guard, text: string) => ({
    guard,
    finding: { rule: "frame-ancestors", ok: false, severity: "error" as const, text },
  });
  if (sources === null) {
    if (xfo === "DENY" || xfo === "SAMEORIGIN")
      return fails("deny", `X-Frame-Options ${xfo}: HubSpot cannot frame the app`);
    return fails(
      "none",
      "no frame-ancestors in a Content-Security-Policy header: any site can frame the app",
    );
  }
  const shown = sources.join(" ") || "(empty)";
  if (sources.some((s) => s === "*" || /^https?:$/i.test(s)))
    return fails("any", `frame-ancestors ${shown} lets any site frame the app`);
  const patterns = sources.map(asPattern).filter((p): p is string => p !== null);
  const refused = HUBSPOT_ORIGINS.filter((origin) => !isTrustedHost(origin, patterns));
  if (refused.length > 0)
    return fails(
      "not-hubspot",
      `frame-ancestors ${shown} keeps HubSpot (${refused.join(", ")}) from framing the app`,
    );
  return {
    guard: "hubspot",
    finding: {
      rule: "frame-ancestors",
      ok: true,
      severity: "error",
      text: `frame-ancestors ${shown}: HubSpot may frame the app, other sites may not`,
    },
  };
}

/** The first line of `headerVerdict`, for a report that only needs the finding. */
export function headerFindings(headers: Readonly<Record<string, string>>): Finding[] {
  return [headerVerdict(headers).finding];
}

/**
 * What happened when an untrusted host framed the app: the browser would not frame it
 * (`blocked`), the app never answered SYNC (`silent`), it answered SYNC and sent no INITIALIZED
 * (`refused`), or it initialised (`initialised`).
 */
export type Framing = "blocked" | "silent" | "refused" | "initialised";

/**
 * What the two framings from an untrusted host say, worded for what is true of the app's guard:
 * the header taken out is tried only where the app has one to take out (`stripped` is null else).
 */
export function framingFindings(
  guard: Guard,
  impostor: string,
  served: Framing,
  stripped: Framing | null,
): Finding[] {
  const findings: Finding[] = [];
  const rule = "untrusted-host";
  if (served === "initialised")
    findings.push({
      rule,
      ok: false,
      severity: "error",
      text: `the app sent INITIALIZED inside an untrusted host (${impostor}): any page can frame it and drive it`,
    });
  else
    findings.push({
      rule,
      ok: true,
      severity: "error",
      text:
        served === "blocked"
          ? `the browser would not frame the app at an untrusted host (${impostor}): its headers keep it out`
          : `the app did not initialise inside an untrusted host (${impostor}): it checks the host itself${guard === "none" || guard === "any" ? ", its only guard (its headers let any site frame it)" : ""}`,
    });
  if (stripped === null) return findings;
  const alone = stripped === "initialised";
  findings.push({
    rule,
    ok: !alone,
    severity: "warning",
    text: alone
      ? "with frame-ancestors taken out of its response, the app initialises inside an untrusted host: the header is its only guard"
      : "with frame-ancestors taken out of its response, the app still refuses an untrusted host: it checks the host itself",
  });
  return findings;
}

export interface SecuritySettings {
  readonly app: string;
  /** The stand-in, where HubSpot would frame the app; reached as `IMPOSTOR_HOST` on its port. */
  readonly standIn: string;
  readonly standInPort: number;
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
 */
export async function runSecurity(
  browser: Browser,
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
  const impostor = `https://${IMPOSTOR_HOST}:${settings.standInPort}/`;
  const strip = guard === "hubspot" || guard === "not-hubspot" || guard === "deny";
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
    framedAt(browser, impostor, settings, false, allowance),
    strip ? framedAt(browser, impostor, settings, true, allowance) : Promise.resolve(null),
    trusted,
  ]);
  findings.push(...framingFindings(guard, impostor, served.framing, stripped?.framing ?? null));
  return {
    id: SECURITY.id,
    title: SECURITY.title,
    status: statusOf([], findings),
    steps: [],
    findings,
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
    const driver = await StandIn.on(page, standIn);
    const url = new URL(standIn);
    url.searchParams.set("app", app);
    await page.goto(url.href);
    const handshake = driver
      .until((t) => t.some((e) => "frame" in e), settings.handshakeTimeoutMs)
      .then((answered) => (answered ? ("answered" as const) : ("silent" as const)));
    const first = await Promise.race([refused, handshake]);
    if (first !== "answered") return { framing: first, initialisedAfterMs: null };
    const answeredAt = Date.now();
    const wait = allowance ? await allowance : settings.stepTimeoutMs;
    const initialised = await driver.until(
      (t) => t.some((e) => "from" in e && e.type === "INITIALIZED"),
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
