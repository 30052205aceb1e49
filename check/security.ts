/**
 * The security scenario. Two guards keep a page other than HubSpot from framing a calling app and
 * driving it (placing calls in the user's name): the `frame-ancestors` header, which the browser
 * enforces, and the app's own check of the host the SDK reports, which holds where the header is
 * lost (a proxy, a static host that cannot set headers). The header is read from the app's
 * response; each guard is then tried in a real browser, from a host HubSpot would never be.
 */
import type { Browser } from "@playwright/test";
import { errorText } from "../common/text";
import { isTrustedHost } from "../common/trustedHosts";
import { StandInDriver } from "./driver";
import { type Finding, type ScenarioResult, statusOf } from "./result";
import { SECURITY } from "./scenarios";

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

/** What the app's response headers say about who may frame it. */
export function headerFindings(headers: Readonly<Record<string, string>>): Finding[] {
  const sources = frameAncestors(headers["content-security-policy"]);
  const xfo = headers["x-frame-options"]?.trim().toUpperCase();
  if (sources === null) {
    if (xfo === "DENY" || xfo === "SAMEORIGIN")
      return [
        {
          ok: false,
          severity: "error",
          text: `X-Frame-Options ${xfo}: HubSpot cannot frame the app`,
        },
      ];
    return [
      {
        ok: false,
        severity: "error",
        text: "no frame-ancestors in a Content-Security-Policy header: any site can frame the app and drive it",
      },
    ];
  }
  const shown = sources.join(" ") || "(empty)";
  if (sources.some((s) => s === "*" || /^https?:$/i.test(s)))
    return [
      {
        ok: false,
        severity: "error",
        text: `frame-ancestors ${shown} lets any site frame the app`,
      },
    ];
  const patterns = sources.map(asPattern).filter((p): p is string => p !== null);
  const refused = HUBSPOT_ORIGINS.filter((origin) => !isTrustedHost(origin, patterns));
  if (refused.length > 0)
    return [
      {
        ok: false,
        severity: "error",
        text: `frame-ancestors ${shown} keeps HubSpot (${refused.join(", ")}) from framing the app`,
      },
    ];
  return [
    {
      ok: true,
      severity: "error",
      text: `frame-ancestors ${shown}: HubSpot may frame the app, other sites may not`,
    },
  ];
}

/**
 * Frames the app from `IMPOSTOR_HOST`, as served and then with `frame-ancestors` taken out of its
 * response, and reports whether it sent INITIALIZED (it should not, either way).
 */
export async function runSecurity(
  browser: Browser,
  app: string,
  standInPort: number,
  waitMs: number,
): Promise<ScenarioResult> {
  const findings: Finding[] = [];
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const response = await context.request.get(app, { failOnStatusCode: false });
    findings.push(...headerFindings(response.headers()));
  } catch (error) {
    findings.push({
      ok: false,
      severity: "error",
      text: `could not load the app: ${errorText(error)}`,
    });
  } finally {
    await context.close();
  }
  const impostor = `https://${IMPOSTOR_HOST}:${standInPort}/`;
  const served = await initialisesAt(browser, impostor, app, waitMs, false);
  findings.push({
    ok: !served,
    severity: "error",
    text: served
      ? `the app sent INITIALIZED inside an untrusted host (${impostor}): any page can drive it`
      : `the app did not initialise inside an untrusted host (${impostor})`,
  });
  const bare = await initialisesAt(browser, impostor, app, waitMs, true);
  findings.push({
    ok: !bare,
    severity: "warning",
    text: bare
      ? "with frame-ancestors taken out of its response, the app initialises inside an untrusted host: the header is its only guard"
      : "with frame-ancestors taken out of its response, the app still refuses an untrusted host: it checks the host itself",
  });
  return {
    id: SECURITY.id,
    title: SECURITY.title,
    status: statusOf([], findings),
    steps: [],
    findings,
  };
}

async function initialisesAt(
  browser: Browser,
  standIn: string,
  app: string,
  waitMs: number,
  stripHeader: boolean,
): Promise<boolean> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    if (stripHeader) {
      await context.route(
        (url) => url.href.startsWith(new URL(app).origin),
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
    const page = await context.newPage();
    const driver = await StandInDriver.on(page, waitMs);
    const url = new URL(standIn);
    url.searchParams.set("app", app);
    await page.goto(url.href);
    const { missing } = await driver.waitFor(["INITIALIZED"], 0, waitMs);
    return missing.length === 0;
  } finally {
    await context.close();
  }
}
