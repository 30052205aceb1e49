/**
 * What the check's reports say alike, line by line: a scenario's headline, a step's problems and
 * violations, why a scenario failed. Pure; everything an app sent is cut short here.
 */
import { cut } from "../../../common/text";
import type { Report, ScenarioResult, StepResult, ViolationGroup } from "../result";

export const MARK = { passed: "✓", failed: "✗", skipped: "−" } as const;

/**
 * A step's mark: a step the app did by itself is done, as one passed is; a step skipped (nothing
 * to take) is marked as a skipped scenario is; one not run (an earlier step failed) is a dot.
 */
export const STEP_MARK: Readonly<Record<StepResult["status"], string>> = {
  passed: "✓",
  "done by the app": "✓",
  failed: "✗",
  skipped: "−",
  "not run": "·",
};

/**
 * Why a step was not the user's own to pass: the app did it (its note says so: "the app did it by
 * itself…"), or it was skipped (said so first).
 */
export function stepNote(step: StepResult): string | null {
  if (!step.note) return null;
  if (step.status === "done by the app") return cut(step.note, 400);
  return step.status === "skipped" ? `skipped: ${cut(step.note, 400)}` : null;
}
export const ms = (value: number) => `${Math.round(value).toLocaleString("en")} ms`;
const violationLine = (v: ViolationGroup) =>
  cut(
    `${v.rule} in ${v.count > 1 ? `${v.count.toLocaleString("en")} × ` : ""}${v.type}: ${v.text} (${v.detail})`,
    400,
  );

export function headline(s: ScenarioResult): string {
  const extra =
    s.status === "skipped"
      ? ` (skipped: ${s.skipped})`
      : s.handshakeMs !== undefined && s.id === "handshake"
        ? ` (INITIALIZED ${ms(s.handshakeMs)} after the frame was created)`
        : "";
  return `${s.title}${extra}`;
}

/** The warnings of a run (reported, not failed): its steps' and its findings'. */
export function warningCount(report: Report): number {
  return report.scenarios.reduce(
    (sum, s) =>
      sum +
      s.steps.reduce((n, step) => n + step.warnings.length, 0) +
      s.findings.filter((f) => !f.ok && f.severity === "warning").length,
    0,
  );
}

/** ` · 3 warnings`, or nothing when there is none. */
export function warningsSaid(report: Report, separator: string): string {
  const n = warningCount(report);
  return n === 0 ? "" : `${separator}${n.toLocaleString("en")} warning${n === 1 ? "" : "s"}`;
}

/** What went wrong in a step, one line each; `withMessages` adds each violation's message. */
export function stepLines(step: StepResult, withMessages = false): string[] {
  return [
    ...step.problems.map((p) => cut(p, 400)),
    ...step.violations.map(
      (v) => `violation ${violationLine(v)}${withMessages ? ` · message: ${v.message}` : ""}`,
    ),
    ...step.warnings.map((w) => `warning: ${cut(w, 400)}`),
  ];
}

/** Why a scenario failed, a line each: its steps' problems and violations, its failed findings. */
export function failureLines(s: ScenarioResult): string[] {
  return [
    ...s.steps.flatMap((step) =>
      step.status === "failed" ? stepLines(step).map((line) => `${step.name}: ${line}`) : [],
    ),
    ...s.findings.filter((f) => !f.ok && f.severity === "error").map((f) => cut(f.text, 400)),
  ];
}
