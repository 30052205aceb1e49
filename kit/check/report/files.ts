/**
 * The report's files, written by the command once the run is over and its verdict stands (a run
 * it stopped leaves none): JSON where `--report` asked, Markdown and JUnit XML beside it, and the
 * Markdown on a GitHub Actions run's page.
 */
import { appendFileSync } from "node:fs";
import { writeAtomically } from "../../../common/writeAtomically";
import type { Report } from "../result";
import { formatJunit } from "./junit";
import { formatMarkdown } from "./markdown";

/** The Markdown and JUnit reports' files, beside the JSON one: `r.json` → `r.md`, `r.xml`. */
export function besideReport(reportFile: string, extension: ".md" | ".xml"): string {
  return reportFile.replace(/(\.json)?$/i, extension);
}

/** Writes `report` where `reportFile` says (if anywhere); the files written. */
export function writeReport(report: Report, reportFile: string | undefined): string[] {
  const markdown = formatMarkdown(report);
  // In a GitHub Actions job, the report shows on the run's page (its diagrams drawn).
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, `${markdown}\n`);
  if (!reportFile) return [];
  const md = besideReport(reportFile, ".md");
  const xml = besideReport(reportFile, ".xml");
  writeAtomically(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(md, markdown);
  writeAtomically(xml, formatJunit(report));
  return [reportFile, md, xml];
}
