/**
 * Names as an app gives them, and what the app shows when a control the actions file names does
 * not: the controls of the same role, nearest name first, read from Playwright's accessibility
 * snapshot of the app's frame (the names `getByRole` matches). A name mistyped, or copied with
 * another case, is the commonest reason a step finds no control; the names shown make it a
 * one-line fix. Everything here is untrusted text from the app, cleaned and bounded.
 */

/** The longest name kept: the actions file's own limit. */
export const MAX_NAME = 200;

/**
 * A name as an app gave it (untrusted text), made safe to keep and print: control and
 * direction-changing characters dropped, white space collapsed, at most `MAX_NAME` characters.
 */
export function cleanName(raw: string): { name: string; cut: boolean } {
  const plain = [...raw.slice(0, 2_000)]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      const hidden =
        code < 32 ||
        (code >= 127 && code < 160) ||
        (code >= 0x200b && code <= 0x200f) ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069) ||
        code === 0xfeff;
      return hidden ? " " : c;
    })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  if (plain.length <= MAX_NAME) return { name: plain, cut: false };
  // Whole characters only (an emoji is two UTF-16 units), within the limit in units.
  let kept = "";
  for (const c of plain) {
    if (kept.length + c.length > MAX_NAME) break;
    kept += c;
  }
  return { name: kept.trim(), cut: true };
}

/** A control an accessibility snapshot names: its role and accessible name. */
export interface Shown {
  readonly role: string;
  readonly name: string;
}

/** The most controls read from a snapshot, and how much of it is read. */
export const MAX_SHOWN = 200;
const MAX_SNAPSHOT = 200_000;
/** The most names said, and how much of each (and of each compared). */
const MAX_SAID = 5;
const SAID_CHARS = 60;

/** A snapshot's line for a named node: `- button "Sign in" [disabled]`, `- textbox "Number": …`. */
const NAMED = /^\s*- ([a-z]+) "((?:[^"\\]|\\.)*)"/;

/**
 * The named nodes of an accessibility snapshot (the YAML `locator.ariaSnapshot()` gives), in its
 * order, at most `MAX_SHOWN`; never throws, whatever the text.
 */
export function shownIn(snapshot: string): Shown[] {
  const shown: Shown[] = [];
  for (const line of snapshot.slice(0, MAX_SNAPSHOT).split("\n")) {
    const found = NAMED.exec(line);
    const role = found?.[1];
    const quoted = found?.[2];
    if (role === undefined || quoted === undefined) continue;
    let raw = quoted;
    try {
      raw = String(JSON.parse(`"${quoted}"`));
    } catch {
      // Kept as written: an escape JSON does not read.
    }
    const { name } = cleanName(raw);
    if (name !== "") shown.push({ role, name });
    if (shown.length >= MAX_SHOWN) break;
  }
  return shown;
}

/** How many edits apart two names are, case aside, each compared on its first characters. */
export function editDistance(a: string, b: string): number {
  const x = [...a.toLowerCase()].slice(0, SAID_CHARS);
  const y = [...b.toLowerCase()].slice(0, SAID_CHARS);
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (const [i, cx] of x.entries()) {
    const next = [i + 1];
    for (const [j, cy] of y.entries())
      next.push(
        Math.min((row[j + 1] ?? 0) + 1, (next[j] ?? 0) + 1, (row[j] ?? 0) + (cx === cy ? 0 : 1)),
      );
    row = next;
  }
  return row[y.length] ?? 0;
}

const said = (name: string) =>
  JSON.stringify(
    [...name].length > SAID_CHARS ? `${[...name].slice(0, SAID_CHARS).join("")}…` : name,
  );

/**
 * What to say of a control of `role` (named `name`, when it is) that did not show, from what the
 * app shows: its controls of that role, nearest name first; or that it shows none. A control of
 * another role with that name is said too (a link where a button was written).
 */
export function nearestShown(
  role: string,
  name: string | undefined,
  shown: readonly Shown[],
): string {
  const names = [...new Set(shown.filter((s) => s.role === role).map((s) => s.name))];
  const wanted = name?.toLowerCase();
  const other =
    wanted === undefined
      ? undefined
      : shown.find((s) => s.role !== role && s.name.toLowerCase() === wanted);
  const elsewhere = other ? `; a ${other.role} named ${said(other.name)} shows` : "";
  if (names.length === 0) return `no ${role} shows${elsewhere}`;
  const nearest = names
    .map((n, i) => ({ n, i, d: name === undefined ? 0 : editDistance(name, n) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, MAX_SAID)
    .map(({ n }) => said(n));
  const more = names.length > MAX_SAID ? ` and ${names.length - MAX_SAID} more` : "";
  return `shown as ${role}: ${nearest.join(", ")}${more}${elsewhere}`;
}
