/**
 * `npm run test:readme`: the README's commands, as written, on this checkout (CI runs the whole
 * suite on a fresh clone already): every shell block that starts a server or runs a tool and needs
 * no HubSpot account, in order (a server must answer at its addresses, then is stopped; a command
 * must exit 0). Every shell block says which it is (`<!-- run: server URL… -->`,
 * `<!-- run: command -->`, or why it is not run), so none is left out unseen. The check's command
 * must have written the three reports its `--report` names, every scenario passed. (The kit's CI
 * job, a template for another app, is run where another app is: the package's browser test runs
 * the job `init` writes, and a unit test keeps kit/README.md's job the same as that.) Exits 1 at
 * the first that fails, naming it.
 *
 * It uses the README's ports (9025, 9026): run it when the browser tests' servers are not up.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { answers } from "../common/answers.ts";
import { livingMember } from "../common/processGroup.ts";

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

/** A script's commands, one by one: its lines, split at `&&`, without the parentheses around one. */
export function commandsOf(script: string): string[] {
  return script
    .split("\n")
    .flatMap((line) => line.split("&&"))
    .map((command) =>
      command
        .trim()
        .replace(/^\((.*)\)$/, "$1")
        .trim(),
    )
    .filter(Boolean);
}

/** Variables of a Playwright or npm run this may be started from, which the commands' own would take. */
const env = Object.fromEntries(
  Object.entries({ ...process.env, BROWSER: "none" }).filter(
    ([key]) =>
      !/^(TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PW_|PLAYWRIGHT_(?!BROWSERS_PATH)|npm_)/.test(key),
  ),
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether any process of the group `pgid` still runs (an exited one holds no port). */
function alive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  return livingMember(pgid);
}

/**
 * Stops a block's whole process group (a server, and what a script left in the background) and
 * waits until it is gone, so the ports it held are free for what comes next.
 */
async function stop(child: ChildProcess): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined || !alive(pgid)) return;
  process.kill(-pgid, "SIGTERM");
  for (let waited = 0; alive(pgid); waited += 100) {
    if (waited === 5_000) process.kill(-pgid, "SIGKILL");
    await sleep(100);
  }
}

async function runServer(script: string, urls: readonly string[]): Promise<string | null> {
  const child = spawn(script, { env, shell: true, stdio: "inherit", detached: true });
  try {
    const deadline = Date.now() + 120_000;
    for (const url of urls) {
      while (!(await answers(url))) {
        if (child.exitCode !== null) return `it exited (${child.exitCode}) before ${url} answered`;
        if (Date.now() > deadline) return `${url} did not answer within 120 s`;
        await sleep(250);
      }
      process.stdout.write(`(${url} answers)\n`);
    }
    return null;
  } finally {
    await stop(child);
  }
}

/** Runs a block to its end; what it left in the background (a server) is stopped after `then`. */
async function runCommand(script: string, background: ChildProcess[]): Promise<string | null> {
  const child = spawn(script, { env, shell: true, stdio: "inherit", detached: true });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  background.push(child);
  return code === 0 ? null : `it exited ${code}`;
}

/** The `--report` file the README's check command names, if one does. */
export function reportOf(commands: readonly string[]): string | undefined {
  for (const command of commands) {
    const report = /calling-stand-in check .*--report (\S+)\.json\b/.exec(command)?.[1];
    if (report) return report;
  }
  return undefined;
}

/** The check's three reports, and what it wrote in the JSON one. */
function reportProblem(stem: string): string | null {
  const missing = [".json", ".md", ".xml"].filter((ext) => !existsSync(`${stem}${ext}`));
  if (missing.length > 0) return `the check wrote no ${missing.map((e) => stem + e).join(", ")}`;
  const { totals } = JSON.parse(readFileSync(`${stem}.json`, "utf8"));
  if (totals?.passed !== 10 || totals.skipped !== 0)
    return `the check's report says ${JSON.stringify(totals)}, not every scenario passed`;
  return null;
}

async function main(): Promise<number> {
  const readme = readmeBlocks(readFileSync("README.md", "utf8"));
  const stem = reportOf(readme.flatMap((block) => commandsOf(block.script)));
  if (!stem) throw new Error("README.md runs no calling-stand-in check with --report FILE.json");
  const written = [`${stem}.json`, `${stem}.md`, `${stem}.xml`, "preview.log"];
  const background: ChildProcess[] = [];
  try {
    for (const block of readme) {
      process.stdout.write(`\n[README] ${block.run}: ${block.script.replaceAll("\n", "; ")}\n`);
      if (block.run === "not run") continue;
      const problem =
        block.run === "server"
          ? await runServer(block.script, block.urls)
          : await runCommand(block.script, background);
      if (problem) {
        process.stderr.write(`The README's block failed (${problem}): ${block.script}\n`);
        return 1;
      }
    }
    const problem = reportProblem(stem);
    if (problem) {
      process.stderr.write(`The README's check: ${problem}\n`);
      return 1;
    }
    process.stdout.write(
      `\nThe README's check wrote ${stem}.json, .md and .xml: every scenario passed.\n`,
    );
    return 0;
  } finally {
    // What the commands left serving (the app in the background) goes, and so do their files.
    await Promise.all(background.map(stop));
    for (const file of written) rmSync(file, { force: true });
  }
}

if (process.argv[1]?.endsWith("readme-commands.ts")) process.exitCode = await main();
