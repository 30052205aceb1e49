/** What a check run found: per scenario, per step. Plain data, written as the JSON report. */

export type Status = "passed" | "failed" | "skipped";

export interface FoundViolation {
  readonly rule: string;
  readonly text: string;
  readonly detail: string;
  /** The message that broke it: its type, and its payload as JSON, cut short. */
  readonly type: string;
  readonly message: string;
  /** How many of the step's messages of this type broke it (the detail is the first's). */
  readonly count: number;
}

/** The most kinds of violation one step reports: a flood of one mistake is one line with a count. */
export const MAX_VIOLATION_KINDS = 50;

/** Violations grouped by rule and message type, in the order first seen, at most `MAX_VIOLATION_KINDS`. */
export function groupViolations(list: readonly Omit<FoundViolation, "count">[]): FoundViolation[] {
  const groups = new Map<string, FoundViolation>();
  for (const v of list) {
    const key = `${v.rule}\u0000${v.type}`;
    const seen = groups.get(key);
    if (seen) groups.set(key, { ...seen, count: seen.count + 1 });
    else if (groups.size < MAX_VIOLATION_KINDS) groups.set(key, { ...v, count: 1 });
  }
  return [...groups.values()];
}

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
  readonly violations: readonly FoundViolation[];
  /** The app's messages during the step, by type. */
  readonly received: readonly string[];
  /** From the step's start to the last message it waited for. */
  readonly ms: number;
}

/** A finding that is not a step: the security scenario's, or how the stand-in held up. */
export interface Finding {
  /** The rule it judges, when it is one (`check/judge.ts`, `host/conformance.ts`). */
  readonly rule?: string;
  readonly ok: boolean;
  /** A failed "error" fails the scenario; a failed "warning" is reported only. */
  readonly severity: "error" | "warning";
  readonly text: string;
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

/** The rules a scenario broke: its steps' violations, then its failed findings', each once. */
export function brokenRules(s: Pick<ScenarioResult, "steps" | "findings">): string[] {
  const rules = [
    ...s.steps.flatMap((step) => step.violations.map((v) => v.rule)),
    ...s.findings.flatMap((f) => (!f.ok && f.rule ? [f.rule] : [])),
  ];
  return [...new Set(rules)];
}

/** A scenario's status from its steps and findings. */
export function statusOf(steps: readonly StepResult[], findings: readonly Finding[]): Status {
  const failed =
    steps.some((s) => s.status === "failed") ||
    findings.some((f) => !f.ok && f.severity === "error");
  return failed ? "failed" : "passed";
}
