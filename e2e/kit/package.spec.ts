import { type ChildProcess, execFile, spawn } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "hubspot-calling-stand-in/test";
import { PACKAGE_HOST_PORT, SOFTPHONE_URL } from "../../common/ports";
import { callStatus, logIn } from "../standIn";

/**
 * The kit as a calling-app team gets it: packed, installed from the tarball in an empty directory
 * outside this repository (from the registry, with no workspace link), and used there with `npx`.
 */
interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A team's own shell: without the variables this Playwright run sets for its workers, which a
 * Playwright started from it would take for its own.
 */
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PW_|PLAYWRIGHT_(?!BROWSERS_PATH))/.test(key),
  ),
);

function sh(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(
      command,
      [...args],
      { cwd, env: ENV, maxBuffer: 20_000_000 },
      (error, stdout, stderr) =>
        done({
          status: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

/** The block after `<!-- marker -->` in the package's README, as written there. */
function readmeBlock(marker: string): string {
  const readme = readFileSync("kit/README.md", "utf8");
  const found = new RegExp(`<!-- ${marker} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!found?.[1]) throw new Error(`kit/README.md has no block after <!-- ${marker} -->`);
  return found[1];
}

const PLAYWRIGHT = JSON.parse(readFileSync("package.json", "utf8")).devDependencies[
  "@playwright/test"
];

test.describe("The kit, installed from its tarball in a calling app's project", () => {
  test.setTimeout(300_000);

  test("npx calling-stand-in check, host and settings, and the README's spec with npx playwright test", async ({
    page,
  }) => {
    const team = mkdtempSync(join(tmpdir(), "calling-app-"));
    try {
      const pack = await sh(
        "npm",
        ["pack", "-w", "hubspot-calling-stand-in", "--pack-destination", team],
        resolve("."),
      );
      expect(pack.status, pack.stderr).toBe(0);
      const tarball = pack.stdout.trim().split("\n").at(-1) ?? "";
      expect(tarball).toMatch(/^hubspot-calling-stand-in-[\d.]+\.tgz$/);
      // What a user does not run stays out of it: no tests, fixtures or TypeScript sources.
      const list = await sh("tar", ["-tzf", join(team, tarball)], team);
      const files = list.stdout.trim().split("\n");
      expect(
        files.filter(
          (f) => /\.test\.|\.spec\.ts$|fixtures\/|\.ts$/.test(f) && !f.endsWith(".d.ts"),
        ),
      ).toEqual([]);
      expect(files).toContain("package/dist/stand-in/index.html");

      expect((await sh("npm", ["init", "-y"], team)).status).toBe(0);
      const install = await sh(
        "npm",
        [
          "install",
          `./${tarball}`,
          `@playwright/test@${PLAYWRIGHT}`,
          "--no-audit",
          "--no-fund",
          "--prefer-offline",
        ],
        team,
      );
      expect(install.status, install.stderr).toBe(0);
      expect(install.stderr).not.toContain("EBADENGINE");
      // A copy from the registry's way of installing, not a link into this repository.
      expect(lstatSync(join(team, "node_modules/hubspot-calling-stand-in")).isSymbolicLink()).toBe(
        false,
      );

      const help = await sh("npx", ["calling-stand-in", "settings", "--help"], team);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain("Usage: calling-stand-in settings");

      // The check from the package (its spec, config and reporter run from node_modules), on this
      // softphone's build, with JUnit XML a CI reads. Every scenario's verdict on it is the README
      // commands' test; here, one scenario of each kind: the handshake, a call, and security (which
      // launches a browser of its own).
      const scenarios = ["handshake", "outbound", "security"];
      const check = await sh(
        "npx",
        [
          ...["calling-stand-in", "check", "--app", SOFTPHONE_URL],
          ...["--scenario", scenarios.join(","), "--report", "report.json"],
        ],
        team,
      );
      expect(check.status, check.stdout + check.stderr).toBe(0);
      const xml = readFileSync(join(team, "report.xml"), "utf8");
      const junit = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "application/xml");
        return {
          error: doc.querySelector("parsererror")?.textContent ?? null,
          cases: [...doc.querySelectorAll("testsuite > testcase")].map((c) => [
            c.getAttribute("name"),
            c.children.length,
          ]),
        };
      }, xml);
      expect(junit).toEqual({ error: null, cases: scenarios.map((id) => [id, 0]) });

      // The daily loop: the stand-in framing the app, a whole call driven as a person would.
      const port = String(PACKAGE_HOST_PORT);
      const host: ChildProcess = spawn(
        "npx",
        ["calling-stand-in", "host", "--app", SOFTPHONE_URL, "--port", port],
        { cwd: team, env: ENV, stdio: "ignore", detached: true },
      );
      try {
        const standIn = `https://localhost:${port}/`;
        await expect
          .poll(
            () =>
              page.request.get(standIn, { ignoreHTTPSErrors: true }).then(
                (r) => r.status(),
                () => 0,
              ),
            {
              timeout: 30_000,
            },
          )
          .toBe(200);
        await page.goto(standIn);
        await expect(page.getByText("(from calling-stand-in host --app)")).toBeVisible();
        const app = page.frameLocator("#hubspot-calling-extension-iframe");
        await expect(callStatus(app)).toHaveText("Logged out");
        await logIn(app);
        await page.getByRole("button", { name: "Call Ada Lovelace at +1 617-555-0101" }).click();
        await expect(app.getByLabel("Phone number")).toHaveValue("+1 617-555-0101");
        for (const step of ["Dial", "Answer", "End"])
          await app.getByRole("button", { name: step, exact: true }).click();
        await app.getByRole("button", { name: "Complete" }).click();
        await expect(callStatus(app)).toHaveText("Ready");
        await expect(page.getByText("Engagement 50001 · on Ada Lovelace")).toBeVisible();
        await expect(page.getByText("Violations: 0")).toBeVisible();
      } finally {
        if (host.pid && host.exitCode === null) process.kill(-host.pid);
      }

      // The README's spec, as written, in the team's own tests.
      mkdirSync(join(team, "tests"));
      writeFileSync(join(team, "tests/call.spec.ts"), readmeBlock("fixture-spec"));
      const spec = await sh("npx", ["playwright", "test"], team);
      expect(spec.status, spec.stdout + spec.stderr).toBe(0);
      expect(spec.stdout).toContain("1 passed");
    } finally {
      rmSync(team, { recursive: true, force: true });
    }
  });
});
