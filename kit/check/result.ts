/** What a check run found: per scenario, per step. Plain data, written as the JSON report. */
import type { FullResult } from "@playwright/test/reporter";
import * as z from "zod/mini";
import type { Finding, ViolationGroup } from "../contract/finding";
import { readAs } from "./readAs";

export type { Finding, ViolationGroup } from "../contract/finding";

export type Status = "passed" | "failed" | "skipped";

/** The most kinds of violation one step reports: a flood of one mistake is one group with a count. */
export const MAX_VIOLATION_KINDS = 50;

/**
 * A step's outcome: "done by the app" when the app had already done what the user's step brings
 * (it dialled on DIAL_NUMBER, logged in by itself, was answered by the network), so it was not
 * taken; "skipped" when an optional step has no control and the app did not need it.
 */
export type StepStatus = "passed" | "failed" | "not run" | "done by the app" | "skipped";

export interface StepResult {
  readonly name: string;
  readonly status: StepStatus;
  /** Why a step was done by the app or skipped. */
  readonly note?: string;
  /** What went wrong, besides violations: a message that never came, a control not found, ... */
  readonly problems: readonly string[];
  /** Reported, not failed. */
  readonly warnings: readonly string[];
  readonly violations: readonly ViolationGroup[];
  /** The app's messages during the step, by type. */
  readonly received: readonly string[];
  /** From the step's start to the last message it waited for. */
  readonly ms: number;
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly status: Status;
  /** Why a skipped scenario was skipped. */
  readonly skipped?: string;
  readonly steps: readonly StepResult[];
  readonly findings: readonly Finding[];
  /** Frame created → INITIALIZED received, as the stand-in timed it. */
  readonly handshakeMs?: number;
  /** How long the scenario took, as Playwright timed its test. */
  readonly durationMs?: number;
  /** A failed scenario's Playwright trace, with `--trace` (open: npx playwright show-trace FILE). */
  readonly trace?: string;
  /** A failed scenario's messages in order, for the Markdown report's sequence diagram. */
  readonly sequence?: readonly SequenceLine[];
  /** For each rule a failed scenario broke, what the app does to keep it (one line). */
  readonly fixes?: Readonly<Record<string, string>>;
}

/** One line of a sequence diagram: a message either way, or a step as a note. */
export type SequenceLine =
  | {
      readonly from: "HubSpot" | "App";
      readonly type: string;
      /** The rules it broke (app messages only). */
      readonly violations: readonly string[];
    }
  | { readonly note: string };

export interface Report {
  readonly app: string;
  readonly standIn: string;
  /** Where the user's steps came from: the softphone's defaults, or a file. */
  readonly actions: string;
  /** The session replayed, for `--replay`. */
  readonly replayed?: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly scenarios: readonly ScenarioResult[];
  readonly totals: {
    readonly passed: number;
    readonly failed: number;
    readonly skipped: number;
    readonly violations: number;
  };
}

export function totals(scenarios: readonly ScenarioResult[]): Report["totals"] {
  const count = (status: Status) => scenarios.filter((s) => s.status === status).length;
  return {
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
    violations: scenarios.reduce(
      (sum, s) =>
        sum + s.steps.reduce((n, step) => n + step.violations.reduce((c, v) => c + v.count, 0), 0),
      0,
    ),
  };
}

/** A scenario's status from its steps and findings. */
export function statusOf(steps: readonly StepResult[], findings: readonly Finding[]): Status {
  const failed =
    steps.some((s) => s.status === "failed") ||
    findings.some((f) => !f.ok && f.severity === "error");
  return failed ? "failed" : "passed";
}

/** What the check's reporter leaves for the command: the report, and Playwright's own verdict. */
export interface ResultsFile {
  readonly report: Report;
  /** `interrupted` when stopped, `timedout`, ... */
  readonly run: FullResult["status"];
}

// Read back by a parser where they cross a process: a scenario's result (a test's attachment →
// the reporter), the results file (the reporter → the command).
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

const resultsFile: z.ZodMiniType<ResultsFile> = z.object({
  report,
  run: z.enum(["passed", "failed", "timedout", "interrupted"]),
});

export const readScenarioResult = (json: string): ScenarioResult =>
  readAs(scenarioResult, json, "a scenario's result");

export const readResultsFile = (json: string): ResultsFile =>
  readAs(resultsFile, json, "the check's results");
