/**
 * A check's report for a person reading it later, or a CI job's summary (GitHub draws its
 * Mermaid): every scenario's steps, a sequence diagram of each failed one, and what to fix.
 */
import { cut } from "../../../common/text";
import type { Report, ScenarioResult } from "../result";
import { headline, MARK, ms, STEP_MARK, stepLines, stepNote, warningsSaid } from "./lines";

/** Markdown text: table cells cannot hold a pipe or a line break. */
const md = (text: string) =>
  cut(text, 400)
    .replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`)
    .replace(/\n/g, " ");

export function formatMarkdown(report: Report): string {
  const t = report.totals;
  const lines = [
    "# Calling app check",
    "",
    `- App: ${md(report.app)}`,
    `- Stand-in: ${md(report.standIn)}`,
    `- User steps: ${md(report.actions)}`,
    ...(report.replayed ? [`- Replayed: ${md(report.replayed)}`] : []),
    `- Run: ${md(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s`,
    `- **${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t.violations} violations${warningsSaid(report, ", ")}**`,
    "",
    "| | Scenario | Result |",
    "|---|---|---|",
    ...report.scenarios.map((s) => `| ${MARK[s.status]} | ${md(s.id)} | ${md(headline(s))} |`),
  ];
  for (const s of report.scenarios) {
    if (s.status === "skipped") continue;
    lines.push("", `## ${MARK[s.status]} ${md(s.id)}`, "", md(s.title), "");
    if (s.steps.length > 0) {
      lines.push("| | Step | App sent | Time | Problems, notes |", "|---|---|---|---|---|");
      for (const step of s.steps) {
        const note = stepNote(step);
        const said = [...stepLines(step, true), ...(note ? [note] : [])].map(md).join("<br>");
        lines.push(
          `| ${STEP_MARK[step.status]} | ${md(step.name)} | ${md(step.received.join(", "))} | ${step.status === "not run" ? "not run" : ms(step.ms)} | ${said} |`,
        );
      }
    }
    for (const f of s.findings)
      lines.push(`- ${f.ok ? "✓" : f.severity === "error" ? "✗" : "⚠"} ${md(f.text)}`);
    if (s.status === "failed") lines.push(...diagram(s), ...whatToFix(s));
  }
  return `${lines.join("\n")}\n`;
}

/** Text inside a Mermaid diagram: no character that ends a statement or starts an entity. */
const mermaid = (text: string) => text.replace(/[^A-Za-z0-9_ +.,:()/'✗-]/g, "·").slice(0, 80);

/**
 * A failed scenario's messages as a sequence diagram (GitHub draws Mermaid): HubSpot's and the
 * app's messages both ways, steps as notes, each message that broke a rule crossed and named.
 */
function diagram(s: ScenarioResult): string[] {
  if (!s.sequence || s.sequence.length === 0) return [];
  const lines = ["", "```mermaid", "sequenceDiagram", "  participant HubSpot", "  participant App"];
  for (const line of s.sequence) {
    if ("note" in line) {
      lines.push(`  Note over HubSpot,App: ${mermaid(line.note)}`);
      continue;
    }
    const [from, to] = line.from === "App" ? ["App", "HubSpot"] : ["HubSpot", "App"];
    const broke = line.violations.length > 0;
    const text = broke ? `${line.type} ✗ ${line.violations.join(", ")}` : line.type;
    lines.push(`  ${from}${broke ? "-x" : "->>"}${to}: ${mermaid(text)}`);
  }
  lines.push("```");
  return lines;
}

/** One line per rule the scenario broke: what the app does to keep it. */
function whatToFix(s: ScenarioResult): string[] {
  const fixes = Object.entries(s.fixes ?? {}).map(([rule, fix]) => `- \`${md(rule)}\`: ${md(fix)}`);
  return fixes.length > 0 ? ["", "What to fix:", "", ...fixes] : [];
}
