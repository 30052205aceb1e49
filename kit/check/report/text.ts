/** A check's report for a terminal: a line per scenario, what went wrong under it, the totals. */
import { cut } from "../../../common/text";
import type { Report } from "../result";
import { headline, MARK, stepLines, warningsSaid } from "./lines";

export function formatText(report: Report): string {
  const width = Math.max(...report.scenarios.map((s) => s.id.length), 8);
  const lines = [
    `Checked ${report.app} in the HubSpot stand-in (${report.standIn})`,
    `User steps: ${report.actions}${report.replayed ? ` · replaying ${report.replayed}` : ""}`,
    "",
  ];
  for (const s of report.scenarios) {
    lines.push(`${MARK[s.status]} ${s.id.padEnd(width)}  ${headline(s)}`);
    for (const step of s.steps) {
      if (step.status === "failed") lines.push(`    ✗ ${step.name}`);
      else if (step.warnings.length > 0) lines.push(`    ! ${step.name}`);
      else continue;
      for (const line of stepLines(step)) lines.push(`        ${line}`);
    }
    if (s.trace) lines.push(`    trace: npx playwright show-trace ${s.trace}`);
    for (const f of s.findings) {
      if (s.id === "security" || !f.ok)
        lines.push(`    ${f.ok ? "✓" : f.severity === "error" ? "✗" : "!"} ${cut(f.text, 400)}`);
    }
  }
  const t = report.totals;
  lines.push(
    "",
    `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped · ${t.violations} violation${t.violations === 1 ? "" : "s"}${warningsSaid(report, " · ")} · ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join("\n")}\n`;
}
