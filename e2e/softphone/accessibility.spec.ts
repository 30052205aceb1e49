import AxeBuilder from "@axe-core/playwright";
import type { Frame, Page } from "@playwright/test";
import axe from "axe-core";
import { expect, test } from "hubspot-calling-stand-in/test";
import { callStatus, moreActions, openStandIn, SOFTPHONE_ORIGIN } from "../standIn";

/** What is said of a violation: its rule, its impact, the elements it is on. */
interface Violation {
  readonly id: string;
  readonly impact?: axe.ImpactValue | null;
  readonly nodes: readonly { readonly target: axe.Result["nodes"][number]["target"] }[];
}

/** The serious and critical ones, each with the elements it is on. */
function serious(violations: readonly Violation[]): string[] {
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** axe-core's findings on the page, its frames included (about 3 s here). */
async function pageViolations(page: Page): Promise<string[]> {
  return serious((await new AxeBuilder({ page }).analyze()).violations);
}

/**
 * axe-core's findings in one frame's document, axe injected there once and run as often as asked:
 * the same rules as `pageViolations` on that frame, without injecting axe again into every frame
 * and finishing each run in a new page, as AxeBuilder does. What the frame's element in the page
 * must have (its title) is in the whole page's runs; a frame inside this one would go unchecked.
 */
async function frameChecker(frame: Frame): Promise<() => Promise<string[]>> {
  await frame.evaluate(axe.source);
  return async () =>
    serious(
      await frame.evaluate(async () => {
        const { axe: injected } = window as unknown as { axe: typeof axe };
        const { violations } = await injected.run(document, { resultTypes: ["violations"] });
        return violations.map(({ id, impact, nodes }) => ({
          id,
          impact,
          nodes: nodes.map(({ target }) => ({ target })),
        }));
      }),
    );
}

test.describe("Accessible to everyone who calls", () => {
  test("the softphone opened on its own, with every section open", async ({ page }) => {
    await page.goto(`${SOFTPHONE_ORIGIN}/`);
    await expect(page.getByRole("heading", { name: "Not running inside HubSpot" })).toBeVisible();
    await page.getByText("More actions").click();
    // A page of one document, no frame in it: axe run there, as in the softphone's frame below.
    const inPage = await frameChecker(page.mainFrame());
    expect(await inPage()).toEqual([]);
  });

  test("the softphone in the stand-in, in each phase of a call, and the stand-in itself", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await moreActions(app);
    const frame = page.frames().find((f) => f.url().startsWith(SOFTPHONE_ORIGIN));
    if (!frame) throw new Error("the softphone's frame is not in the stand-in");
    const inSoftphone = await frameChecker(frame);
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
      expect(await (whole ? pageViolations(page) : inSoftphone()), phase).toEqual([]);
    }
  });
});
