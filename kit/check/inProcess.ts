/**
 * The check's scenarios run in the command's own process, `workers` at a time, in the browser it
 * launched: the run a team's CI makes (no Playwright reporter, shard or trace asked for) spares
 * Playwright Test's runner, its workers and the hop each of their calls made through the browser's
 * server. The same jobs as the Playwright Test run (jobs.ts), each within its time budget, a failed
 * one run again up to `retries` times; the same verdict said as each ends, and the same report.
 */
import { type Job, type JobContext, keptSession, reportOf, unfinished } from "./jobs";
import { MARK } from "./report/lines";
import type { ResultsFile, ScenarioResult } from "./result";
import type { RunSettings } from "./runSettings";

export interface Told {
  /** Whether the run stands: false stops it before its next scenario (the run was refused). */
  readonly going: () => boolean;
  /** Where each scenario's verdict is said as it ends, a line each. */
  readonly tell: (line: string) => void;
}

/** `job` once: its result, or why it did not finish (it threw, or passed its budget). */
async function attempt(
  job: Job,
  settings: RunSettings,
  where: JobContext,
): Promise<ScenarioResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ScenarioResult>((resolve) => {
    timer = setTimeout(
      () => resolve(unfinished(job.id, job.title, `it took longer than ${job.budgetMs} ms`)),
      job.budgetMs,
    );
  });
  const ran = job.run(where).then(({ result, session }) => {
    if (session) keptSession(settings, session);
    return result;
  });
  try {
    return await Promise.race([ran, late]);
  } catch (error) {
    return unfinished(job.id, job.title, error);
  } finally {
    clearTimeout(timer);
  }
}

export async function runInProcess(
  settings: RunSettings,
  jobs: readonly Job[],
  where: JobContext,
  { going, tell }: Told,
): Promise<ResultsFile> {
  const results = new Map<string, ScenarioResult>();
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job && going(); job = queue.shift()) {
      for (let retry = 0; ; retry++) {
        const started = Date.now();
        const result = await attempt(job, settings, where);
        if (!going()) return;
        results.set(job.id, { ...result, durationMs: Date.now() - started });
        tell(`${MARK[result.status]} ${job.id}${retry > 0 ? ` (retry ${retry})` : ""}\n`);
        if (result.status !== "failed" || retry >= settings.retries) break;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, settings.workers) }, worker));
  const report = reportOf(settings, results.values());
  return { report, run: report.totals.failed > 0 ? "failed" : "passed" };
}
