/** What a check run found: per scenario, per step. Plain data, written as the JSON report. */
import type { Finding, ViolationGroup } from "../contract/finding";

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
