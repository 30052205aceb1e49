/**
 * A check run without `--actions` uses the demo softphone's controls (Log in, Dial, …): right for
 * the demo, wrong for any other app, whose scenarios would all fail on a control it does not have.
 * So as the run starts (while Playwright's workers start, in the run's browser), the app is framed
 * once and looked at: where none of the demo's controls shows, the check stops the run and says to
 * write the app's own actions file.
 */
import type { Browser } from "@playwright/test";
import { type PageControl, SOFTPHONE_ACTIONS } from "../driver/actions";
import { StandIn } from "../driver/standIn";

/** The demo's controls a person sees before a call: one of them shows in the demo. */
const FIRST_SEEN = (["logIn", "logOut", "dial"] as const).flatMap((step) => {
  const controls = SOFTPHONE_ACTIONS[step];
  return Array.isArray(controls) ? (controls as readonly PageControl[]) : [];
});

/** How long the demo's first controls may take to show after the handshake. */
const SHOW_MS = 3_000;

/**
 * Whether one of the demo softphone's controls shows in `app`, framed in the stand-in at `standIn`
 * in a context of its own in the check's browser; null when the app could not be framed at all
 * (its handshake is the scenarios' to report).
 */
export async function demoControlsShow(
  app: string,
  standIn: string,
  browser: Browser,
): Promise<boolean | null> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    const driven = await StandIn.on(page, standIn);
    const opened = await driven.open(app).then(
      () => true,
      () => false,
    );
    if (!opened) return null;
    const deadline = Date.now() + SHOW_MS;
    do {
      for (const control of FIRST_SEEN) {
        if (!("role" in control)) continue;
        const target = driven.app.getByRole(control.role, {
          ...(control.name === undefined ? {} : { name: control.name }),
          ...(control.exact === undefined ? {} : { exact: control.exact }),
        });
        if (
          await target
            .first()
            .isVisible()
            .catch(() => false)
        )
          return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);
    return false;
  } finally {
    await context.close();
  }
}
