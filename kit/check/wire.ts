/**
 * What crosses a process in a check run, read back by a parser rather than a cast: the run's
 * settings (the command → Playwright's config, spec and reporter), each scenario's result (a
 * test's attachment → the reporter), and the results file (the reporter → the command). Each is
 * written by the kit itself, so a mismatch is a bug to say plainly, not an app's mistake.
 */
import type { FullResult } from "@playwright/test/reporter";
import * as z from "zod/mini";
import { FRAME_LOCATIONS } from "../../common/protocol";
import { type PlannedStep, parseStep } from "../../common/steps";
import { checkActions } from "../driver/actions";
import type { Report, ScenarioResult } from "./result";
import type { RunSettings } from "./runSettings";

const text = z.string();
const texts = z.array(z.string());
const count = z.number();

const finding = z.object({
  rule: z.optional(text),
  ok: z.boolean(),
  severity: z.enum(["error", "warning"]),
  text,
});

const violationGroup = z.object({
  rule: text,
  text,
  type: text,
  count,
  detail: text,
  message: text,
  examples: z.array(z.object({ detail: text, message: text, during: count })),
});

const stepResult = z.object({
  name: text,
  status: z.enum(["passed", "failed", "not run", "done by the app", "skipped"]),
  note: z.optional(text),
  problems: texts,
  warnings: texts,
  violations: z.array(violationGroup),
  received: texts,
  ms: count,
});

const sequenceLine = z.union([
  z.object({ from: z.enum(["HubSpot", "App"]), type: text, violations: texts }),
  z.object({ note: text }),
]);

const scenarioResult: z.ZodMiniType<ScenarioResult> = z.object({
  id: text,
  title: text,
  status: z.enum(["passed", "failed", "skipped"]),
  skipped: z.optional(text),
  steps: z.array(stepResult),
  findings: z.array(finding),
  handshakeMs: z.optional(count),
  durationMs: z.optional(count),
  trace: z.optional(text),
  sequence: z.optional(z.array(sequenceLine)),
  fixes: z.optional(z.record(text, text)),
});

const report: z.ZodMiniType<Report> = z.object({
  app: text,
  standIn: text,
  actions: text,
  replayed: z.optional(text),
  startedAt: text,
  durationMs: count,
  scenarios: z.array(scenarioResult),
  totals: z.object({ passed: count, failed: count, skipped: count, violations: count }),
});

/** What the check's reporter leaves for the command: the report, and Playwright's own verdict. */
export interface ResultsFile {
  readonly report: Report;
  /** `interrupted` when stopped, `timedout`, ... */
  readonly run: FullResult["status"];
}

const resultsFile: z.ZodMiniType<ResultsFile> = z.object({
  report,
  run: z.enum(["passed", "failed", "timedout", "interrupted"]),
});

/** A list of planned steps, each read by the step codec. */
const plannedSteps = z.array(
  z.object({
    step: z.unknown(),
    expect: z.array(z.object({ type: text, data: z.optional(z.unknown()) })),
  }),
);

function planOf(value: z.infer<typeof plannedSteps>): PlannedStep[] {
  return value.map((p, i) => {
    const step = parseStep(p.step);
    if (!step) throw new Error(`step ${i} is not a step`);
    return { step, expect: p.expect };
  });
}

const runSettings = z.object({
  startedAt: count,
  actionsSource: text,
  reportFile: z.optional(text),
  standIn: text,
  app: text,
  actions: z.unknown(),
  scenarios: texts,
  replay: z.optional(
    z.object({
      file: text,
      title: text,
      opening: z.array(z.object({ type: text, data: z.optional(z.unknown()) })),
      plan: plannedSteps,
    }),
  ),
  record: z.optional(text),
  stepTimeoutMs: count,
  quietMs: count,
  location: z.enum(FRAME_LOCATIONS),
  callingWindow: z.boolean(),
  traceDir: z.optional(text),
  resultsFile: text,
  outputDir: text,
  workers: count,
  retries: count,
  reporters: z.array(z.union([z.tuple([text]), z.tuple([text, z.record(text, z.unknown())])])),
});

/** Reads `json` as `schema` says, or throws naming `what` and where it differs. */
function read<T>(schema: z.ZodMiniType<T>, json: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`${what} is not JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(`${what} is not as the check wrote it: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const readScenarioResult = (json: string): ScenarioResult =>
  read(scenarioResult, json, "a scenario's result");

export const readResultsFile = (json: string): ResultsFile =>
  read(resultsFile, json, "the check's results");

export function readRunSettingsText(json: string): RunSettings {
  const settings = read(runSettings, json, "the check's run settings");
  const actions = checkActions(settings.actions);
  if ("errors" in actions)
    throw new Error(`the check's run settings: actions ${actions.errors.join("; ")}`);
  const { replay, ...rest } = settings;
  return {
    ...rest,
    actions: actions.actions,
    ...(replay ? { replay: { ...replay, plan: planOf(replay.plan) } } : {}),
  };
}
