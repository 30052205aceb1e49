/**
 * The note the kit's probe posts from the app's frame to the stand-in once the app has handled a
 * message HubSpot sent it (kit/driver/probe.ts posts it, kit/stand-in/page/handled.ts waits for
 * it): `{ [HANDLED_KEY]: messageId }`. Not a message of the protocol: the stand-in takes it before
 * the SDK sees anything.
 */
export const HANDLED_KEY = "__hubspotStandInHandled";

/** The message id a value from the app's frame says was handled, if it is the probe's note. */
export function handledId(data: unknown): string | null {
  if (typeof data !== "object" || data === null) return null;
  try {
    const id = (data as Record<string, unknown>)[HANDLED_KEY];
    return typeof id === "string" ? id.slice(0, 100) : null;
  } catch {
    return null;
  }
}
