/**
 * What judging a calling app finds, in one shape each wherever it is reported: a message's
 * `Violation` of one of HubSpot's rules (the stand-in's log, a session, the check's report), the
 * same violations grouped by rule and message type (`ViolationGroup`: the stand-in's store, a
 * step's violations in the report), and a `Finding` about more than one message (a call as a
 * whole, the app's headers, how the stand-in held up).
 */
import type { Violation } from "../../common/session";
import { excerpt } from "../../common/text";

// One shape for a violation, wherever it is kept: the session (common/) records it with each message.
export type { Violation } from "../../common/session";

/** One message that broke a rule: its detail, its payload as JSON cut short, and when it came. */
export interface ViolationExample {
  readonly detail: string;
  readonly message: string;
  /** The step in force when it came (common/session.ts), -1 before the first. */
  readonly during: number;
}

/** The messages of one type that broke one rule: how many, and the first of them. */
export interface ViolationGroup {
  readonly rule: string;
  readonly text: string;
  readonly type: string;
  readonly count: number;
  /** The first one's detail and payload. */
  readonly detail: string;
  readonly message: string;
  /** The first `MAX_EXAMPLES`, in the order they came. */
  readonly examples: readonly ViolationExample[];
}

/** A judgement about more than one message: a call, the app's headers, the stand-in's health. */
export interface Finding {
  /** The rule it judges, when it is one (contract/calls.ts, contract/security.ts). */
  readonly rule?: string;
  readonly ok: boolean;
  /** A failed "error" fails the scenario; a failed "warning" is reported only. */
  readonly severity: "error" | "warning";
  readonly text: string;
}

export const MAX_EXAMPLES = 3;

/**
 * Violations grouped as they come, by rule and message type, in the order first seen. Past
 * `maxGroups` kinds, new ones are counted in `total` only: an app cannot grow it without end, and
 * a flood of valid messages evicts nothing.
 */
export class ViolationGroups {
  private readonly byKey = new Map<
    string,
    { rule: string; text: string; type: string; count: number; examples: ViolationExample[] }
  >();
  private count = 0;

  constructor(private readonly maxGroups: number) {}

  /** The violations of one message of `type`, with its payload, that came during step `during`. */
  add(type: string, violations: readonly Violation[], data: unknown, during: number): void {
    for (const v of violations) {
      this.count++;
      const key = `${v.rule}\u0000${type}`;
      let group = this.byKey.get(key);
      if (!group) {
        if (this.byKey.size >= this.maxGroups) continue;
        group = { rule: v.rule, text: v.text, type, count: 0, examples: [] };
        this.byKey.set(key, group);
      }
      group.count++;
      if (group.examples.length < MAX_EXAMPLES)
        group.examples.push({ detail: v.detail, message: excerpt(data), during });
    }
  }

  /** Every violation added, grouped or not. */
  get total(): number {
    return this.count;
  }

  groups(): ViolationGroup[] {
    return [...this.byKey.values()].map((g) => {
      const [first] = g.examples;
      return {
        rule: g.rule,
        text: g.text,
        type: g.type,
        count: g.count,
        detail: first?.detail ?? "",
        message: first?.message ?? "",
        examples: [...g.examples],
      };
    });
  }
}

/** The rules broken in some steps' violations and findings, each once, in that order. */
export function brokenRules(s: {
  readonly steps: readonly { readonly violations: readonly { readonly rule: string }[] }[];
  readonly findings: readonly Finding[];
}): string[] {
  const rules = [
    ...s.steps.flatMap((step) => step.violations.map((v) => v.rule)),
    ...s.findings.flatMap((f) => (!f.ok && f.rule ? [f.rule] : [])),
  ];
  return [...new Set(rules)];
}
