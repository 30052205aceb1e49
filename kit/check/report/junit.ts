/** A check's report as JUnit XML, which CI systems read. */
import { cut } from "../../../common/text";
import type { Report } from "../result";
import { failureLines } from "./lines";

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
