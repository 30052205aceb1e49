import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { besideReport, writeReport } from "../../../kit/check/report/files";
import { formatJunit } from "../../../kit/check/report/junit";
import { formatMarkdown } from "../../../kit/check/report/markdown";
import { formatText } from "../../../kit/check/report/text";
import {
  MAX_VIOLATION_KINDS,
  type Report,
  type StepStatus,
  statusOf,
  totals,
} from "../../../kit/check/result";
import { ViolationGroups } from "../../../kit/contract/finding";
import { fixesOf } from "../../../kit/contract/fixes";

/** Violations grouped as the judge groups a step's. */
function groupViolations(list: readonly ReturnType<typeof violation>[]) {
  const groups = new ViolationGroups(MAX_VIOLATION_KINDS);
  for (const v of list) groups.add(v.type, [v], v.message, 0);
  return groups.groups();
}

const MARKUP = '<img src=x onerror="alert(1)">|**bold**|';

const violation = (rule: string, type: string, detail = "d") => ({
  rule,
  type,
  text: `${rule} text`,
  detail,
  message: "{}",
});

function report(): Report {
  const scenarios: Report["scenarios"] = [
    {
      id: "handshake",
      title: "Handshake",
      status: "passed",
      steps: [
        {
          name: "HubSpot frames the app (handshake)",
          status: "passed",
          problems: [],
          warnings: [],
          violations: [],
          received: ["INITIALIZED"],
          ms: 212,
        },
      ],
      findings: [],
      handshakeMs: 212,
    },
    {
      id: "outbound",
      title: "Outbound",
      status: "failed",
      steps: [
        {
          name: "user: dial",
          status: "failed",
          problems: [`no ${MARKUP} within 5,000 ms`],
          warnings: [],
          violations: groupViolations([
            violation("outgoing-fields", "OUTGOING_CALL_STARTED", MARKUP.repeat(100)),
          ]),
          received: ["OUTGOING_CALL_STARTED"],
          ms: 40,
        },
        {
          name: "user: answer",
          status: "not run",
          problems: [],
          warnings: [],
          violations: [],
          received: [],
          ms: 0,
        },
      ],
      findings: [],
    },
    {
      id: "inbound",
      title: "Inbound",
      status: "skipped",
      skipped: "the actions file maps no incomingCall",
      steps: [],
      findings: [],
    },
  ];
  return {
    app: "https://localhost:9025/",
    standIn: "https://127.0.0.1:4000/",
    actions: "defaults",
    startedAt: "2026-11-29T00:00:00.000Z",
    durationMs: 12_345,
    scenarios,
    totals: totals(scenarios),
  };
}

