/**
 * The check's time (issue 28): `calling-stand-in check`'s full run, as a team's CI runs it (a
 * process, the default workers), on the softphone's build and on the floor page (the SDK and
 * `initialized()` only: the check's own cost, with an app that answers the handshake and nothing
 * else), interleaved in one session so both see the same machine. Each run's JSON report gives
 * every scenario's time and verdict.
 *
 * The floor has no controls: its actions file (floor-actions.json) declares every user step absent,
 * so each scenario is the check's own work (a context, the stand-in, the handshake, HubSpot's steps,
 * the verdict) and ends at HubSpot's Call, refused for want of a logged-in user. Without it the
 * command looks for the demo's controls, finds none and stops (exit 2) before any scenario: a run
 * like that is no measurement, and is refused here.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface CheckRun {
  readonly seconds: number;
  readonly exit: number | null;
  /** Each scenario's status and time, from the JSON report. */
  readonly scenarios: readonly { id: string; status: string; ms: number }[];
}

/** The floor's actions file: every user step declared absent. */
const FLOOR_ACTIONS = fileURLToPath(new URL("./floor-actions.json", import.meta.url));

/** How many scenarios a full check runs (`npx calling-stand-in check --list`). */
const FULL_RUN = 10;

export interface CheckTimes {
  readonly runs: number;
  readonly build: readonly CheckRun[];
  readonly floor: readonly CheckRun[];
  /** Median seconds. */
  readonly buildMedian: number;
  readonly floorMedian: number;
  /** The build's median over the floor's. */
  readonly ratio: number;
  /** Whether every run of the build gave the same verdicts, scenario for scenario. */
  readonly sameVerdicts: boolean;
}

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** One full check of `app`, as a process; async, so this process's servers keep serving. */
function checkOnce(app: string, actions?: string): Promise<CheckRun> {
  const dir = mkdtempSync(join(tmpdir(), "bench-check-"));
  const report = join(dir, "report.json");
  const started = Date.now();
  const args = ["calling-stand-in", "check", "--app", app, "--report", report];
  if (actions) args.push("--actions", actions);
  return new Promise((resolve) => {
    const child = spawn("npx", args, { stdio: "ignore" });
    child.on("exit", (exit) => {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      let scenarios: CheckRun["scenarios"] = [];
      try {
        const json = JSON.parse(readFileSync(report, "utf8")) as {
          scenarios: { id: string; status: string; durationMs?: number }[];
        };
        scenarios = json.scenarios.map((s) => ({
          id: s.id,
          status: s.status,
          ms: s.durationMs ?? 0,
        }));
      } catch {
        // No report: the run's exit code says why.
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ seconds, exit, scenarios });
    });
  });
}

/** `run`, if every scenario ran to a verdict; else the benchmark stops, saying why. */
export function complete(run: CheckRun, app: string): CheckRun {
  if ((run.exit === 0 || run.exit === 1) && run.scenarios.length === FULL_RUN) return run;
  throw new Error(
    `the check of ${app} ran ${run.scenarios.length} of ${FULL_RUN} scenarios (exit ${run.exit}): no full run to measure`,
  );
}

const verdicts = (run: CheckRun) => run.scenarios.map((s) => `${s.id}:${s.status}`).join(" ");

/** `runs` full checks of each app, interleaved (build, floor, build, floor, …). */
export async function measureCheck(
  apps: { build: string; floor: string },
  runs: number,
): Promise<CheckTimes> {
  const build: CheckRun[] = [];
  const floor: CheckRun[] = [];
  for (let i = 0; i < runs; i++) {
    build.push(complete(await checkOnce(apps.build), apps.build));
    floor.push(complete(await checkOnce(apps.floor, FLOOR_ACTIONS), apps.floor));
    console.log(
      `  check ${i + 1}/${runs}: build ${build.at(-1)?.seconds} s, floor ${floor.at(-1)?.seconds} s`,
    );
  }
  const buildMedian = median(build.map((r) => r.seconds));
  const floorMedian = median(floor.map((r) => r.seconds));
  return {
    runs,
    build,
    floor,
    buildMedian,
    floorMedian,
    ratio: Math.round((buildMedian / floorMedian) * 100) / 100,
    sameVerdicts: build.every((r) => verdicts(r) === verdicts(build[0] as CheckRun)),
  };
}

/** Each scenario's median time on the build, slowest first. */
export function scenarioMedians(runs: readonly CheckRun[]): { id: string; ms: number }[] {
  const ids = runs[0]?.scenarios.map((s) => s.id) ?? [];
  return ids
    .map((id) => ({
      id,
      ms: median(runs.map((r) => r.scenarios.find((s) => s.id === id)?.ms ?? 0)),
    }))
    .sort((a, b) => b.ms - a.ms);
}
