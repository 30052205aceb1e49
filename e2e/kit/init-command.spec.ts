import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "hubspot-calling-stand-in/test";
import { UNUSED_PORT, VENDOR_URL } from "../../common/ports";

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The installed command, run by Node in `cwd` (a team's project), as check-command.spec.ts does. */
function command(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve("node_modules/.bin/calling-stand-in"), ...args],
      { cwd, encoding: "utf8", maxBuffer: 20_000_000 },
      (error, stdout, stderr) =>
        done({
          status: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

/** A team's project: a package.json with the vendor app's own scripts, and nothing else. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "init-test-"));
  const scripts = { build: "vite build", start: "node server.mjs" };
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "acme", scripts }, null, 2));
  return dir;
}

const RESET = `${VENDOR_URL}api/reset`;

/**
 * The scenarios the check runs on what init wrote: a call each way. All ten pass too (measured
 * 24 to 29 s alone on 2 cores, against 10 s for these three), which the suite need not repeat.
 */
const SCENARIOS = ["handshake", "outbound", "inbound"];

/**
 * `calling-stand-in init` on an app shaped nothing like the demo softphone (e2e/fixtures/
 * vendor-app: Sign in, Call, Pick up, Hang up, Save call, its state on its backend), run as a
 * process in a team's project; then the check, with what init wrote, passes on it.
 */
test.describe("calling-stand-in init", () => {
  test.setTimeout(180_000);
  // One backend for every test here (init signs in on it): one test at a time, each from afresh.
  test.describe.configure({ mode: "serial" });
  test.beforeEach(async ({ request }) => {
    expect((await request.post(RESET)).ok()).toBe(true);
  });

  test("writes the actions file and the CI job from what the app shows; the check passes with them", async () => {
    const dir = project();
    const run = await command(dir, "init", "--app", VENDOR_URL, "--reset-not-an-option");
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain("--reset-not-an-option is not an option");

    const started = Date.now();
    const wrote = await command(dir, "init", "--app", VENDOR_URL);
    const initMs = Date.now() - started;
    expect(wrote.status, wrote.stdout + wrote.stderr).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, "calling-actions.json"), "utf8"));
    expect(Object.keys(file)[0]).toBe("$schema");
    const button = (name: string) => ({ role: "button", name, exact: true });
    expect(file).toMatchObject({
      logIn: button("Sign in"),
      dial: button("Call"),
      // Hidden until a call rings: an Answer for inbound calls only, used where it shows.
      answer: { ...button("Pick up"), ifPresent: true },
      end: button("Hang up"),
      complete: button("Save call"),
    });
    expect(file.incomingCall).toBeUndefined();
    expect(file["$todo.incomingCall"]).toContain("request");
    expect(wrote.stdout).toContain('dial          → button "Call"');
    expect(wrote.stdout).toContain(
      'answer        → button "Pick up" (hidden when looked), "ifPresent": used where it shows',
    );
    // Every $todo the file holds is said, the backend's reset with the steps left.
    const todos = Object.keys(file).filter((key) => key.startsWith("$todo."));
    expect(wrote.stdout).toContain(`($todo in calling-actions.json) (${todos.length}):`);
    for (const key of todos) expect(wrote.stdout).toContain(`  ${key.slice(6).padEnd(13)}   `);
    // What no step took is listed, for the steps left to map (the app's number field here).
    expect(wrote.stdout).toContain(
      "Other controls it saw, no step's yet (1): map a step left above to one of them if it is that step's; a field your app fills by itself needs none:\n  textbox \"Number\"",
    );
    expect(wrote.stdout).toContain(
      `npx calling-stand-in check --app ${VENDOR_URL} --actions calling-actions.json`,
    );

    const job = readFileSync(join(dir, ".github/workflows/calling-check.yml"), "utf8");
    for (const part of [
      VENDOR_URL,
      "--actions calling-actions.json",
      "npm run build",
      "npm run start",
    ])
      expect(job).toContain(part);

    // A second run replaces nothing without --force.
    const before = readFileSync(join(dir, "calling-actions.json"), "utf8");
    const again = await command(dir, "init", "--app", VENDOR_URL);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("calling-actions.json is already there");
    expect(again.stderr).toContain("--force");
    expect(readFileSync(join(dir, "calling-actions.json"), "utf8")).toBe(before);

    // What the team adds: the network rings an inbound call through their backend.
    const withRing = { ...file, incomingCall: { request: `${VENDOR_URL}api/ring` } };
    writeFileSync(join(dir, "calling-actions.json"), JSON.stringify(withRing, null, 2));
    const checkStarted = Date.now();
    const checked = await command(
      dir,
      ...["check", "--app", VENDOR_URL, "--actions", "calling-actions.json"],
      ...["--reset", RESET, "--scenario", SCENARIOS.join(",")],
    );
    const checkMs = Date.now() - checkStarted;
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/3 passed, 0 failed, 0 skipped · 0 violations/);
    // What init left to the team and they have not mapped yet is said first (reset came by --reset).
    expect(checked.stdout).toContain(
      "calling-actions.json still has init's $todo notes for available: those steps are not taken.\n",
    );
    test
      .info()
      .annotations.push({ type: "time", description: `init ${initMs} ms, check ${checkMs} ms` });
  });

  test("--ci gitlab and --out write there; an app that does not answer exits 1", async () => {
    const dir = project();
    const gitlab = await command(
      dir,
      ...["init", "--app", VENDOR_URL, "--ci", "gitlab", "--out", "ci/actions.json"],
    );
    expect(gitlab.status, gitlab.stderr).toBe(0);
    const job = readFileSync(join(dir, "calling-check.gitlab-ci.yml"), "utf8");
    expect(job).toContain("--actions ci/actions.json");
    expect(JSON.parse(readFileSync(join(dir, "ci/actions.json"), "utf8")).dial).toMatchObject({
      name: "Call",
    });

    const none = await command(project(), "init", "--app", `https://localhost:${UNUSED_PORT}/`);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(`cannot load https://localhost:${UNUSED_PORT}/`);
  });

  test("check without --actions on this app exits 2, naming init and --actions, and reports nothing", async () => {
    const dir = project();
    // The look for the demo's controls runs while Playwright starts: its run is stopped unheard.
    const run = await command(
      dir,
      "check",
      "--app",
      VENDOR_URL,
      "--scenario",
      "handshake",
      "--report",
      "report.json",
    );
    expect(run.status, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain(`npx calling-stand-in init --app ${VENDOR_URL}`);
    expect(run.stderr).toContain("--actions FILE");
    expect(run.stderr).not.toContain("is in this directory");
    expect(run.stdout).toBe("");
    expect(existsSync(join(dir, "report.json"))).toBe(false);

    // With the file init writes in the directory, only --actions was left out: said so.
    writeFileSync(join(dir, "calling-actions.json"), "{}");
    const again = await command(dir, "check", "--app", VENDOR_URL, "--scenario", "handshake");
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(
      "(calling-actions.json is in this directory: --actions calling-actions.json)",
    );
  });
});
