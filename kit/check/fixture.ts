/**
 * The seam: one Playwright Test fixture through which everything reaches the stand-in. `standIn`
 * frames an app and does what HubSpot does (call a record, end the call, minimise, fault switches,
 * any message); it hears the app's messages, calls, violations and errors. `app` takes the user's
 * steps on the app's own controls, from an actions file. The check's scenarios are tests written
 * on it, and so can a calling-app team's own.
 */
import { test as base } from "@playwright/test";
import { type Actions, SOFTPHONE_ACTIONS } from "./actions";
import { AppControls } from "./appControls";
import { StandIn } from "./standIn";

export interface StandInOptions {
  /** Where the stand-in is served (its page, e.g. https://127.0.0.1:41234/). */
  readonly standInUrl: string;
  /** The app's controls for each of the user's steps (default: this softphone's). */
  readonly actions: Actions;
  /** How long a step waits for the app's messages. */
  readonly stepTimeoutMs: number;
}

export interface StandInFixtures {
  readonly standIn: StandIn;
  readonly app: AppControls;
}

export const test = base.extend<StandInFixtures & StandInOptions>({
  standInUrl: [process.env.HUBSPOT_STAND_IN_URL ?? "", { option: true }],
  actions: [SOFTPHONE_ACTIONS, { option: true }],
  stepTimeoutMs: [5_000, { option: true }],
  standIn: async ({ page, standInUrl }, use) => {
    if (!standInUrl)
      throw new Error(
        "no stand-in to frame the app in: set the standInUrl option (or HUBSPOT_STAND_IN_URL)",
      );
    await use(await StandIn.on(page, standInUrl));
  },
  app: async ({ standIn, actions, stepTimeoutMs, page }, use) => {
    await use(new AppControls(standIn.app, actions, page.context().request, stepTimeoutMs));
  },
});

export { expect } from "@playwright/test";
