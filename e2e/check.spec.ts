import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { DEV_URL, FIXTURE_URL, HOST_URL, SOFTPHONE_URL } from "../common/ports";
import { callStatus, logIn, openStandIn, placeCall } from "./standIn";

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run check -- …` as a process, as a CI job would. */
function check(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["tsx", "check/cli.ts", ...args],
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
const FIXTURE_ACTIONS = "e2e/fixtures/calling-app/actions.json";
const fixture = (fault: string) => `${FIXTURE_URL}?fault=${fault}`;

interface JsonReport {
  totals: { passed: number; failed: number; skipped: number; violations: number };
  scenarios: {
    id: string;
    status: string;
    skipped?: string;
    steps: { name: string; problems: string[]; violations: { rule: string }[] }[];
    findings: { ok: boolean; severity: string; text: string }[];
  }[];
}

async function checkWithReport(
  ...args: string[]
): Promise<{ run: Run; report: JsonReport; markdown: string }> {
  const file = join(scratch(), "report.json");
  const run = await check(...args, "--report", file);
  return {
    run,
    report: JSON.parse(readFileSync(file, "utf8")),
    markdown: readFileSync(file.replace(/json$/, "md"), "utf8"),
  };
}

/** Every scenario, written out here rather than read from the code under test. */
const ALL_SCENARIOS = [
  "handshake",
  "outbound",
  "inbound",
  "hubspot-ends",
  "engagement-failures",
  "hubspot-quirks",
  "reload",
  "visibility",
  "hostile-payloads",
  "security",
];

test.describe("npm run check on this softphone", () => {
  test.setTimeout(180_000);

  for (const [name, url] of [
    ["production build", SOFTPHONE_URL],
    ["dev server (npm start)", DEV_URL],
  ] as const) {
    test(`every scenario passes on the ${name}, with a JSON and a Markdown report`, async () => {
      const { run, report, markdown } = await checkWithReport("--app", url);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(report.scenarios.map((s) => [s.id, s.status])).toEqual(
        ALL_SCENARIOS.map((id) => [id, "passed"]),
      );
      expect(report.totals).toEqual({ passed: 10, failed: 0, skipped: 0, violations: 0 });
      expect(run.stdout).toContain("10 passed, 0 failed, 0 skipped · 0 violations");
      expect(markdown).toContain("# Calling app check");
      expect(markdown).toContain("| ✓ | outbound |");
      const security = report.scenarios.find((s) => s.id === "security");
      expect(security?.findings.every((f) => f.ok)).toBe(true);
    });
  }
});

/** Each fault of the fixture app, the scenario that meets it, and what the check must name. */
const FAULTS = [
  { fault: "no-from-number", scenario: "outbound", expected: ["outgoing-fields"] },
  {
    fault: "complete-before-end",
    scenario: "outbound",
    expected: ["complete-after-end", "no CALL_ENDED from the app"],
  },
  { fault: "unissued-engagement", scenario: "outbound", expected: ["engagement-issued"] },
  { fault: "no-initialized", scenario: "handshake", expected: ["no INITIALIZED within 6 s"] },
  {
    fault: "throws-on-hostile",
    scenario: "hostile-payloads",
    expected: ["uncaught error in the app: Cannot read properties of null (reading 'phoneNumber')"],
  },
  // The flood comes at every load; the outbound call after it shows the stand-in still works.
  {
    fault: "hostile",
    scenario: "outbound",
    expected: ["message-shape", "resize-size", "widget-url", "known-type"],
  },
  { fault: "dials-on-dial-number", scenario: "hubspot-quirks", expected: ["one-call"] },
  // It keeps no call across a reload, so the engagement it had is left a ghost call log.
  { fault: "none", scenario: "reload", expected: ["ghost-call"] },
] as const;

test.describe("npm run check on apps that break the contract", () => {
  test.setTimeout(90_000);

  for (const { fault, scenario, expected } of FAULTS) {
    test(`${fault}: ${scenario} fails naming ${expected.join(", ")}`, async () => {
      const traces = scratch();
      const { run, report } = await checkWithReport(
        "--app",
        fixture(fault),
        "--actions",
        FIXTURE_ACTIONS,
        "--scenario",
        scenario,
        "--timeout",
        "2000",
        "--trace",
        traces,
      );
      // The failed scenario's trace, to see what happened step by step.
      expect(run.stdout).toContain(
        `trace: npx playwright show-trace ${join(traces, `${scenario}.zip`)}`,
      );
      expect(statSync(join(traces, `${scenario}.zip`)).size).toBeGreaterThan(10_000);
      expect(run.status, run.stderr).toBe(1);
      const [result] = report.scenarios;
      expect(result?.status).toBe("failed");
      const named = (result?.steps ?? []).flatMap((s) => [
        ...s.violations.map((v) => v.rule),
        ...s.problems,
      ]);
      for (const item of expected)
        expect(
          named.some((n) => n.includes(item)),
          `${item} in ${named.join(" | ")}`,
        ).toBe(true);
      // Whatever the app did, the stand-in neither threw nor grew past its bounds.
      expect(result?.findings.filter((f) => !f.ok)).toEqual([]);
      if (fault === "hostile") {
        const [handshake, ...call] = result?.steps ?? [];
        expect(handshake?.violations.length).toBeGreaterThan(0);
        expect(call.map((s) => s.problems.concat(s.violations.map((v) => v.rule)))).toEqual(
          call.map(() => []),
        );
      }
    });
  }

  test("what HubSpot's own demos send raises no violation (engagementId 0, a bare callEnded, a null property)", async () => {
    const session = join(scratch(), "session.json");
    const run = await check(
      "--app",
      fixture("demo-patterns"),
      "--actions",
      FIXTURE_ACTIONS,
      "--scenario",
      "hubspot-ends",
      "--record",
      session,
    );
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain("1 passed, 0 failed, 0 skipped · 0 violations");
    // The session shows the patterns were sent, so the pass means something.
    const fromApp = (type: string) =>
      JSON.parse(readFileSync(session, "utf8")).events.find(
        (e: { from?: string; type?: string }) => e.from === "app" && e.type === type,
      )?.data;
    expect(fromApp("INITIALIZED")).toEqual({ isLoggedIn: false, engagementId: 0 });
    expect(fromApp("CALL_ENDED")).toBeUndefined();
    expect(fromApp("CALL_COMPLETED").engagementProperties.hs_call_recording_url).toBeNull();
  });

  test("the same app without a fault passes the rest, so the failures above are the faults'", async () => {
    const scenarios =
      "handshake,outbound,inbound,hubspot-ends,engagement-failures,hubspot-quirks,visibility,hostile-payloads";
    const run = await check(
      "--app",
      fixture("none"),
      "--actions",
      FIXTURE_ACTIONS,
      "--scenario",
      scenarios,
    );
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain("8 passed, 0 failed, 0 skipped · 0 violations");
  });
});

test.describe("npm run check: the command", () => {
  // Each run starts a Node process with Playwright loaded: a second or two on a busy machine.
  test.setTimeout(120_000);
  test("a step the actions file does not map makes its scenario skipped, not passed", async () => {
    const dir = scratch();
    const actions = JSON.parse(readFileSync(FIXTURE_ACTIONS, "utf8"));
    delete actions.incomingCall;
    writeFileSync(join(dir, "actions.json"), JSON.stringify(actions));
    const { run, report } = await checkWithReport(
      "--app",
      fixture("none"),
      "--actions",
      join(dir, "actions.json"),
      "--scenario",
      "inbound,outbound",
    );
    expect(run.status, run.stdout).toBe(0);
    expect(report.scenarios.map((s) => [s.id, s.status, s.skipped])).toEqual([
      ["outbound", "passed", undefined],
      ["inbound", "skipped", "the actions file maps no incomingCall"],
    ]);
    expect(run.stdout).toContain("1 passed, 0 failed, 1 skipped");
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
    expect((await check("--help")).stdout).toContain("Usage: npm run check");

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
      [["--app", "https://localhost:9033/"], "cannot load https://localhost:9033/"],
      // An address that answers with an error: here the stand-in's settings API, with no key.
      [["--app", `${HOST_URL}crm/v3/extensions/calling/1/settings`], "answered 401"],
    ] as const) {
      const run = await check(...args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});

test.describe("Record and replay", () => {
  test.setTimeout(120_000);

  test("a recorded session replays clean on the same app, and names the differences on another", async () => {
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

    const other = await check(
      "--replay",
      session,
      "--app",
      fixture("no-from-number"),
      "--timeout",
      "2000",
    );
    expect(other.status).toBe(1);
    expect(other.stdout).toContain("OUTGOING_CALL_STARTED: data.fromNumber is missing");
    expect(other.stdout).toContain("outgoing-fields");
  });

  test("a session saved from the stand-in's page replays, its user steps inferred from the app's messages", async ({
    page,
  }) => {
    const app = await openStandIn(page);
    await logIn(app);
    await page.getByRole("button", { name: "Call Ada Lovelace at +1 617-555-0101" }).click();
    await expect(app.getByLabel("Phone number")).toHaveValue("+1 617-555-0101");
    await placeCall(app, "+1 617-555-0101", "ended");
    await app.getByRole("button", { name: "Complete" }).click();
    await expect(callStatus(app)).toHaveText("Ready");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Save session" }).click();
    const file = join(scratch(), "saved.json");
    await (await download).saveAs(file);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.format).toBe("hubspot-calling-session");
    expect(saved.events.some((e: { by?: string }) => e.by === "user")).toBe(false);

    const replay = await check("--replay", file);
    expect(replay.status, replay.stdout).toBe(0);
    expect(replay.stdout).toContain("the user's steps inferred from the app's messages");
  });
});
