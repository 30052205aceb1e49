/**
 * A check's report, for a terminal and for a person reading it later (Markdown). The JSON report
 * is the `Report` itself. Pure: text in, text out. Everything an app sent is cut short here too.
 */
import { cut } from "../../common/text";
import type { Report, ScenarioResult, StepResult, ViolationGroup } from "./result";

const MARK = { passed: "✓", failed: "✗", skipped: "−" } as const;
const ms = (value: number) => `${Math.round(value).toLocaleString("en")} ms`;
const violationLine = (v: ViolationGroup) =>
  cut(
    `${v.rule} in ${v.count > 1 ? `${v.count.toLocaleString("en")} × ` : ""}${v.type}: ${v.text} (${v.detail})`,
    400,
  );

function headline(s: ScenarioResult): string {
  const extra =
    s.status === "skipped"
      ? ` (skipped: ${s.skipped})`
      : s.handshakeMs !== undefined && s.id === "handshake"
        ? ` (INITIALIZED ${ms(s.handshakeMs)} after the frame was created)`
        : "";
  return `${s.title}${extra}`;
}

/** What went wrong in a step, one line each; `withMessages` adds each violation's message. */
function stepLines(step: StepResult, withMessages = false): string[] {
  return [
    ...step.problems.map((p) => cut(p, 400)),
    ...step.violations.map(
      (v) => `violation ${violationLine(v)}${withMessages ? ` · message: ${v.message}` : ""}`,
    ),
    ...step.warnings.map((w) => `warning: ${cut(w, 400)}`),
  ];
}

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
    `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped · ${t.violations} violation${t.violations === 1 ? "" : "s"} · ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join("\n")}\n`;
}

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
    `- **${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t.violations} violations**`,
    "",
    "| | Scenario | Result |",
    "|---|---|---|",
    ...report.scenarios.map((s) => `| ${MARK[s.status]} | ${md(s.id)} | ${md(headline(s))} |`),
  ];
  for (const s of report.scenarios) {
    if (s.status === "skipped") continue;
    lines.push("", `## ${MARK[s.status]} ${md(s.id)}`, "", md(s.title), "");
    if (s.steps.length > 0) {
      lines.push("| | Step | App sent | Time | Problems |", "|---|---|---|---|---|");
      for (const step of s.steps) {
        const mark = step.status === "passed" ? "✓" : step.status === "failed" ? "✗" : "·";
        const problems = stepLines(step, true).map(md).join("<br>") || "";
        lines.push(
          `| ${mark} | ${md(step.name)} | ${md(step.received.join(", "))} | ${step.status === "not run" ? "not run" : ms(step.ms)} | ${problems} |`,
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

/**
 * `text` with what XML 1.0 cannot hold replaced: control characters (but tab and line breaks),
 * U+FFFE and U+FFFF, and surrogates that are not a pair.
 */
function xmlChars(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += text.slice(i, i + 2);
      i++;
      continue;
    }
    const control = c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;
    const bad = control || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff);
    out += bad ? "\ufffd" : text[i];
  }
  return out;
}

/** Text XML can hold, escaped. */
const xml = (text: string) =>
  xmlChars(text).replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`,
  );

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** Why a scenario failed, a line each: its steps' problems and violations, its failed findings. */
function failureLines(s: ScenarioResult): string[] {
  return [
    ...s.steps.flatMap((step) =>
      step.status === "failed" ? stepLines(step).map((line) => `${step.name}: ${line}`) : [],
    ),
    ...s.findings.filter((f) => !f.ok && f.severity === "error").map((f) => cut(f.text, 400)),
  ];
}

/**
 * The report as JUnit XML, which CI systems read: one testcase per scenario, a failure with what
 * went wrong, a skipped one with why.
 */
export function formatJunit(report: Report): string {
  const t = report.totals;
  const total = report.scenarios.length;
  const time = seconds(report.durationMs);
  const suite = `calling-stand-in check ${report.app}`;
  const cases = report.scenarios.map((s) => {
    const open = `    <testcase classname="hubspot-calling-check" name="${xml(s.id)}" time="${seconds(s.durationMs ?? 0)}">`;
    if (s.status === "passed")
      return `    <testcase classname="hubspot-calling-check" name="${xml(s.id)}" time="${seconds(s.durationMs ?? 0)}"/>`;
    if (s.status === "skipped")
      return `${open}\n      <skipped message="${xml(cut(s.skipped ?? "skipped", 400))}"/>\n    </testcase>`;
    const lines = failureLines(s);
    const message = xml(lines[0] ?? `${s.id} failed`);
    return `${open}\n      <failure message="${message}">${xml([s.title, ...lines].join("\n"))}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="HubSpot calling app check" tests="${total}" failures="${t.failed}" skipped="${t.skipped}" time="${time}">`,
    `  <testsuite name="${xml(suite)}" tests="${total}" failures="${t.failed}" skipped="${t.skipped}" errors="0" time="${time}" timestamp="${xml(report.startedAt)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
