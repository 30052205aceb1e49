/**
 * A check run's scenarios, each a job with its time budget, in the order they start (the longest,
 * security, first), and the report they make: what the Playwright Test run (scenarios.spec.ts and
 * reporter.ts) and the run in the command's own process (inProcess.ts) share, so both run the
 * same scenarios the same way and report them alike.
 */
import type { Session } from "../../common/session";
import { cut, errorText } from "../../common/text";
import { writeAtomically } from "../../common/writeAtomically";
import type { Plan } from "./plan";
import { type Report, type ScenarioResult, totals } from "./result";
import { planOf, type RunContext, runPlan, runScenarioById, scenarioBudgetMs } from "./runScenario";
import type { RunSettings } from "./runSettings";
import { SCENARIO_IDS, SECURITY } from "./scenarios";

/** Where a job runs: the run's browser, and how it was launched (the security scenario reads it). */
export type JobContext = Pick<RunContext, "browser" | "launchOptions">;

export interface Job {
  readonly id: string;
  readonly title: string;
  /** The longest it may take. */
  readonly budgetMs: number;
  run(where: JobContext): Promise<{ result: ScenarioResult; session: Session | null }>;
}

/** The run's scenarios (or its replay), the longest first: it waits out an app that stays silent. */
export function jobsOf(settings: RunSettings): Job[] {
  const options = {
    app: settings.app,
    location: settings.location,
    callingWindow: settings.callingWindow,
    quietMs: settings.quietMs,
    quirks: settings.quirks,
  };
  const context = (where: JobContext): RunContext => ({
    browser: where.browser,
    launchOptions: where.launchOptions,
    standInUrl: settings.standIn,
    actions: settings.actions,
    stepTimeoutMs: settings.stepTimeoutMs,
  });
  const plans: Plan[] = settings.replay
    ? [{ id: "replay", ...settings.replay, compare: true }]
    : settings.scenarios.flatMap((id) => planOf(id) ?? []);
  const security: Job[] =
    !settings.replay && settings.scenarios.includes(SECURITY.id)
      ? [
          {
            id: SECURITY.id,
            title: SECURITY.title,
            budgetMs: settings.stepTimeoutMs * 4 + 30_000,
            run: async (where) => {
              const { session: _, ...result } = await runScenarioById(
                context(where),
                SECURITY.id,
                options,
              );
              return { result, session: null };
            },
          },
        ]
      : [];
  return [
    ...security,
    ...plans.map(
      (plan): Job => ({
        id: plan.id,
        title: plan.title,
        budgetMs: scenarioBudgetMs(plan, settings.stepTimeoutMs),
        run: (where) => runPlan(context(where), plan, options),
      }),
    ),
  ];
}

/** The session a scenario recorded, as saved: written where `--record` asked. */
export function keptSession(settings: RunSettings, session: Session): string {
  const saved = `${JSON.stringify(session, null, 2)}\n`;
  if (settings.record) writeAtomically(settings.record, saved);
  return saved;
}

/** A scenario that ended without a result (it timed out, it threw, the browser went): failed. */
export function unfinished(id: string, title: string, why: unknown): ScenarioResult {
  return {
    id,
    title,
    status: "failed",
    steps: [],
    findings: [
      {
        ok: false,
        severity: "error",
        text: `the scenario did not finish: ${typeof why === "string" ? cut(why.split("\n")[0] ?? "", 300) : errorText(why)}`,
      },
    ],
  };
}

/** The run's report: its scenarios in their own order, whatever order they finished in. */
export function reportOf(settings: RunSettings, results: Iterable<ScenarioResult>): Report {
  const order = settings.replay ? ["replay"] : SCENARIO_IDS;
  const scenarios = [...results].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return {
    app: settings.app,
    standIn: settings.standIn,
    actions: settings.actionsSource,
    ...(settings.replay ? { replayed: settings.replay.file } : {}),
    startedAt: new Date(settings.startedAt).toISOString(),
    durationMs: Date.now() - settings.startedAt,
    scenarios,
    totals: totals(scenarios),
  };
}
