import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "hubspot-calling-stand-in/test";
import { chromiumLaunch } from "../../common/chromium";
import { PACKAGE_APP_PORT, PACKAGE_HOST_PORT } from "../../common/ports";

/**
 * The kit as a vendor team adopts it, following only the package's README: packed, installed from
 * the tarball (no workspace link) into the project of a calling app that is not this softphone
 * (e2e/fixtures/vendor-app: Sign in, Call, Pick up, Hang up, Save call; its state on its own
 * backend), with its own Playwright config, TypeScript under NodeNext, Node16 and Bundler, and the
 * lowest `@playwright/test` the kit supports. There: `init`, the CI job init wrote run step by
 * step, the README's spec on `findings()`, and `host` framing the app for a call by hand.
 */
interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const APP = `https://localhost:${PACKAGE_APP_PORT}/`;

/**
 * A team's own shell: without the variables this Playwright run sets for its workers, which a
 * Playwright started from it would take for its own; its app's port set, as its CI would.
 */
const ENV = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PW_|PLAYWRIGHT_(?!BROWSERS_PATH)|npm_)/.test(key),
    ),
  ),
  PORT: String(PACKAGE_APP_PORT),
};

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = ENV): Promise<Run> {
  return new Promise((done) => {
    execFile(
      "bash",
      ["-c", command],
      { cwd, env, maxBuffer: 20_000_000 },
      (error, stdout, stderr) =>
        done({
          status: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

async function ok(command: string, cwd: string, env: NodeJS.ProcessEnv = ENV): Promise<Run> {
  const run = await sh(command, cwd, env);
  expect(run.status, `${command}\n${run.stdout}${run.stderr}`).toBe(0);
  return run;
}

/** The block after `<!-- marker -->` in the package's README, as written there. */
function readmeBlock(marker: string): string {
  const readme = readFileSync("kit/README.md", "utf8");
  const found = new RegExp(`<!-- ${marker} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!found?.[1]) throw new Error(`kit/README.md has no block after <!-- ${marker} -->`);
  return found[1];
}

/** The kit's lowest supported `@playwright/test` (its peer range's floor). */
const LOWEST_PLAYWRIGHT = JSON.parse(readFileSync("kit/package.json", "utf8"))
  .peerDependencies["@playwright/test"].replace(/^>=/, "")
  .replace(/\.0$/, ".1");

/** The versions this repository uses, which the vendor's project takes too. */
const ROOT: Record<string, string> = (() => {
  const manifest = JSON.parse(readFileSync("package.json", "utf8"));
  return { ...manifest.dependencies, ...manifest.devDependencies };
})();
const VENDOR = "e2e/fixtures/vendor-app";

/** The vendor's project: its app's sources and scripts, its own Playwright config, no kit yet. */
function vendorProject(): string {
  const team = mkdtempSync(join(tmpdir(), "vendor-team-"));
  for (const file of [
    "index.html",
    "main.ts",
    "server.mjs",
    "test-only-localhost-cert.pem",
    "test-only-localhost-key.pem",
  ])
    copyFileSync(join(VENDOR, file), join(team, file));
  const own = JSON.parse(readFileSync(join(VENDOR, "package.json"), "utf8"));
  writeFileSync(
    join(team, "package.json"),
    JSON.stringify({ name: "acme-dialer", private: true, type: "module", scripts: own.scripts }),
  );
  // Their config: their own launch options (kept by the fixture) and their own project name.
  writeFileSync(
    join(team, "playwright.config.ts"),
    `import { defineConfig } from "@playwright/test";
export default defineConfig({
  testDir: "tests",
  reporter: "list",
  use: { launchOptions: { args: ["--lang=en-US"] } },
  projects: [{ name: "acme-chromium", use: { browserName: "chromium" } }],
});
`,
  );
  return team;
}

/** The `run:` lines of a GitHub Actions job, in order. */
function runLines(workflow: string): string[] {
  return [...workflow.matchAll(/^\s+run: (.+)$/gm)].map((m) => JSON.parse(m[1] ?? '""'));
}

test.describe("The kit, installed from its tarball in a vendor's project", () => {
  // About 105 s on a quiet machine; beside two busy loops and a mutation run it passed 300 s.
  test.setTimeout(600_000);

  test("README only: install, init, the CI job init wrote, the README's spec, host; types everywhere", async ({
    page,
  }) => {
    const team = vendorProject();
    const background: ChildProcess[] = [];
    try {
      const tarball =
        await test.step("pack: only what a team runs, checked by attw and publint", async () => {
          const pack = await ok(
            `npm pack -w hubspot-calling-stand-in --pack-destination ${team}`,
            resolve("."),
          );
          const name = pack.stdout.trim().split("\n").at(-1) ?? "";
          expect(name).toMatch(/^hubspot-calling-stand-in-[\d.]+\.tgz$/);
          const files = (await ok(`tar -tzf ${name}`, team)).stdout.trim().split("\n");
          expect(
            files.filter(
              (f) => /\.test\.|\.spec\.ts$|fixtures\/|\.ts$/.test(f) && !f.endsWith(".d.ts"),
            ),
          ).toEqual([]);
          expect(files).toEqual(
            expect.arrayContaining([
              "package/dist/stand-in/index.html",
              "package/actions.schema.json",
              "package/README.md",
              "package/LICENSE",
              "package/CHANGELOG.md",
            ]),
          );
          // What a team's TypeScript and bundler see (require(esm) is Node 20.19's, the engines floor).
          const attw = await ok(
            `${resolve("node_modules/.bin/attw")} ${name} --ignore-rules cjs-resolves-to-esm`,
            team,
          );
          expect(attw.stdout).toContain("No problems found");
          const publint = await ok(`${resolve("node_modules/.bin/publint")} ${name}`, team);
          expect(publint.stdout).toContain("All good");
          return name;
        });

      await test.step("npm install, as the README says, on the lowest Playwright the kit supports", async () => {
        const install = await ok(
          [
            "npm install --save-dev --no-audit --no-fund --prefer-offline",
            `./${tarball}`,
            `@playwright/test@${LOWEST_PLAYWRIGHT}`,
            // The team's own: their app's SDK and build, their TypeScript.
            `@hubspot/calling-extensions-sdk@${ROOT["@hubspot/calling-extensions-sdk"]}`,
            `vite@${ROOT.vite}`,
            `typescript@${ROOT.typescript}`,
            `@types/node@${ROOT["@types/node"]}`,
          ].join(" "),
          team,
        );
        expect(install.stderr).not.toContain("EBADENGINE");
        expect(
          lstatSync(join(team, "node_modules/hubspot-calling-stand-in")).isSymbolicLink(),
        ).toBe(false);
        // What the kit adds besides Playwright: its own folder, no dependency of its own.
        const kit = await ok("du -sk node_modules/hubspot-calling-stand-in", team);
        expect(Number.parseInt(kit.stdout, 10)).toBeLessThan(30 * 1024);
        const help = await ok("npx calling-stand-in settings --help", team);
        expect(help.stdout).toContain("Usage: calling-stand-in settings");
      });

      const workflow =
        await test.step("the team's app served; init writes the actions file and the CI job", async () => {
          await ok("npm run build --silent -- --logLevel warn", team);
          const app = spawn("npm", ["run", "start", "--silent"], {
            cwd: team,
            env: ENV,
            stdio: "ignore",
            detached: true,
          });
          background.push(app);
          const init = await ok(`npx calling-stand-in init --app ${APP} --wait 30000`, team);
          expect(init.stdout).toContain(
            `npx calling-stand-in check --app ${APP} --actions calling-actions.json`,
          );
          const file = JSON.parse(readFileSync(join(team, "calling-actions.json"), "utf8"));
          expect(file.$schema).toBe("./node_modules/hubspot-calling-stand-in/actions.schema.json");
          expect(readFileSync(join(team, file.$schema), "utf8")).toContain('"logIn"');
          expect(file).toMatchObject({
            logIn: { role: "button", name: "Sign in" },
            dial: { role: "button", name: "Call" },
            answer: { role: "button", name: "Pick up", ifPresent: true },
            end: { role: "button", name: "Hang up" },
            complete: { role: "button", name: "Save call" },
          });
          // What the README says a team adds: the network's ring and the backend's reset.
          expect(file["$todo.incomingCall"]).toContain("request");
          writeFileSync(
            join(team, "calling-actions.json"),
            JSON.stringify(
              {
                ...file,
                incomingCall: { request: `${APP}api/ring` },
                reset: { request: `${APP}api/reset` },
              },
              null,
              2,
            ),
          );
          // The app stops here: the job starts it itself.
          if (app.pid) process.kill(-app.pid);
          return readFileSync(join(team, ".github/workflows/calling-check.yml"), "utf8");
        });

      await test.step("the CI job, step by step as init wrote it: every scenario passes", async () => {
        const lines = runLines(workflow);
        expect(lines).toEqual([
          "npm ci",
          "npx playwright install --with-deps chromium",
          "npm run build",
          "npm run start > app.log 2>&1 &",
          `npx calling-stand-in check --app ${APP} --actions calling-actions.json --wait 30000 --report check-report.json`,
        ]);
        // The job's own environment: the app's port, as init wrote it.
        const port = /\nenv:\n {2}PORT: "(\d+)"\n/.exec(workflow)?.[1];
        expect(port).toBe(String(PACKAGE_APP_PORT));
        const jobEnv = { ...ENV, PORT: port };
        await ok("npm ci --no-audit --no-fund --prefer-offline", team, jobEnv);
        // Playwright's download (its system packages aside, which need a CI runner's sudo); where
        // it cannot download, the system's Chromium is what the kit uses, as everywhere.
        const browsers = await sh("npx playwright install chromium", team, jobEnv);
        if (browsers.status !== 0) expect(chromiumLaunch(), browsers.stderr).not.toBeNull();
        await ok(lines[2] ?? "", team, jobEnv);
        const start = spawn("bash", ["-c", lines[3] ?? ""], {
          cwd: team,
          env: jobEnv,
          stdio: "ignore",
          detached: true,
        });
        background.push(start);
        const check = await sh(lines[4] ?? "", team, jobEnv);
        expect(check.status, check.stdout + check.stderr).toBe(0);
        expect(check.stdout).toMatch(/10 passed, 0 failed, 0 skipped · 0 violations/);
        const junit = await page.evaluate(
          (text) => {
            const doc = new DOMParser().parseFromString(text, "application/xml");
            return {
              error: doc.querySelector("parsererror")?.textContent ?? null,
              cases: doc.querySelectorAll("testsuite > testcase").length,
              failures: doc.querySelectorAll("failure").length,
            };
          },
          readFileSync(join(team, "check-report.xml"), "utf8"),
        );
        expect(junit).toEqual({ error: null, cases: 10, failures: 0 });
        expect(readFileSync(join(team, "check-report.md"), "utf8")).toContain("10 passed");
      });

      await test.step("the README's spec, in the team's own config, passes; it type-checks everywhere", async () => {
        mkdirSync(join(team, "tests"));
        const spec = readmeBlock("fixture-spec").replaceAll("https://localhost:3000/", APP);
        writeFileSync(join(team, "tests/call.spec.ts"), spec);
        // The check left the backend signed in: the fixture's `app` makes the file's reset first.
        const run = await sh("npx playwright test", team);
        expect(run.status, run.stdout + run.stderr).toBe(0);
        expect(run.stdout).toContain("1 passed");
        expect(run.stdout).toContain("[acme-chromium]");

        // standIn is typed, not any: a member it lacks is an error the directive expects.
        writeFileSync(
          join(team, "tests/typed.ts"),
          `import { expect, test } from "hubspot-calling-stand-in/test";
test("typed", async ({ standIn, app }) => {
  const calls: number = standIn.calls().length + (await standIn.call({ name: "Ada Lovelace" }));
  // @ts-expect-error: StandIn has no such member
  standIn.notAMember();
  // @ts-expect-error: no message of the protocol is named so
  await standIn.waitFor("OUTGOING_CALL_STARTD");
  expect((await app.do("logIn")).acted).toBe(true);
  expect(calls).toBeGreaterThan(0);
});
`,
        );
        // Three teams' tsconfigs, one per module resolution. The kit's declaration files are
        // checked whole once (NodeNext, the strictest; three quarters of that is Playwright's and
        // Node's own types). The other two are checked as most projects run tsc (Vite's template
        // included), with skipLibCheck: what the team's files see of the kit (a type gone `any`
        // fails the `@ts-expect-error` lines) is still checked there. One `tsc -b` builds the
        // three (it reads the types they share once: 9.9 core-seconds against 15.2 for three
        // `tsc`); --verbose names the project an error is in.
        const configs = (
          [
            ["NodeNext", "NodeNext", false],
            ["Node16", "Node16", true],
            ["ESNext", "Bundler", true],
          ] as const
        ).map(([module, moduleResolution, skipLibCheck]) => {
          const file = `tsconfig.${moduleResolution.toLowerCase()}.json`;
          const compilerOptions = { module, moduleResolution, skipLibCheck };
          return { file, compilerOptions };
        });
        for (const { file, compilerOptions } of configs)
          writeFileSync(
            join(team, file),
            JSON.stringify({
              compilerOptions: {
                noEmit: true,
                strict: true,
                target: "ES2022",
                types: ["node"],
                ...compilerOptions,
              },
              files: ["tests/call.spec.ts", "tests/typed.ts"],
            }),
          );
        const files = configs.map((c) => c.file);
        const tsc = await sh(`npx tsc -b --force --verbose ${files.join(" ")}`, team);
        expect(tsc.status, tsc.stdout).toBe(0);
        for (const file of files) expect(tsc.stdout).toContain(`${file}'...`);
      });

      await test.step("host: the stand-in framing the team's app, a call by hand", async () => {
        await ok(`curl -sk -X POST ${APP}api/reset`, team);
        const standIn = `https://localhost:${PACKAGE_HOST_PORT}/`;
        const host = spawn(
          "npx",
          ["calling-stand-in", "host", "--app", APP, "--port", String(PACKAGE_HOST_PORT)],
          { cwd: team, env: ENV, stdio: "ignore", detached: true },
        );
        background.push(host);
        await expect
          .poll(
            () =>
              page.request.get(standIn, { ignoreHTTPSErrors: true }).then(
                (r) => r.status(),
                () => 0,
              ),
            { timeout: 30_000 },
          )
          .toBe(200);
        await page.goto(standIn);
        const app = page.frameLocator("#hubspot-calling-extension-iframe");
        await app.getByRole("button", { name: "Sign in" }).click();
        await expect(app.getByRole("status")).toHaveText("Ready");
        await page.getByRole("button", { name: "Call Ada Lovelace at +1 617-555-0101" }).click();
        await expect(app.getByLabel("Number")).toHaveValue("+1 617-555-0101");
        await app.getByRole("button", { name: "Call", exact: true }).click();
        await app.getByRole("button", { name: "Hang up" }).click();
        await app.getByRole("button", { name: "Save call" }).click();
        await expect(page.getByText("Engagement 50001 · on Ada Lovelace")).toBeVisible();
        await expect(page.getByText("Violations: 0")).toBeVisible();
      });
    } finally {
      // Each started its own process group: the whole group goes, what a shell left behind it too.
      for (const child of background)
        if (child.pid) {
          try {
            process.kill(-child.pid);
          } catch {
            // Already gone.
          }
        }
      rmSync(team, { recursive: true, force: true });
    }
  });
});
