import { expect, test } from "hubspot-calling-stand-in/test";
import { FIXTURE_URL, SOFTPHONE_URL, UNUSED_PORT } from "../../common/ports";

/**
 * The kit's fixture as a calling-app team's own tests use it: `standIn` frames the app, does what
 * HubSpot does, and judges the app's calls whole (`findings()`), as the check does.
 */
test.describe("The stand-in fixture in a team's own test", () => {
  test("a whole call on this softphone: one call to the number dialled, completed with its engagement", async ({
    standIn,
  }) => {
    await standIn.open(SOFTPHONE_URL);
    const app = standIn.app;
    await app.getByRole("button", { name: "Log in" }).click();
    await app.getByLabel("From number").fill("+1 555-010-0000");
    await standIn.call({ name: "Ada Lovelace" });
    await app.getByRole("button", { name: "Dial" }).click();
    const started = await standIn.waitFor("OUTGOING_CALL_STARTED");
    expect(started.data).toMatchObject({ toNumber: "+1 617-555-0101" });
    for (const name of ["Answer", "End"])
      await app.getByRole("button", { name, exact: true }).click();
    await app.getByRole("button", { name: "Complete" }).click();
    await standIn.waitFor("CALL_COMPLETED");
    expect(standIn.findings()).toEqual([]);
    expect(await standIn.violations()).toEqual([]);
    expect(standIn.calls()).toHaveLength(1);
  });

  test("findings() names what the check would: a call completed with engagement id 0 after HubSpot created one", async ({
    standIn,
  }) => {
    // The fixture app dials by itself on DIAL_NUMBER, and forgets the engagement when completing.
    await standIn.open(`${FIXTURE_URL}?style=auto-dial&fault=forgets-engagement`);
    const app = standIn.app;
    await app.getByRole("button", { name: "Log in" }).click();
    await standIn.waitFor("LOGGED_IN");
    await standIn.call();
    await standIn.waitFor("OUTGOING_CALL_STARTED");
    for (const name of ["Answer", "End"])
      await app.getByRole("button", { name, exact: true }).click();
    await app.getByRole("button", { name: "Complete" }).click();
    await standIn.waitFor("CALL_COMPLETED");
    // Each message on its own breaks no rule: only the call as a whole does.
    expect(await standIn.violations()).toEqual([]);
    expect(standIn.findings()).toEqual([
      {
        rule: "call-engagement",
        ok: false,
        severity: "error",
        text: expect.stringMatching(
          /^CALL_COMPLETED carries the engagement HubSpot created for that call \(none when it created none\): call 1 \(".*", outbound\): CALL_COMPLETED carries engagementId 0, HubSpot created 5000\d$/,
        ),
      },
    ]);
  });

  test("an app nobody started is said at once, not after the handshake's 15 s", async ({
    standIn,
  }) => {
    const unserved = `https://localhost:${UNUSED_PORT}/`;
    // The handshake's own wait would end saying SYNC had no answer: this is said instead of it.
    await expect(standIn.open(unserved)).rejects.toThrow(
      `cannot load ${unserved} (ECONNREFUSED): is the app served there? Serve it before the tests, or let Playwright start it (its webServer option).`,
    );
  });

  test.describe("the app fixture: the actions file's steps", () => {
    // A control that never shows is given 3 × 300 ms here, not the default 15 s.
    test.use({
      appUrl: SOFTPHONE_URL,
      actions: { dial: { role: "button", name: "Ring" }, answer: "none" },
      stepTimeoutMs: 300,
    });

    test("a step whose control never shows throws, naming it; a step declared absent uses none", async ({
      standIn,
      app,
    }) => {
      await standIn.open();
      // What the app shows instead, the nearest name first: the mistake a team makes most.
      await expect(app.do("dial")).rejects.toThrow(
        /^the step dial did not work: button "Ring": locator\.click: Timeout 900ms exceeded\. \(no such control showed; shown as button: "Dial", "[^"]+", "[^"]+", "[^"]+", "[^"]+" and \d+ more\)$/,
      );
      await expect(app.do("answer")).resolves.toEqual({ acted: false });
    });
  });
});
