/**
 * `npm run test:fresh-clone`: what a newcomer and a CI machine do, on a fresh clone of this
 * repository's HEAD, as written. First every shell block of the README that starts a server or runs
 * a tool and needs no HubSpot account, in order (a server must answer at its addresses, then is
 * stopped; a command must exit 0); then the GitHub Actions job of the kit's README ("In CI"), step
 * by step, after which the reports its upload step names must be there. Every shell block of the
 * README says which it is (`<!-- run: server URL… -->`, `<!-- run: command -->`, or why it is not
 * run), so none is left out unseen. Exits 1 at the first that fails, naming it.
 *
 * One step is not run as written where it cannot be: Playwright's browser install. Where its
 * download fails (tried without `--with-deps`, which would install system packages first), the kit
 * uses the system's Chromium, as the check does everywhere, and the step is skipped with a note.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumLaunch } from "../common/chromium.ts";

export interface Block {
  /** `server`: started, must answer at `urls`, then stopped. `command`: must exit 0. */
  readonly run: "server" | "command" | "not run";
  readonly urls: readonly string[];
  readonly script: string;
  /** Why a block is not run (it needs an account, or it is the test command itself). */
  readonly why?: string;
}

/** The README's shell blocks, each with the marker before it; a block with none is an error. */
export function readmeBlocks(readme: string): Block[] {
  const blocks: Block[] = [];
  for (const m of readme.matchAll(/(?:<!-- ([^>]*) -->\n)?```sh\n([\s\S]*?)```/g)) {
    const marker = m[1]?.trim() ?? "";
    const script = (m[2] ?? "").trim();
    if (marker.startsWith("run: server ")) {
      blocks.push({ run: "server", urls: marker.slice(12).split(/\s+/), script });
    } else if (marker === "run: command") {
      blocks.push({ run: "command", urls: [], script });
    } else if (marker.startsWith("not run: ") || marker === "test-command") {
      blocks.push({ run: "not run", urls: [], script, why: marker });
    } else {
      throw new Error(`a README shell block has no run marker: ${script.split("\n")[0]}`);
    }
  }
  return blocks;
}

/** The job's `run:` steps, and the files its upload step names. */
export function jobSteps(kitReadme: string): { steps: string[]; uploads: string } {
  const job = /<!-- ci-job -->\n```yaml\n([\s\S]*?)\n```/.exec(kitReadme)?.[1];
  if (!job) throw new Error("kit/README.md has no job after <!-- ci-job -->");
  const steps = [...job.matchAll(/^\s*- run: (.+)$/gm)].map((m) => m[1] ?? "");
  const uploads = /path: (\S+)/.exec(job)?.[1];
  if (steps.length === 0 || !uploads)
    throw new Error("the job has no run: steps, or no upload path");
  return { steps, uploads };
}

/** Variables of a Playwright run this may be started from, which the clone's own would take. */
const env = Object.fromEntries(
  Object.entries({ ...process.env, BROWSER: "none" }).filter(
    ([key]) =>
      !/^(TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PW_|PLAYWRIGHT_(?!BROWSERS_PATH)|npm_)/.test(key),
  ),
);

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request(url, { method: "HEAD", rejectUnauthorized: false, timeout: 2_000 });
    probe.on("response", (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 400);
    });
    probe.on("timeout", () => probe.destroy());
    probe.on("error", () => resolve(false));
    probe.end();
  });
}

/** Stops a block's whole process group (a server, and what a script left in the background). */
function stop(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid);
  } catch {
    // Gone already.
  }
}

async function runServer(
  script: string,
  urls: readonly string[],
  cwd: string,
): Promise<string | null> {
  const child = spawn(script, { cwd, env, shell: true, stdio: "inherit", detached: true });
  try {
    const deadline = Date.now() + 120_000;
    for (const url of urls) {
      while (!(await answers(url))) {
        if (child.exitCode !== null) return `it exited (${child.exitCode}) before ${url} answered`;
        if (Date.now() > deadline) return `${url} did not answer within 120 s`;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      process.stdout.write(`(${url} answers)\n`);
    }
    return null;
  } finally {
    stop(child);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Runs a block to its end; what it left in the background (a server) is stopped with it. */
async function runCommand(script: string, cwd: string): Promise<string | null> {
  const child = spawn(script, { cwd, env, shell: true, stdio: "inherit", detached: true });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  stop(child);
  return code === 0 ? null : `it exited ${code}`;
}

async function main(): Promise<number> {
  const readme = readmeBlocks(readFileSync("README.md", "utf8"));
  const job = jobSteps(readFileSync("kit/README.md", "utf8"));
  const clone = mkdtempSync(join(tmpdir(), "fresh-clone-"));
  const background: ChildProcess[] = [];
  try {
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", ".", clone], { stdio: "inherit" });
    for (const block of readme) {
      process.stdout.write(`\n[README] ${block.run}: ${block.script.replaceAll("\n", "; ")}\n`);
      if (block.run === "not run") continue;
      const problem =
        block.run === "server"
          ? await runServer(block.script, block.urls, clone)
          : await runCommand(block.script, clone);
      if (problem) {
        process.stderr.write(`The README's block failed (${problem}): ${block.script}\n`);
        return 1;
      }
    }
    for (const step of job.steps) {
      process.stdout.write(`\n[CI job] $ ${step}\n`);
      if (step.endsWith("&")) {
        background.push(
          spawn(step.slice(0, -1), {
            cwd: clone,
            env,
            shell: true,
            stdio: "ignore",
            detached: true,
          }),
        );
        continue;
      }
      const install = /playwright install/.test(step);
      const run = spawnSync(install ? step.replace(" --with-deps", "") : step, {
        cwd: clone,
        env,
        shell: true,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      process.stdout.write(run.stdout ?? "");
      process.stderr.write(run.stderr ?? "");
      if (/EBADENGINE/.test(`${run.stdout}${run.stderr}`)) {
        process.stderr.write(`The step warned EBADENGINE on Node ${process.version}: ${step}\n`);
        return 1;
      }
      if (run.status === 0) continue;
      if (install && chromiumLaunch()) {
        process.stdout.write(
          "(Playwright's Chromium cannot be downloaded here: the system's is used.)\n",
        );
        continue;
      }
      process.stderr.write(`The job's step failed (exit ${run.status}): ${step}\n`);
      return 1;
    }
    const stem = job.uploads.replace(/\.\*$/, "");
    const kept = [".json", ".md", ".xml"].filter((ext) => existsSync(join(clone, `${stem}${ext}`)));
    process.stdout.write(
      `\nThe upload step's ${job.uploads}: ${kept.map((e) => stem + e).join(", ")}\n`,
    );
    if (kept.length !== 3) {
      process.stderr.write(`The job wrote ${kept.length} of its three reports.\n`);
      return 1;
    }
    return 0;
  } finally {
    // What the job left serving (its app in the background) goes with the clone.
    for (const child of background) stop(child);
    rmSync(clone, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("fresh-clone.ts")) process.exitCode = await main();