describe("the report", () => {
  it("counts scenarios and violations", () => {
    expect(report().totals).toEqual({ passed: 1, failed: 1, skipped: 1, violations: 1 });
  });

  it("counts the warnings beside the violations, where there are any", () => {
    const base = report();
    const [handshake, ...rest] = base.scenarios;
    if (!handshake) throw new Error("the report has a handshake");
    const warned = {
      ...base,
      scenarios: [
        {
          ...handshake,
          steps: handshake.steps.map((s) => ({ ...s, warnings: ["DIAL_NUMBER ignored"] })),
          findings: [
            { rule: "untrusted-host", ok: false, severity: "warning" as const, text: "w" },
            { rule: "frame-ancestors", ok: true, severity: "warning" as const, text: "ok" },
          ],
        },
        ...rest,
      ],
    };
    expect(formatText(warned)).toContain(
      "1 passed, 1 failed, 1 skipped · 1 violation · 2 warnings · 12.3 s",
    );
    expect(formatMarkdown(warned)).toContain(
      "- **1 passed, 1 failed, 1 skipped, 1 violations, 2 warnings**",
    );
    expect(formatMarkdown(report())).toContain("- **1 passed, 1 failed, 1 skipped, 1 violations**");
  });

  it("prints a summary: a line per scenario, what failed under it, the totals", () => {
    const text = formatText(report());
    expect(text).toContain(
      "✓ handshake  Handshake (INITIALIZED 212 ms after the frame was created)",
    );
    expect(text).toContain("✗ outbound   Outbound\n    ✗ user: dial\n");
    expect(text).toContain("− inbound    Inbound (skipped: the actions file maps no incomingCall)");
    expect(text).toContain("1 passed, 1 failed, 1 skipped · 1 violation · 12.3 s");
    // An app's megabyte of text is cut short.
    expect(text.split("\n").every((line) => line.length < 450)).toBe(true);
  });

  it("writes Markdown where an app's text cannot become markup or break a table", () => {
    const markdown = formatMarkdown(report());
    expect(markdown).toContain("| ✓ | handshake |");
    // Every < the app wrote is escaped; the only markup is the report's own line breaks.
    expect(markdown.replaceAll("<br>", "")).not.toMatch(/(?<!\\)</);
    expect(markdown).toContain('\\<img src=x onerror="alert(1)"\\>\\|\\*\\*bold\\*\\*\\|');
    const rows = markdown.split("\n").filter((line) => line.startsWith("| ✗ | user: dial"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.split(/(?<!\\)\|/).length).toBe(7);
  });

  it("tells a step the app did by itself from one skipped and one not run, each with why", () => {
    const base = report();
    const [handshake] = base.scenarios;
    if (!handshake) throw new Error("the report has a handshake");
    const step = (name: string, status: StepStatus, note?: string) => ({
      name,
      status,
      ...(note === undefined ? {} : { note }),
      problems: [],
      warnings: [],
      violations: [],
      received: [],
      ms: 120,
    });
    const markdown = formatMarkdown({
      ...base,
      scenarios: [
        {
          ...handshake,
          steps: [
            step("user: answer", "done by the app", `the app did it by itself ${MARKUP}`),
            step("user: available", "skipped", "no control for available showed"),
            step("user: end", "not run"),
          ],
        },
      ],
    });
    expect(markdown).toContain("| | Step | App sent | Time | Problems, notes |");
    expect(markdown).toContain(
      '| ✓ | user: answer |  | 120 ms | the app did it by itself \\<img src=x onerror="alert(1)"\\>\\|\\*\\*bold\\*\\*\\| |',
    );
    expect(markdown).toContain(
      "| − | user: available |  | 120 ms | skipped: no control for available showed |",
    );
    expect(markdown).toContain("| · | user: end |  | not run |  |");
  });
});

describe("a failed scenario in Markdown", () => {
  const failed = (): Report => {
    const base = report();
    const [handshake, outbound, inbound] = base.scenarios;
    if (!handshake || !outbound || !inbound) throw new Error("the report has three scenarios");
    return {
      ...base,
      scenarios: [
        handshake,
        {
          ...outbound,
          findings: [
            { rule: "call-engagement", ok: false, severity: "error", text: "call 1 carries 0" },
          ],
          ...fixesOf({
            status: "failed",
            steps: outbound.steps,
            findings: [{ rule: "call-engagement", ok: false, severity: "error", text: "c" }],
          }),
          sequence: [
            { note: "user: dial" },
            { from: "HubSpot", type: "DIAL_NUMBER", violations: [] },
            { from: "App", type: "OUTGOING_CALL_STARTED", violations: ["outgoing-fields"] },
            { from: "App", type: `${MARKUP};#35;\nNote over App: x`, violations: [] },
          ],
        },
        inbound,
      ],
    };
  };

  it("draws its messages as a sequence diagram, the ones that broke a rule crossed", () => {
    const markdown = formatMarkdown(failed());
    const start = markdown.indexOf("```mermaid\nsequenceDiagram");
    expect(start).toBeGreaterThan(0);
    const block = markdown.slice(start, markdown.indexOf("```\n", start + 3) + 3).split("\n");
    expect(block.slice(0, 7)).toEqual([
      "```mermaid",
      "sequenceDiagram",
      "  participant HubSpot",
      "  participant App",
      "  Note over HubSpot,App: user: dial",
      "  HubSpot->>App: DIAL_NUMBER",
      "  App-xHubSpot: OUTGOING_CALL_STARTED ✗ outgoing-fields",
    ]);
    // An app's message type cannot end the statement, open another, or become markup.
    const odd = block[7] ?? "";
    expect(odd.startsWith("  App->>HubSpot: ")).toBe(true);
    expect(odd.slice("  App->>HubSpot: ".length)).toMatch(/^[A-Za-z0-9_ +.,:()/'·-]+$/);
    expect(block[8]).toBe("```");
  });

  it("says what to fix, once per rule it broke, in the rule's own words", () => {
    const markdown = formatMarkdown(failed());
    expect(markdown).toContain("What to fix:");
    expect(markdown).toContain(
      "- `outgoing-fields`: Pass outgoingCall({ externalCallId, toNumber, fromNumber, callStartTime, createEngagement: true }) as strings, a number and a boolean.",
    );
    expect(markdown).toContain("- `call-engagement`: Keep the engagementId");
    expect(markdown.match(/- `outgoing-fields`/g)).toHaveLength(1);
  });

  it("draws nothing for a scenario that passed", () => {
    expect(formatMarkdown(report()).split("```mermaid").length).toBe(1);
  });
});

describe("the report as JUnit XML", () => {
  it("has one testcase per scenario: passed, failed with what went wrong, skipped with why", () => {
    const junit = formatJunit(report());
    expect(junit.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(junit).toContain('tests="3" failures="1" skipped="1" time="12.345"');
    expect(junit.match(/<testcase /g)).toHaveLength(3);
    expect(junit).toContain(
      '<testcase classname="hubspot-calling-check" name="handshake" time="0.000"/>',
    );
    expect(junit).toMatch(
      /<testcase [^>]*name="outbound"[^>]*>\n {6}<failure message="user: dial: no &lt;img/,
    );
    expect(junit).toContain('<skipped message="the actions file maps no incomingCall"/>');
  });

  it("carries an app's text as text: markup escaped, characters XML cannot hold replaced", () => {
    const base = report();
    const [handshake, outbound, inbound] = base.scenarios;
    if (!handshake || !outbound || !inbound) throw new Error("the report has three scenarios");
    const hostile = {
      ...base,
      scenarios: [
        handshake,
        {
          ...outbound,
          findings: [{ ok: false, severity: "error" as const, text: "\u0000\u0007 & \ud800 ]]>" }],
        },
        inbound,
      ],
    };
    const junit = formatJunit(hostile);
    expect([...junit].some((c) => (c.codePointAt(0) ?? 0) < 9)).toBe(false);
    expect(junit).not.toContain("<img");
    expect(junit).toContain("\ufffd\ufffd &amp; \ufffd ]]&gt;");
  });
});

describe("violations in a step", () => {
  it("are grouped by rule and type, with a count, the first detail kept", () => {
    const grouped = groupViolations([
      violation("known-type", "X", "first"),
      violation("known-type", "X", "second"),
      violation("known-type", "Y"),
    ]);
    expect(grouped.map((v) => [v.rule, v.type, v.count, v.detail])).toEqual([
      ["known-type", "X", 2, "first"],
      ["known-type", "Y", 1, "d"],
    ]);
  });

  it("a flood of kinds stays bounded", () => {
    const many = Array.from({ length: 500 }, (_, i) => violation("known-type", `T${i}`));
    expect(groupViolations(many)).toHaveLength(MAX_VIOLATION_KINDS);
  });
});

describe("a scenario's status", () => {
  const step = (status: "passed" | "failed") => ({
    name: "s",
    status,
    problems: [],
    warnings: [],
    violations: [],
    received: [],
    ms: 0,
  });
  it("fails on a failed step or a failed error finding, not on a warning", () => {
    expect(statusOf([step("passed")], [])).toBe("passed");
    expect(statusOf([step("failed")], [])).toBe("failed");
    expect(statusOf([], [{ ok: false, severity: "warning", text: "w" }])).toBe("passed");
    expect(statusOf([], [{ ok: false, severity: "error", text: "e" }])).toBe("failed");
  });
});

describe("the report's files", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("are named beside the JSON one, whatever its name", () => {
    expect(besideReport("out/check-report.json", ".md")).toBe("out/check-report.md");
    expect(besideReport("r.JSON", ".xml")).toBe("r.xml");
    expect(besideReport("report", ".md")).toBe("report.md");
  });

  it("are JSON, Markdown and JUnit where --report says, and the Markdown on a GitHub run's page", () => {
    const dir = mkdtempSync(join(tmpdir(), "report-"));
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "before\n");
    vi.stubEnv("GITHUB_STEP_SUMMARY", summary);
    const file = join(dir, "r.json");
    expect(writeReport(report(), file)).toEqual([file, join(dir, "r.md"), join(dir, "r.xml")]);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(report());
    expect(readFileSync(join(dir, "r.md"), "utf8")).toBe(formatMarkdown(report()));
    expect(readFileSync(join(dir, "r.xml"), "utf8")).toBe(formatJunit(report()));
    expect(readFileSync(summary, "utf8")).toBe(`before\n${formatMarkdown(report())}\n`);
  });

  it("are none without --report (outside GitHub's runs)", () => {
    vi.stubEnv("GITHUB_STEP_SUMMARY", "");
    expect(writeReport(report(), undefined)).toEqual([]);
  });
});
