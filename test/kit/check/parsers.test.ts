/** What crosses a process in a check run is read back by a parser: what the kit wrote, and only that. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeAtomically } from "../../../common/writeAtomically";
import {
  readResultsFile,
  readScenarioResult,
  type ScenarioResult,
} from "../../../kit/check/result";

import {
  readRunSettingsText,
  runSettingsWritten,
  SETTINGS_VARIABLE,
} from "../../../kit/check/runSettings";

const result: ScenarioResult = {
  id: "outbound",
  title: "Outbound",
  status: "failed",
  steps: [
    {
      name: "user: dial",
      status: "failed",
      note: "n",
      problems: ["p"],
      warnings: [],
      violations: [
        {
          rule: "outgoing-fields",
          text: "t",
          type: "OUTGOING_CALL_STARTED",
          count: 2,
          detail: "d",
          message: "{}",
          examples: [{ detail: "d", message: "{}", during: 3 }],
        },
      ],
      received: ["OUTGOING_CALL_STARTED"],
      ms: 12,
    },
  ],
  findings: [{ rule: "call-finished", ok: false, severity: "error", text: "f" }],
  handshakeMs: 200,
  sequence: [{ note: "handshake" }, { from: "App", type: "INITIALIZED", violations: [] }],
  fixes: { "outgoing-fields": "fix it" },
};

const settings = {
  startedAt: 1,
  actionsSource: "a file",
  standIn: "https://127.0.0.1:1/",
  browser: "ws://127.0.0.1:2/b",
  launch: { executablePath: "/usr/bin/chromium", args: ["--no-sandbox"], headless: true },
  app: "https://localhost:3000/",
  actions: { dial: { role: "button", name: "Call" } },
  scenarios: ["outbound"],
  replay: {
    file: "s.json",
    title: "Replay",
    opening: [{ type: "INITIALIZED" }],
    steps: [{ step: { by: "hubspot", step: { kind: "delay", ms: 5 } }, expect: [] }],
  },
  stepTimeoutMs: 5000,
  quietMs: 200,
  quirks: ["engagementCreated"],
  location: "widget",
  callingWindow: false,
  resultsFile: "r.json",
  outputDir: "o",
  workers: 3,
  retries: 0,
  reporters: [["list"], ["junit", { outputFile: "x.xml" }]],
};

describe("what crosses a process", () => {
  it("reads back a scenario's result, a results file and the run's settings as written", () => {
    expect(readScenarioResult(JSON.stringify(result))).toEqual(result);
    const report = {
      app: "a",
      standIn: "s",
      actions: "x",
      startedAt: "t",
      durationMs: 1,
      scenarios: [result],
      totals: { passed: 0, failed: 1, skipped: 0, violations: 2 },
    };
    expect(readResultsFile(JSON.stringify({ report, run: "failed" }))).toEqual({
      report,
      run: "failed",
    });
    const read = readRunSettingsText(JSON.stringify(settings));
    expect(read.actions).toEqual({ dial: [{ role: "button", name: "Call" }] });
    expect(read.replay?.steps[0]?.step).toEqual({ by: "hubspot", step: { kind: "delay", ms: 5 } });
    expect(read.reporters).toEqual(settings.reporters);
    expect(read.launch).toEqual(settings.launch);
  });

  it("refuses what it did not write, saying where", () => {
    expect(() => readScenarioResult(JSON.stringify({ ...result, status: "maybe" }))).toThrow(
      /a scenario's result is not as the check wrote it: [\s\S]*status/,
    );
    expect(() => readResultsFile("{")).toThrow("the check's results is not JSON");
    expect(() =>
      readRunSettingsText(JSON.stringify({ ...settings, actions: { jump: {} } })),
    ).toThrow('actions "jump" is not a step');
    expect(() =>
      readRunSettingsText(
        JSON.stringify({
          ...settings,
          replay: { ...settings.replay, steps: [{ step: 1, expect: [] }] },
        }),
      ),
    ).toThrow("step 0 is not a step");
  });
});

describe("the settings Playwright waits for", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("are read once the command has written them, not before", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "settings-")), "run.json");
    vi.stubEnv(SETTINGS_VARIABLE, file);
    let read = false;
    const waiting = runSettingsWritten().then((s) => {
      read = true;
      return s;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read).toBe(false);
    writeAtomically(file, JSON.stringify(settings));
    expect((await waiting).browser).toBe(settings.browser);
  });

  it("are read at once when already written", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "settings-")), "run.json");
    writeAtomically(file, JSON.stringify(settings));
    vi.stubEnv(SETTINGS_VARIABLE, file);
    expect((await runSettingsWritten()).standIn).toBe(settings.standIn);
  });
});
