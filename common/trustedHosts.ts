/**
 * The origins allowed to host the softphone: HubSpot's app domains and, for local development,
 * any port on localhost. One list serves two guards: the servers' `frame-ancestors` header and
 * the check of the `hostUrl` the SDK reports in `onReady` (the SDK itself accepts the first
 * SYNC from any origin, so without this check any page could frame and drive the softphone).
 */
export const DEFAULT_TRUSTED_HOSTS: readonly string[] = [
  "https://*.hubspot.com",
  "https://*.hubspotqa.com",
  "https://localhost:*",
  "https://127.0.0.1:*",
];

/** Parses a comma- or space-separated list, as given in `SOFTPHONE_TRUSTED_HOSTS`. */
export function parseTrustedHosts(list: string | undefined): readonly string[] {
  const hosts = (list ?? "").split(/[\s,]+/).filter((host) => host.length > 0);
  return hosts.length > 0 ? hosts : DEFAULT_TRUSTED_HOSTS;
}

/**
 * Whether `origin` matches one of `patterns` (`scheme://host[:port]`, where the host may start
 * with `*.` for any subdomain and the port may be `*`). A pattern without a port matches only
 * the scheme's default port, as in CSP.
 */
export function isTrustedHost(origin: unknown, patterns: readonly string[]): boolean {
  if (typeof origin !== "string" || origin.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // An origin has no path, credentials, query or fragment: anything else is not an origin.
  if (url.origin !== origin.replace(/\/$/, "")) return false;
  return patterns.some((pattern) => matches(url, pattern));
}

function matches(url: URL, pattern: string): boolean {
  const found = /^(https?):\/\/(\*\.)?([^:/*]+)(?::(\d+|\*))?$/.exec(pattern);
  if (!found) return false;
  const [, scheme, wildcard, host, port] = found;
  if (url.protocol !== `${scheme}:`) return false;
  const hostMatches = wildcard
    ? url.hostname.endsWith(`.${host}`) && url.hostname.length > (host?.length ?? 0) + 1
    : url.hostname === host;
  if (!hostMatches) return false;
  if (port === "*") return true;
  return url.port === (port ?? "");
}
