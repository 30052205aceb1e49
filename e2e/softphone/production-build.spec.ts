import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Request } from "@playwright/test";
import { expect, test } from "hubspot-calling-stand-in/test";
import { callStatus, lastReceived, logIn, receivedTypes, SOFTPHONE_ORIGIN } from "../standIn";

/** `npm run build` served by `vite preview`, where the stand-in looks for the softphone. */
const BUILD = SOFTPHONE_ORIGIN;

test.describe("The production build", () => {
  test("runs a call inside the stand-in and loads nothing from any other host", async ({
    page,
  }) => {
    const requests: Request[] = [];
    page.on("request", (request) => requests.push(request));
    await page.goto("/");
    const app = page.frameLocator("#hubspot-calling-extension-iframe");
    await expect(callStatus(app)).toHaveText("Logged out");

    await logIn(app);
    await app.getByLabel("Phone number").fill("+1 617-555-0102");
    await app.getByRole("button", { name: "Dial" }).click();
    expect(await lastReceived(page, "OUTGOING_CALL_STARTED")).toMatchObject({
      toNumber: "+1 617-555-0102",
    });
    expect(await receivedTypes(page)).toEqual([
      "INITIALIZED",
      "LOGGED_IN",
      "OUTGOING_CALL_STARTED",
    ]);

    const fromApp = requests.filter((r) => r.frame().url().startsWith(BUILD));
    expect(fromApp.map((r) => r.url())).toContain(`${BUILD}/`);
    expect(fromApp.length).toBeGreaterThanOrEqual(2); // the page and its script
    for (const request of fromApp) expect(new URL(request.url()).origin).toBe(BUILD);
  });
});

test.describe("npm run preview", () => {
  test("before npm run build, says to build instead of serving 404s", async () => {
    const empty = mkdtempSync(join(tmpdir(), "no-build-"));
    const run = spawnSync(resolve("node_modules/.bin/tsx"), [resolve("scripts/built.ts")], {
      cwd: empty,
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "There is no build to serve: run `npm run build` first (it writes dist/).\n",
    );
    // And it is what `npm run preview` runs first.
    expect(JSON.parse(readFileSync("package.json", "utf8")).scripts.prepreview).toBe(
      "node --import tsx scripts/built.ts",
    );
  });
});
