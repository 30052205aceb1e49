import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import { callStatus, moreActions, openStandIn, SOFTPHONE_ORIGIN } from "../standIn";

/**
 * axe-core's serious and critical findings on the page, its frames included, or only in the
 * elements `within` selects (the softphone's frame: 2 s to analyse here, the whole stand-in 3.3 s).
 */
async function seriousViolations(page: Page, within?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (within ? builder.include(within) : builder).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.describe("Accessible to everyone who calls", () => {
  test("the softphone opened on its own, with every section open", async ({ page }) => {
    await page.goto(`${SOFTPHONE_ORIGIN}/`);
    await expect(page.getByRole("heading", { name: "Not running inside HubSpot" })).toBeVisible();
    await page.getByText("More actions").click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the softphone in the stand-in, in each phase of a call, and the stand-in itself", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await moreActions(app);
    const phases: [string, () => Promise<unknown>][] = [
      ["Logged out", async () => {}],
      ["Ready", () => app.getByRole("button", { name: "Log in" }).click()],
      [
        "Dialing",
        () =>
          page
            .getByRole("button", { name: "Call Ada Lovelace at +1 617-555-0101" })
            .click()
            .then(() => app.getByRole("button", { name: "Dial" }).click()),
      ],
      ["Connected", () => app.getByRole("button", { name: "Answer" }).click()],
      ["Ended", () => app.getByRole("button", { name: "End", exact: true }).click()],
    ];
    // The stand-in whole at the start and at the end of the call; the softphone in between.
    for (const [i, [phase, reach]] of phases.entries()) {
      await reach();
      await expect(callStatus(app)).toHaveText(phase);
      const whole = i === 0 || i === phases.length - 1;
      const within = whole ? undefined : "#hubspot-calling-extension-iframe";
      expect(await seriousViolations(page, within), phase).toEqual([]);
    }
  });
});
