/**
 * The built command as a process, for what only a running command shows: `settings` against a real
 * HTTPS stand-in (served here, in this process, on a free port) and against nothing at all, and
 * `host --with` ending the app it started. Runs `npm run build:kit`'s output, as an installed
 * package would; a few seconds in all.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answers } from "../../../common/answers";
import { type StandInServer, serveStandIn } from "../../../kit/stand-in/server/server";

const COMMAND = "node_modules/.bin/calling-stand-in";
const KEY = "process-test-key";

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command without blocking this process: the stand-in it talks to is served here. */
function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [COMMAND, ...args], {
      env: { ...process.env, BROWSER: "none", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** A port nothing listens on (taken from the system, then let go). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const until = async (check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
};

let dir = "";
let standIn: StandInServer | null = null;

beforeAll(async () => {
  // A stale build would test yesterday's command: say so rather than pass or fail on it.
  const stamp = "kit/dist/.built";
  if (!existsSync(stamp)) throw new Error("The kit is not built: run npm run build:kit first.");
  const built = statSync(stamp).mtimeMs;
  for (const source of ["kit/cli/settings.ts", "kit/cli/settingsErrors.ts", "kit/cli/host.ts"]) {
    if (existsSync(source) && statSync(source).mtimeMs > built)
      throw new Error(`${source} is newer than the kit's build: run npm run build:kit first.`);
  }
  dir = mkdtempSync(join(tmpdir(), "calling-stand-in-"));
  standIn = await serveStandIn({
    port: 0,
    host: "127.0.0.1",
    settingsFile: join(dir, "settings.json"),
    apiKey: KEY,
  });
}, 20_000);

afterAll(async () => {
  await standIn?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("calling-stand-in, run as a process", () => {
  const settings = (args: string[], env: Record<string, string> = {}) =>
    run(["settings", ...args], {
      HUBSPOT_APP_ID: "4241",
      HUBSPOT_DEVELOPER_API_KEY: KEY,
      HUBSPOT_API_BASE: standIn?.url ?? "",
      ...env,
    });

  it("settings: no settings yet, already there, no recording format: each said, with the command to use", async () => {
    // Three apps side by side (each command is a Node start and the client's load), then the
    // second create, which must follow the first.
    const args = ["create", "--name", "Process app", "--url", "https://localhost:3000/"];
    const [none, recording, created] = await Promise.all([
      settings(["get"], { HUBSPOT_APP_ID: "4242" }),
      settings(["recording", "get"], { HUBSPOT_APP_ID: "4243" }),
      settings(args, { HUBSPOT_APP_ID: "4244" }),
    ]);
    const again = await settings(args, { HUBSPOT_APP_ID: "4244" });

    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(
      /^App 4242 has no calling settings yet \(or HUBSPOT_APP_ID is not your app's id\)\. Create them with:\n {2}calling-stand-in settings create --name NAME --url URL\nHubSpot answered 404: This app has no calling settings yet: create them first \(POST, with name and url\); category OBJECT_NOT_FOUND; correlationId stand-in-\S+\.\n$/,
    );
    expect(none.stderr).not.toMatch(/recording/);

    expect(recording.status).toBe(1);
    expect(recording.stderr).toMatch(
      /^App 4243 has no recording URL format yet\. Set one with:\n {2}calling-stand-in settings recording set --url URL\n/,
    );

    expect(created.status, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: "Process app", isReady: false });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /^App 4244 already has calling settings\. Change them with calling-stand-in settings update /,
    );
    for (const each of [none, created, again, recording])
      expect(each.stdout + each.stderr).not.toContain(KEY);
  });

  it("settings: nothing listening at HUBSPOT_API_BASE is the API not reached, with the cause, not an answer", async () => {
    const base = `https://127.0.0.1:${await freePort()}`;
    const refused = await settings(["get"], { HUBSPOT_API_BASE: base });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^Could not reach the HubSpot API at ${base}: ECONNREFUSED \\(connect ECONNREFUSED`,
      ),
    );
    expect(refused.stderr).not.toMatch(/HubSpot answered/);
    expect(refused.stdout + refused.stderr).not.toContain(KEY);
  });

  it.runIf(process.platform === "linux")(
    "host --open on a machine with no browser to open says to open the stand-in yourself",
    async () => {
      // xdg-open as it is on a machine without a desktop: it finds no browser and exits 3.
      const bin = mkdtempSync(join(tmpdir(), "no-browser-"));
      writeFileSync(join(bin, "xdg-open"), "#!/bin/sh\nexit 3\n", { mode: 0o755 });
      const port = await freePort();
      const { BROWSER: _, ...env } = process.env;
      const host = spawn(
        process.execPath,
        [COMMAND, "host", "--host", "127.0.0.1", "--port", String(port), "--open"],
        {
          env: { ...env, PATH: `${bin}:${env.PATH ?? ""}` },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let output = "";
      host.stdout?.on("data", (chunk: Buffer) => {
        output += chunk;
      });
      try {
        const said = await until(async () => output.includes("No browser could be opened"), 8_000);
        expect(said, output).toBe(true);
        expect(output).toContain(`open https://127.0.0.1:${port}/ in yours.`);
      } finally {
        host.kill("SIGKILL");
        rmSync(bin, { recursive: true, force: true });
      }
    },
    15_000,
  );

  const ends: { readonly name: string; readonly signal?: NodeJS.Signals; readonly exit: number }[] =
    [
      { name: "SIGTERM to the host", signal: "SIGTERM", exit: 0 },
      { name: "SIGINT to the host", signal: "SIGINT", exit: 0 },
      { name: "the stand-in failing to start (its port taken)", exit: 2 },
    ];
  for (const [index, { name, signal, exit }] of ends.entries()) {
    it(`host --with: ${name} ends the app's server, and what it started`, async () => {
      const appPort = await freePort();
      const pidFile = join(dir, `app-${index}.pid`);
      // The app's server is a child of the process --with starts (as a dev server is npm's):
      // ending only the process the host started leaves it listening.
      const server = join(dir, `server-${index}.cjs`);
      writeFileSync(
        server,
        `const pem = require("fs").readFileSync(${JSON.stringify(join(process.cwd(), "node_modules/.cache/https/_cert.pem"))});
require("fs").writeFileSync(${JSON.stringify(pidFile)}, \`\${process.pid} \${process.ppid}\`);
require("https").createServer({ key: pem, cert: pem }, (q, s) => s.end("app")).listen(${appPort});`,
      );
      const starter = `require("child_process").spawn(process.execPath, [${JSON.stringify(server)}], { stdio: "inherit" }); setInterval(() => {}, 1000);`;
      const app = `https://localhost:${appPort}/`;
      const taken = signal ? null : createServer().listen(0, "127.0.0.1");
      if (taken) await new Promise((resolve) => taken.once("listening", resolve));
      const address = taken?.address();
      const port = typeof address === "object" && address ? address.port : await freePort();
      const host: ChildProcess = spawn(
        process.execPath,
        [
          ...[COMMAND, "host", "--host", "127.0.0.1", "--port", String(port)],
          ...["--app", app, "--settings", join(dir, `host-${index}.json`)],
          ...["--with", `"${process.execPath}" -e '${starter}'`],
        ],
        { env: { ...process.env, BROWSER: "none" }, stdio: ["ignore", "pipe", "pipe"] },
      );
      let output = "";
      host.stdout?.on("data", (chunk: Buffer) => {
        output += chunk;
      });
      host.stderr?.on("data", (chunk: Buffer) => {
        output += chunk;
      });
      const exited = new Promise<number | null>((resolve) => host.on("exit", resolve));
      try {
        if (signal) {
          const up = await until(async () => output.includes("HubSpot stand-in:"), 8_000);
          expect(up, output).toBe(true);
          expect(await answers(app)).toBe(true);
          host.kill(signal);
        }
        expect(await exited, output).toBe(exit);
        if (!signal) expect(output).toContain(`Port ${port} is already in use`);
        expect(await until(async () => !(await answers(app, 500)), 4_000)).toBe(true);
      } finally {
        if (host.exitCode === null) host.kill("SIGKILL");
        taken?.close();
        // The server and the process that started it, only while the app still answers (else
        // these ids may be no longer theirs).
        if (existsSync(pidFile) && (await answers(app, 500)))
          for (const pid of readFileSync(pidFile, "utf8").split(" "))
            process.kill(Number(pid), "SIGKILL");
      }
    }, 15_000);
  }
});
