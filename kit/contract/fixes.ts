/**
 * What to do about each rule the check can name, in one line: HubSpot's rules for every message
 * (host/conformance.ts), the scenario's rules for the calls (check/judge.ts) and the security
 * scenario's (check/security.ts). Each is written beside its rule; this only finds it.
 */

import { CALL_RULES } from "./calls";
import { MESSAGE_SHAPE, RULES } from "./conformance";
import { brokenRules, type Finding } from "./finding";
import { SECURITY_RULES } from "./security";

const FIXES: ReadonlyMap<string, string> = new Map([
  ...RULES.map((rule) => [rule.id, rule.fix] as const),
  [MESSAGE_SHAPE.id, MESSAGE_SHAPE.fix],
  ...Object.entries(CALL_RULES).map(([id, rule]) => [id, rule.fix] as const),
  ...Object.entries(SECURITY_RULES).map(([id, rule]) => [id, rule.fix] as const),
]);

export function fixFor(rule: string): string | undefined {
  return FIXES.get(rule);
}

/** What to fix for each rule a failed scenario broke, for its result (and the reports). */
export function fixesOf(result: {
  readonly status: string;
  readonly steps: readonly { readonly violations: readonly { readonly rule: string }[] }[];
  readonly findings: readonly Finding[];
}): {
  fixes?: Record<string, string>;
} {
  if (result.status !== "failed") return {};
  const fixes = Object.fromEntries(
    brokenRules(result).flatMap((rule) => {
      const fix = fixFor(rule);
      return fix ? [[rule, fix]] : [];
    }),
  );
  return Object.keys(fixes).length > 0 ? { fixes } : {};
}
