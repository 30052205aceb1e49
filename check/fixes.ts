/**
 * What to do about each rule the check can name, in one line: HubSpot's rules for every message
 * (host/conformance.ts), the scenario's rules for the calls (check/judge.ts) and the security
 * scenario's (check/security.ts). Each is written beside its rule; this only finds it.
 */
import { MESSAGE_SHAPE, RULES } from "../host/conformance";
import { CALL_RULES } from "./judge";
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
