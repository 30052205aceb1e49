/**
 * `npm run test:ci-job`: the GitHub Actions job in the kit's README ("In CI"), its shell steps run
 * as written, in order, on a fresh clone of this repository's HEAD, as a CI machine would: `npm ci`,
 * the build, the app served in the background, the check; then the files its upload step names
 * must be there. Exits 1 if a step fails, and says which.
 *
 * One step is not run as written where it cannot be: Playwright's browser install. Where its
 * download fails (tried without `--with-deps`, which would install system packages first), the kit
 * uses the system's Chromium, as the check does everywhere, and the step is skipped with a note.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumLaunch } from "../common/chromium.ts";

const readme = readFileSync("kit/README.md", "utf8");
const job = /<!-- ci-job -->\n```yaml\n([\s\S]*?)\n```/.exec(readme)?.[1];
if (!job) throw new Error("kit/README.md has no job after <!-- ci-job -->");
const steps = [...job.matchAll(/^\s*- run: (.+)$/gm)].map((m) => m[1] ?? "");
const uploads = /path: (\S+)/.exec(job)?.[1];
if (steps.length === 0 || !uploads) throw new Error("the job has no run: steps, or no upload path");

/** Variables of a Playwright run this may be started from, which the job's own would take. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PW_|PLAYWRIGHT_(?!BROWSERS_PATH)|npm_)/.test(key),
  ),
);

const clone = mkdtempSync(join(tmpdir(), "ci-job-"));
const background: ReturnType<typeof spawn>[] = [];
let failed = false;
try {
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", ".", clone], { stdio: "inherit" });
  for (const step of steps) {
    process.stdout.write(`\n$ ${step}\n`);
    if (step.endsWith("&")) {
      background.push(
        spawn(step.slice(0, -1), { cwd: clone, env, shell: true, stdio: "ignore", detached: true }),
      );
      continue;
    }
    const install = /playwright install/.test(step);
    const command = install ? step.replace(" --with-deps", "") : step;
    const run = spawnSync(command, { cwd: clone, env, shell: true, stdio: "inherit" });
    if (run.status === 0) continue;
    if (install && chromiumLaunch()) {
      process.stdout.write(
        "(Playwright's Chromium cannot be downloaded here: the system's is used.)\n",
      );
      continue;
    }
    process.stderr.write(`The step failed (exit ${run.status}): ${step}\n`);
    failed = true;
    break;
  }
  if (!failed) {
    const stem = uploads.replace(/\.\*$/, "");
    const kept = [".json", ".md", ".xml"].filter((ext) => existsSync(join(clone, `${stem}${ext}`)));
    process.stdout.write(
      `\nThe upload step's ${uploads}: ${kept.map((e) => `${stem}${e}`).join(", ")}\n`,
    );
    if (kept.length !== 3) {
      process.stderr.write(`The job wrote ${kept.length} of its three reports.\n`);
      failed = true;
    }
  }
} finally {
  for (const child of background) if (child.pid) process.kill(-child.pid);
  rmSync(clone, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
