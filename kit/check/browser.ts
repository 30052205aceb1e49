/**
 * The check's one browser, launched by the command before the scenarios start: a context per
 * scenario, and one for the look for the demo's controls. A run in the command's own process
 * (inProcess.ts) drives it there; a Playwright Test run gets it as a server every worker connects
 * to: one browser's start per run instead of one per worker, and a worker Playwright starts again
 * after a failed scenario connects again instead of launching a browser.
 */
import { type ChromiumLaunch, chromiumLaunch } from "../../common/chromium";
import { IMPOSTOR_RULE } from "../contract/security";

/**
 * How the check's browser is launched: Chromium as HubSpot's users have it (third-party storage
 * partitioned), with the security scenario's untrusted host resolved to the stand-in (served on
 * 127.0.0.1), so that scenario needs no second browser. Null when there is no Chromium.
 */
export function checkLaunchOptions(): ChromiumLaunch | null {
  const launch = chromiumLaunch({ asUsersHaveIt: true });
  if (!launch) return null;
  return { ...launch, args: [...launch.args, IMPOSTOR_RULE("127.0.0.1")] };
}
