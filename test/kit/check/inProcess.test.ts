import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "@playwright/test";
import { describe, expect, it } from "vitest";
import type { Session } from "../../../common/session";
import { runInProcess } from "../../../kit/check/inProcess";
import type { Job } from "../../../kit/check/jobs";
import type { ScenarioResult } from "../../../kit/check/result";
import type { RunSettings } from "../../../kit/check/runSettings";
import { SOFTPHONE_ACTIONS } from "../../../kit/driver/actions";

const settings = (given: Partial<RunSettings> = {}): RunSettings => ({
  startedAt: Date.now(),
  actionsSource: "the demo softphone's controls (no --actions)",
  standIn: "https://127.0.0.1:1/",
  browser: "",
  launch: { args: [], headless: true },
  app: "https://localhost:9025/",
  actions: SOFTPHONE_ACTIONS,
  scenarios: ["handshake", "outbound", "inbound", "security"],
  stepTimeoutMs: 5_000,
  quietMs: 200,
  quirks: [],
  location: "widget",
  callingWindow: false,
  resultsFile: "unused.json",
  outputDir: "unused",
  workers: 2,
  retries: 0,
  reporters: [],
  ...given,
});

const passed = (id: string): ScenarioResult => ({
  id,
  title: id,
  status: "passed",
  steps: [],
  findings: [],
});

const failed = (id: string): ScenarioResult => ({
  ...passed(id),
  status: "failed",
  findings: [{ ok: false, severity: "error", text: `${id} broke a rule` }],
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job that ends after `ms` (or once `ms` resolves) with `result`, counting how many run at once. */
function job(
  id: string,
  ms: number | Promise<unknown>,
  result: () => ScenarioResult | Promise<never>,
  running: { now: number; most: number; order: string[] },
  session: Session | null = null,
): Job {
  return {
    id,
    title: id,
    budgetMs: 1_000,
    run: async () => {
      running.now++;
      running.most = Math.max(running.most, running.now);
      running.order.push(id);
      try {
        await (typeof ms === "number" ? sleep(ms) : ms);
        return { result: await result(), session };
      } finally {
        running.now--;
      }
    },
  };
}

const where = { browser: {} as Browser, launchOptions: {} };

describe("the check's scenarios in the command's own process", () => {
  it("runs every job, `workers` at a time in their order, says each verdict as it ends, and reports them in the scenarios' order", async () => {
    const running = { now: 0, most: 0, order: [] as string[] };
    const told: string[] = [];
    // Security, the longest, ends once the other three have been said (a gate, not a race of
    // timers: on a loaded machine three 10 ms jobs have taken longer than one of 60 ms).
    let othersSaid = () => {};
    const gate = new Promise<void>((resolve) => {
      othersSaid = resolve;
    });
    const tell = (line: string) => {
      told.push(line);
      if (told.length === 3) othersSaid();
    };
    const jobs = [
      job("security", gate, () => passed("security"), running),
      job("handshake", 10, () => passed("handshake"), running),
      job("outbound", 10, () => failed("outbound"), running),
      job("inbound", 10, () => passed("inbound"), running),
    ];
    const { report, run } = await runInProcess(settings(), jobs, where, {
      going: () => true,
      tell,
    });
    expect(running.most).toBe(2);
    expect(running.order).toEqual(["security", "handshake", "outbound", "inbound"]);
    expect(told).toEqual(["✓ handshake\n", "✗ outbound\n", "✓ inbound\n", "✓ security\n"]);
    expect(report.scenarios.map((s) => s.id)).toEqual([
      "handshake",
      "outbound",
      "inbound",
      "security",
    ]);
    expect(report.totals).toEqual({ passed: 3, failed: 1, skipped: 0, violations: 0 });
    expect(run).toBe("failed");
    for (const s of report.scenarios) expect(s.durationMs).toBeGreaterThanOrEqual(10);
  });

  it("reports a job that throws, or passes its time, failed with why, and goes on with the rest", async () => {
    const running = { now: 0, most: 0, order: [] as string[] };
    const late: Job = {
      id: "inbound",
      title: "Inbound",
      budgetMs: 30,
      run: () => new Promise(() => {}),
    };
    const { report, run } = await runInProcess(
      settings({ workers: 1 }),
      [
        job("handshake", 1, () => Promise.reject(new Error("the browser went")), running),
        late,
        job("outbound", 1, () => passed("outbound"), running),
      ],
      where,
      { going: () => true, tell: () => {} },
    );
    expect(report.scenarios.map((s) => [s.id, s.status, s.findings[0]?.text])).toEqual([
      ["handshake", "failed", "the scenario did not finish: the browser went"],
      ["outbound", "passed", undefined],
      ["inbound", "failed", "the scenario did not finish: it took longer than 30 ms"],
    ]);
    expect(run).toBe("failed");
  });

  it("runs a failed job again up to `retries` times, saying each try, and keeps the last", async () => {
    const running = { now: 0, most: 0, order: [] as string[] };
    let tries = 0;
    const told: string[] = [];
    const { report, run } = await runInProcess(
      settings({ retries: 2 }),
      [job("outbound", 1, () => (++tries < 2 ? failed("outbound") : passed("outbound")), running)],
      where,
      { going: () => true, tell: (line) => told.push(line) },
    );
    expect(told).toEqual(["✗ outbound\n", "✓ outbound (retry 1)\n"]);
    expect(report.scenarios.map((s) => s.status)).toEqual(["passed"]);
    expect(run).toBe("passed");
  });

  it("starts no job once the run is refused, and says nothing of the one that ends after", async () => {
    const running = { now: 0, most: 0, order: [] as string[] };
    let going = true;
    const told: string[] = [];
    const done = runInProcess(
      settings({ workers: 1 }),
      [
        job("handshake", 30, () => passed("handshake"), running),
        job("outbound", 1, () => passed("outbound"), running),
      ],
      where,
      { going: () => going, tell: (line) => told.push(line) },
    );
    going = false;
    const { report } = await done;
    expect(running.order).toEqual(["handshake"]);
    expect(told).toEqual([]);
    expect(report.scenarios).toEqual([]);
  });

  it("saves the session a job recorded where --record asked", async () => {
    const running = { now: 0, most: 0, order: [] as string[] };
    const record = join(mkdtempSync(join(tmpdir(), "in-process-")), "session.json");
    const session = { app: "https://localhost:9025/", events: [] } as unknown as Session;
    await runInProcess(
      settings({ record }),
      [job("outbound", 1, () => passed("outbound"), running, session)],
      where,
      { going: () => true, tell: () => {} },
    );
    expect(JSON.parse(readFileSync(record, "utf8"))).toEqual(session);
  });
});
