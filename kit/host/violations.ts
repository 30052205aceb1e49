/**
 * The violations the stand-in found, kept apart from the message log: grouped by rule and message
 * type, each group with its count and its first examples. The log keeps only the last messages, so
 * a flood of valid ones would push earlier mistakes out of it; here nothing evicts them.
 */
import { excerpt } from "../../common/text";
import type { Violation } from "./conformance";

export interface ViolationExample {
  readonly detail: string;
  /** The message's payload, as JSON cut short. */
  readonly message: string;
  /** The step in force when it came (see session.ts), -1 before the first. */
  readonly during: number;
}

export interface ViolationGroup {
  readonly rule: string;
  readonly text: string;
  readonly type: string;
  readonly count: number;
  /** The first `MAX_EXAMPLES`, in the order they came. */
  readonly examples: readonly ViolationExample[];
}

/** Groups past this many are counted in `total` only: an app cannot grow the store without end. */
export const MAX_GROUPS = 200;
export const MAX_EXAMPLES = 3;

export class ViolationStore {
  private readonly byKey = new Map<
    string,
    { rule: string; text: string; type: string; count: number; examples: ViolationExample[] }
  >();
  private count = 0;

  add(type: string, violations: readonly Violation[], data: unknown, during: number): void {
    for (const v of violations) {
      this.count++;
      const key = `${v.rule}\u0000${type}`;
      let group = this.byKey.get(key);
      if (!group) {
        if (this.byKey.size >= MAX_GROUPS) continue;
        group = { rule: v.rule, text: v.text, type, count: 0, examples: [] };
        this.byKey.set(key, group);
      }
      group.count++;
      if (group.examples.length < MAX_EXAMPLES)
        group.examples.push({ detail: v.detail, message: excerpt(data), during });
    }
  }

  /** Every violation reported, grouped or not. */
  get total(): number {
    return this.count;
  }

  groups(): ViolationGroup[] {
    return [...this.byKey.values()].map((g) => ({ ...g, examples: [...g.examples] }));
  }
}
