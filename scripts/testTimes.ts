/**
 * Where the browser tests' time went, from Playwright's JSON report: each project's tests and
 * worker time (the sum of its tests' durations: what it costs the machine, whatever ran beside
 * it), and the slowest tests. `npm test` prints it after its own table; TESTING.md quotes it.
 */

interface JsonResult {
  readonly duration: number;
  readonly status: string;
}
interface JsonTest {
  readonly projectName: string;
  readonly results: readonly JsonResult[];
}
interface JsonSpec {
  readonly title: string;
  readonly file: string;
  readonly tests: readonly JsonTest[];
}
interface JsonSuite {
  readonly specs?: readonly JsonSpec[];
  readonly suites?: readonly JsonSuite[];
}
export interface JsonReport {
  readonly suites: readonly JsonSuite[];
  readonly stats: { readonly duration: number };
}

interface Timed {
  readonly project: string;
  readonly file: string;
  readonly title: string;
  readonly ms: number;
}

function timed(suite: JsonSuite): Timed[] {
  return [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests.flatMap((test) =>
        test.results.map((result) => ({
          project: test.projectName,
          file: spec.file,
          title: spec.title,
          ms: result.duration,
        })),
      ),
    ),
    ...(suite.suites ?? []).flatMap(timed),
  ];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The lines printed: per project, then the slowest `top` tests. */
export function browserTimes(report: JsonReport, top = 10): string[] {
  const tests = report.suites.flatMap(timed);
  const projects = [...new Set(tests.map((t) => t.project))];
  const lines = [
    `The browser tests: ${tests.length} in ${seconds(report.stats.duration)} of wall time; worker time (each test's own duration, summed) by project:`,
    ...projects.map((project) => {
      const mine = tests.filter((t) => t.project === project);
      const ms = mine.reduce((sum, t) => sum + t.ms, 0);
      return `  ${project.padEnd(10)} ${String(mine.length).padStart(4)} tests  ${seconds(ms).padStart(8)}`;
    }),
    `The slowest ${top}:`,
    ...[...tests]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((t) => `  ${seconds(t.ms).padStart(7)}  ${t.file} › ${t.title.slice(0, 90)}`),
  ];
  return lines;
}
