/**
 * The user's own phone lines, offered as the From number so that a first call needs no typing (as
 * HubSpot's React demo offers two). Set at build time from `SOFTPHONE_LINES` (comma-separated:
 * a number has spaces of its own); numbers that would not pass the From number's check are left out.
 */
import { validatePhoneNumber } from "./input.ts";

/** Fictional numbers (555-01xx is reserved for fiction), for the demo. */
export const DEMO_LINES: readonly string[] = ["+1 555-010-0000", "+1 555-010-0001"];

export function parseLines(list: string | undefined): readonly string[] {
  const lines = (list ?? "")
    .split(/\s*,\s*/)
    .map((line) => validatePhoneNumber(line))
    .flatMap((result) => (result.ok ? [result.value] : []));
  return lines.length > 0 ? lines : DEMO_LINES;
}

/** The line to offer first: the one last used, if it is still one of a valid form, else the first. */
export function firstLine(lines: readonly string[], lastUsed: string | null): string {
  const last = lastUsed === null ? null : validatePhoneNumber(lastUsed);
  return last?.ok ? last.value : (lines[0] ?? "");
}
