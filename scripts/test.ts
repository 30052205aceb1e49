/**
 * `npm test`: every test, in two phases, and where the time went.
 *   1. side by side: the type check (tests included; the softphone's core also without the DOM),
 *      the linter, the unit tests and the README's commands (scripts/readme-commands.ts), each
 *      printed whole when it ends;
 *   2. the browser tests (Playwright), which serve on the README's ports, so after the README's
 *      commands have stopped theirs.
 * `--quick` (npm run test:quick, for the inner loop): the type check, the linter, the unit tests
 * and the softphone's own browser tests, all side by side. Exits 1 when any part fails; a phase
 * that failed stops the run.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { browserTimes } from "./testTimes.ts";

interface Part {
  readonly name: string;
  readonly command: string;
  /** Printed as it comes (a long part, alone in its phase), or whole when it ends. */
  readonly live?: boolean;
}

const quick = process.argv.includes("--quick");

/** The browser tests' own times, for the table at the end: Playwright's JSON report, kept aside. */
const TIMES = "test-results/.times.json";
const TIMED = "--reporter=list,json";

// The type checks keep what they learnt between runs (node_modules/.cache/tsc/): a run after a
// change checks what the change reaches. A fresh clone (CI) checks everything, as before.
const tsc = (project: string, cache: string) =>
  `tsc -p ${project} --incremental --tsBuildInfoFile node_modules/.cache/tsc/${cache}.tsbuildinfo`;

const STATIC: readonly Part[] = [
  { name: "type check", command: tsc(".", "tree") },
  { name: "type check (core, no DOM)", command: tsc("tsconfig.core.json", "core") },
  { name: "lint", command: "biome check ." },
  { name: "unit tests", command: "vitest run" },
  // The package's API (kit/api/): changed only on purpose, with npm run api:update.
  { name: "API report", command: "api-extractor run --config kit/api-extractor.json" },
];

// The quick run is one phase: the browser tests' servers build and start while the type check
// runs, and a machine of two cores is kept busy from the first second to the last.
const PHASES: readonly (readonly Part[])[] = quick
  ? [
      [
        ...STATIC.filter((part) => part.name !== "API report"),
        {
          name: "browser tests (softphone)",
          command: `playwright test --project softphone ${TIMED}`,
          live: true,
        },
      ],
    ]
  : [
      [
        ...STATIC,
        { name: "README commands", command: "node --import tsx scripts/readme-commands.ts" },
      ],
      [{ name: "browser tests", command: `playwright test ${TIMED}`, live: true }],
    ];

interface Done {
  readonly part: Part;
  readonly code: number | null;
  readonly ms: number;
}

function run(part: Part): Promise<Done> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(part.command, {
      shell: true,
      stdio: part.live ? "inherit" : ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        FORCE_COLOR: process.env.FORCE_COLOR ?? "1",
        PLAYWRIGHT_JSON_OUTPUT_NAME: TIMES,
      },
    });
    const output: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("close", (code) => {
      const ms = Date.now() - started;
      if (!part.live) {
        process.stdout.write(`\n── ${part.name} (${part.command}) ──\n`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ part, code, ms });
    });
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const started = Date.now();
const done: Done[] = [];
let failed = false;
for (const phase of PHASES) {
  const phaseStarted = Date.now();
  done.push(...(await Promise.all(phase.map(run))));
  if (phase.length > 1)
    process.stdout.write(
      `\n(${phase.length} parts side by side: ${seconds(Date.now() - phaseStarted)})\n`,
    );
  failed = done.some((d) => d.code !== 0);
  if (failed) break;
}

const width = Math.max(...done.map((d) => d.part.name.length));
process.stdout.write(
  "\nWhere the time went (wall time of each part; parts of a phase ran side by side):\n",
);
for (const d of done)
  process.stdout.write(
    `  ${d.part.name.padEnd(width)}  ${seconds(d.ms).padStart(8)}  ${d.code === 0 ? "passed" : `FAILED (exit ${d.code})`}\n`,
  );
process.stdout.write(`  ${"total".padEnd(width)}  ${seconds(Date.now() - started).padStart(8)}\n`);
if (existsSync(TIMES)) {
  process.stdout.write(`\n${browserTimes(JSON.parse(readFileSync(TIMES, "utf8"))).join("\n")}\n`);
  rmSync(TIMES);
}
process.exitCode = failed ? 1 : 0;
