/**
 * Checks for data that arrives as `unknown` (a host's payload, an app's message, saved state, a
 * relayed message). None of them throws.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `object` without its undefined fields, so optional ones are absent rather than undefined. */
export function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** A full `https://` address: the only kind HubSpot frames, and the only kind either page loads. */
export function isHttpsUrl(value: unknown): value is string {
  return typeof value === "string" && URL.canParse(value) && new URL(value).protocol === "https:";
}
