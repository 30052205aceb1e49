import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "hubspot-calling-stand-in/test";
import { FIXTURE_URL, HOST_URL, SOFTPHONE_URL, UNUSED_PORT } from "../../common/ports";
import { ALL_SCENARIOS, FIXTURE_ACTIONS } from "../check";

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `calling-stand-in check …` as a process, as a CI job would: the installed command run by
 * Node (what `npx calling-stand-in` ends in, less npx's own half second of looking it up; the
 * package's tests run it through npx).
 */
function check(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/.bin/calling-stand-in", "check", ...args],
      { encoding: "utf8", maxBuffer: 20_000_000 },
      (error, stdout, stderr) =>
        resolve({
          status: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

const scratch = () => mkdtempSync(join(tmpdir(), "check-test-"));
const fixture = (fault: string) => `${FIXTURE_URL}?fault=${fault}`;

interface JsonReport {
  totals: { passed: number; failed: number; skipped: number; violations: number };
  scenarios: {
    id: string;
    status: string;
    skipped?: string;
    steps: { name: string; status: string; problems: string[]; violations: { rule: string }[] }[];
    findings: { rule?: string; ok: boolean; severity: string; text: string }[];
  }[];
}

async function checkWithReport(
  ...args: string[]
): Promise<{ run: Run; report: JsonReport; markdown: string; junit: string }> {
  const file = join(scratch(), "report.json");
  const run = await check(...args, "--report", file);
  return {
    run,
    report: JSON.parse(readFileSync(file, "utf8")),
    markdown: readFileSync(file.replace(/json$/, "md"), "utf8"),
    junit: readFileSync(file.replace(/json$/, "xml"), "utf8"),
  };
}

/**
 * What only the command does, run as a process as a CI job runs it: exit codes 0, 1 and 2, the
 * three report files, a failed scenario's trace, arguments and their mistakes, sharding, record
 * and replay. The verdicts themselves are tested scenario by scenario in check-scenarios.spec.ts.
 */
const FIXTURE_SCENARIOS = ["handshake", "outbound"];

test.describe("npm run check: the command", () => {
  // Each run starts a Node process with Playwright loaded: a second or two on a busy machine.
  test.setTimeout(120_000);

  test("exit 0 with the JSON, Markdown and JUnit reports; exit 1 with a failed scenario's trace", async ({
    page,
  }) => {
    const passed = await checkWithReport(
      "--app",
      fixture("none"),
      "--actions",
      FIXTURE_ACTIONS,
      "--scenario",
      FIXTURE_SCENARIOS.join(","),
    );
    expect(passed.run.status, passed.run.stdout + passed.run.stderr).toBe(0);
    expect(passed.run.stdout).toContain("2 passed, 0 failed, 0 skipped · 0 violations");
    expect(passed.report.scenarios.map((s) => [s.id, s.status])).toEqual(
      FIXTURE_SCENARIOS.map((id) => [id, "passed"]),
    );
    expect(passed.markdown).toContain("# Calling app check");
    expect(passed.markdown).toContain("| ✓ | outbound |");
    const junit = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        cases: [...doc.querySelectorAll("testsuite > testcase")].map((c) => [
          c.getAttribute("name"),
          c.children.length,
        ]),
      };
    }, passed.junit);
    expect(junit).toEqual({ error: null, cases: FIXTURE_SCENARIOS.map((id) => [id, 0]) });

    const traces = scratch();
    const failed = await checkWithReport(
      "--app",
      fixture("no-from-number"),
      "--actions",
      FIXTURE_ACTIONS,
      "--scenario",
      "outbound",
      "--trace",
      traces,
    );
    expect(failed.run.status, failed.run.stderr).toBe(1);
    expect(failed.report.totals).toMatchObject({ passed: 0, failed: 1 });
    // The failed scenario's trace, to see what happened step by step.
    expect(failed.run.stdout).toContain(
      `trace: npx playwright show-trace ${join(traces, "outbound.zip")}`,
    );
    expect(statSync(join(traces, "outbound.zip")).size).toBeGreaterThan(10_000);
    expect(failed.markdown).toContain("sequenceDiagram");
  });

  test("--grep picks scenarios by id, --shard runs its part of them, --reporter adds Playwright's", async () => {
    const { run, report } = await checkWithReport(
      ...["--app", fixture("none"), "--actions", FIXTURE_ACTIONS],
      ...["--scenario", "handshake,outbound,inbound", "--grep", "^(handshake|inbound)$"],
      ...["--shard", "2/2", "--reporter", "list"],
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // Of the two scenarios --grep picked, the second shard runs one.
    expect(report.scenarios.map((s) => s.id)).toHaveLength(1);
    const id = report.scenarios[0]?.id ?? "";
    expect(["handshake", "inbound"]).toContain(id);
    // Playwright's list says each scenario as it ends; the check's own line is not said again.
    const plain = run.stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "");
    expect(plain).toMatch(/✓ +1 .* › (handshake|inbound) \(/);
    expect(plain).toMatch(/1 passed \(\d/);
    expect(run.stderr).not.toMatch(new RegExp(`^✓ ${id}$`, "m"));
  });

  test("--list, --help, and every mistake on the command line or in a file exits 2 with a message", async () => {
    const list = await check("--list");
    expect(list.status).toBe(0);
    expect(
      list.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(ALL_SCENARIOS);
    expect((await check("--help")).stdout).toContain("Usage: calling-stand-in check");

    const dir = scratch();
    writeFileSync(join(dir, "bad-actions.json"), '{ "dial": { "role": "slider" }, "jump": {} }');
    writeFileSync(join(dir, "bad-session.json"), '{ "format": "something else" }');
    for (const [args, message] of [
      [[], "--app is required"],
      [["--app", "http://localhost:9025/"], "is not an https:// URL"],
      [["--app", SOFTPHONE_URL, "--scenario", "outbound,nope"], "no scenario nope"],
      [["--app", SOFTPHONE_URL, "--timeout", "fast"], "--timeout is a whole number"],
      [["--app", SOFTPHONE_URL, "--record", join(dir, "s.json")], "--record saves one scenario"],
      [
        ["--app", SOFTPHONE_URL, "--actions", join(dir, "missing.json")],
        "cannot read the actions file",
      ],
      [
        ["--app", SOFTPHONE_URL, "--actions", join(dir, "bad-actions.json")],
        '"jump" is not a step',
      ],
      [["--replay", join(dir, "bad-session.json")], "not a session"],
      // Nothing serves this port: said at once, not after every scenario's handshake times out.
      [
        ["--app", `https://localhost:${UNUSED_PORT}/`],
        `cannot load https://localhost:${UNUSED_PORT}/`,
      ],
      // An address that answers with an error: here the stand-in's settings API, with no key.
      [["--app", `${HOST_URL}crm/v3/extensions/calling/1/settings`], "answered 401"],
      // An address that answers 404 (an app registered nowhere): perhaps nothing was built.
      [
        [
          "--app",
          `${HOST_URL}crm/v3/extensions/calling/424242/settings?hapikey=stand-in-developer-key`,
        ],
        "is the app built and served there?",
      ],
    ] as const) {
      const run = await check(...args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});

test.describe("Record and replay", () => {
  test.setTimeout(120_000);

  test("--record saves the scenario's session; --replay plays it again, clean on the same app", async () => {
    const session = join(scratch(), "session.json");
    const recorded = await check(
      "--app",
      SOFTPHONE_URL,
      "--scenario",
      "outbound",
      "--record",
      session,
    );
    expect(recorded.status, recorded.stdout).toBe(0);
    const saved = JSON.parse(readFileSync(session, "utf8"));
    expect(
      saved.events
        .filter((e: { by?: string }) => e.by === "user")
        .map((e: { step: string }) => e.step),
    ).toEqual(["logIn", "dial", "answer", "end", "complete"]);

    const same = await check("--replay", session);
    expect(same.status, same.stdout).toBe(0);
    expect(same.stdout).toContain(`Replay of ${session}`);
  });
});
