import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { expect, test } from "hubspot-calling-stand-in/test";
import { HOST_URL, RESTART_PORT, SOFTPHONE_URL } from "../../common/ports";
import { SETTINGS_FILE } from "../paths";
import { callStatus, fact, softphone } from "../standIn";

/** The stand-in's documented default key (host/settingsServer.ts). */
const KEY = "stand-in-developer-key";

const COMMAND = "node_modules/.bin/calling-stand-in";

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `calling-stand-in settings …` as a process, as a developer would, against the stand-in over
 * HTTPS: the installed command run by Node (npx's own lookup left out; the package's test uses npx).
 */
function settings(args: string[], env: Record<string, string> = {}): Run {
  const run = spawnSync(process.execPath, [COMMAND, "settings", ...args], {
    encoding: "utf8",
    env: {
      ...process.env,
      HUBSPOT_APP_ID: env.HUBSPOT_APP_ID ?? "",
      HUBSPOT_DEVELOPER_API_KEY: KEY,
      HUBSPOT_API_BASE: HOST_URL,
      ...env,
    },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** An app id of this run's own, so runs and tests never meet in the settings file. */
const newAppId = () => String(Math.floor(Math.random() * 1e9) + 1);

test.describe("npm run settings, against the stand-in", () => {
  test("every command and every exit code; the key is never printed", async () => {
    const appId = newAppId();
    const env = { HUBSPOT_APP_ID: appId };
    const runs: Run[] = [];
    const expectRun = (args: string[], status: number, extra: Record<string, string> = {}) => {
      const run = settings(args, { ...env, ...extra });
      runs.push(run);
      expect(run.status, `${args.join(" ")}: ${run.stderr}`).toBe(status);
      return run;
    };

    const created = JSON.parse(
      expectRun(["create", "--name", "CLI app", "--url", SOFTPHONE_URL, "--width", "500"], 0)
        .stdout,
    );
    expect(created).toMatchObject({
      name: "CLI app",
      url: "https://localhost:9025/",
      width: 500,
      height: 650,
      isReady: false,
    });
    expect(expectRun(["create", "--name", "Again", "--url", SOFTPHONE_URL], 1).stderr).toMatch(
      /^App \d+ already has calling settings\. Change them with calling-stand-in settings update [\s\S]*409.*CONFLICT.*correlationId stand-in-/,
    );
    const updated = JSON.parse(expectRun(["update", "--ready", "--inbound"], 0).stdout);
    expect(updated).toMatchObject({ isReady: true, supportsInboundCalling: true, width: 500 });
    expect(JSON.parse(expectRun(["get"], 0).stdout)).toEqual(updated);
    // Before any `recording set`: said as what it is, not as missing settings, with what to run.
    expect(expectRun(["recording", "get"], 1).stderr).toMatch(
      /^App \d+ has no recording URL format yet\. Set one with:\n {2}calling-stand-in settings recording set --url URL\nHubSpot answered 404: This app has no recording URL format yet: set one first \(POST, with urlToRetrieveAuthedRecording\); category OBJECT_NOT_FOUND; correlationId stand-in-\S+\.\n$/,
    );
    expectRun(["recording", "set", "--url", "https://my.app/recordings/%s"], 0);
    expect(JSON.parse(expectRun(["recording", "get"], 0).stdout)).toMatchObject({
      urlToRetrieveAuthedRecording: "https://my.app/recordings/%s",
    });
    expect(expectRun(["get"], 1, { HUBSPOT_DEVELOPER_API_KEY: "not-the-key" }).stderr).toMatch(
      /401.*INVALID_AUTHENTICATION/,
    );
    for (const args of [
      ["get", "--key", KEY],
      ["create", "--name", "CLI app", "--url", "http://my.app/"],
      ["create", "--name", "CLI app"],
      ["create", "--width", "0"],
    ]) {
      expect(expectRun(args, 2).stderr).toContain("Usage: calling-stand-in settings");
    }
    expect(expectRun(["get"], 2, { HUBSPOT_APP_ID: "" }).stderr).toMatch(/^Set HUBSPOT_APP_ID/);
    expect(JSON.parse(expectRun(["delete"], 0).stdout)).toEqual({ deleted: Number(appId) });
    expect(expectRun(["get"], 1).stderr).toMatch(
      /^App \d+ has no calling settings yet[\s\S]*404.*OBJECT_NOT_FOUND/,
    );

    // The key in the environment, never on the screen: not even in a URL the client echoes.
    for (const run of runs) {
      expect(run.stdout).not.toContain(KEY);
      expect(run.stderr.replace("--key stand-in-developer-key", "")).not.toContain(KEY);
    }
  });

  test("Call from offers an app registered while the page is open, without a reload", async ({
    page,
  }) => {
    await page.goto("/");
    const menu = page.getByLabel("Call from");
    await expect(menu.locator("option")).not.toHaveCount(0);
    const appId = newAppId();
    expect(
      settings(["create", "--name", `Registered ${appId}`, "--url", SOFTPHONE_URL], {
        HUBSPOT_APP_ID: appId,
      }).status,
    ).toBe(0);
    // Using the menu (it takes the focus) asks the stand-in's server again.
    await menu.focus();
    await expect(
      menu.locator("option", { hasText: `Registered ${appId} (in testing)` }),
    ).toHaveCount(1);
  });

  test("the settings outlive a restart of the stand-in", async ({ page }) => {
    const appId = newAppId();
    const create = ["create", "--name", "Kept app", "--url", SOFTPHONE_URL];
    expect(settings(create, { HUBSPOT_APP_ID: appId }).status).toBe(0);
    // A second stand-in, started afresh on the same file: what a restart of `npm run host` reads.
    const port = String(RESTART_PORT);
    const restarted: ChildProcess = spawn(
      process.execPath,
      [COMMAND, "host", "--port", port, "--settings", SETTINGS_FILE],
      { env: { ...process.env, BROWSER: "none" }, stdio: "ignore", detached: true },
    );
    try {
      const base = `https://localhost:${port}`;
      await expect
        .poll(() => settings(["get"], { HUBSPOT_APP_ID: appId, HUBSPOT_API_BASE: base }).status, {
          timeout: 20_000,
        })
        .toBe(0);
      const kept = settings(["get"], { HUBSPOT_APP_ID: appId, HUBSPOT_API_BASE: base });
      expect(JSON.parse(kept.stdout)).toMatchObject({ name: "Kept app" });
      // And the restarted stand-in's page offers the app.
      await page.goto(`${base}/`);
      await expect(
        page.getByLabel("Call from").locator("option", { hasText: "Kept app (in testing)" }),
      ).toHaveCount(1);
    } finally {
      // It may have exited already (a port in use): then there is nothing to stop.
      if (restarted.pid && restarted.exitCode === null) process.kill(-restarted.pid);
    }
  });

  test("the stand-in obeys them: Call from lists the app, frames it at its size, as a remote when it takes inbound calls, with Call on custom objects when it supports them", async ({
    page,
  }) => {
    const appId = newAppId();
    const name = `Registered ${appId}`;
    const create = ["create", "--name", name, "--url", SOFTPHONE_URL];
    create.push("--width", "480", "--height", "700");
    expect(settings(create, { HUBSPOT_APP_ID: appId }).status).toBe(0);

    await page.goto("/");
    const callFrom = page.getByLabel("Call from");
    await expect(callFrom.locator("option", { hasText: `${name} (in testing)` })).toHaveCount(1);
    await callFrom.selectOption({ label: `${name} (in testing)` });
    await expect(page).toHaveURL(new RegExp(`callFrom=app-${appId}`));
    const frame = page.locator("#hubspot-calling-extension-iframe");
    await expect(frame).toHaveAttribute("width", "480px");
    await expect(frame).toHaveAttribute("height", "700px");
    await expect(callStatus(softphone(page))).toHaveText("Logged out");
    await expect(fact(softphone(page), "Host")).toContainText("widget");
    const custom = "Call Difference Engine No. 2 at +44 20 7946 0301";
    await expect(page.getByText("The app does not call from custom objects")).toBeVisible();
    await expect(page.getByRole("button", { name: custom })).toHaveCount(0);

    // Ready, and taking inbound calls in a remote without a calling window: loaded as the remote.
    const inbound = [
      "update",
      "--ready",
      "--inbound",
      "--remote",
      "--no-calling-window",
      "--custom-objects",
    ];
    expect(settings(inbound, { HUBSPOT_APP_ID: appId }).status).toBe(0);
    await page.reload();
    await expect(callFrom.locator("option:checked")).toHaveText(name);
    await expect(fact(softphone(page), "Host")).toContainText(
      "remote, portal 123456, calling window: no",
    );
    await expect(
      softphone(page).getByRole("button", { name: "Open calling window" }),
    ).toBeVisible();
  });
});
