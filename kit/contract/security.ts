/**
 * The security scenario's judgement (its browser part is securityScenario.ts). Two guards keep a page other than HubSpot from framing a calling app and
 * driving it (placing calls in the user's name): the `frame-ancestors` header, which the browser
 * enforces, and the app's own check of the host the SDK reports, which holds where the header is
 * lost (a proxy, a static host that cannot set headers). The header is read from the app's
 * response; each guard is then tried in a real browser, from a host HubSpot would never be.
 */
import { isTrustedHost } from "../../common/trustedHosts";
import type { Finding } from "./finding";

/** A host name no app should trust: the security scenario serves the stand-in there. */
export const IMPOSTOR_HOST = "hubspot-impostor.example";
/** The launch flag that makes a browser resolve the untrusted host to the stand-in at `host`. */
export const IMPOSTOR_RULE = (host: string) => `--host-resolver-rules=MAP ${IMPOSTOR_HOST} ${host}`;

/** Where HubSpot's users open records: an app must let these frame it. */
export const HUBSPOT_ORIGINS = ["https://app.hubspot.com", "https://app-eu1.hubspot.com"];

/** The security scenario's rules, with what to do about each. */
export const SECURITY_RULES = {
  "frame-ancestors": {
    text: "The app's Content-Security-Policy lets HubSpot frame it, and no other site",
    fix: "Send Content-Security-Policy: frame-ancestors https://*.hubspot.com (and the hosts you test from) with the app's page.",
  },
  "untrusted-host": {
    text: "The app sends nothing, not even INITIALIZED, to a host other than HubSpot",
    fix: "Check onReady's hostUrl against HubSpot's origins, and send nothing to any other host.",
  },
} as const;

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
      ? "with frame-ancestors taken out of its response, the app initialises inside an untrusted host: the header is its only guard (a proxy or a server that drops it leaves none); check onReady's hostUrl against HubSpot's domains before calling initialized, as a second"
      : "with frame-ancestors taken out of its response, the app still refuses an untrusted host: it checks the host itself",
  });
  return findings;
}
