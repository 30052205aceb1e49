/**
 * What the benchmark and the trace serve: the softphone's build where HubSpot looks for it, the
 * floor page, the stand-in, and (for the benchmark) the dev server.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, preview } from "vite";
import { answers } from "../common/answers.ts";
import { DEV_PORT, HOST_PORT, HOST_URL, SOFTPHONE_PORT } from "../common/ports.ts";
import { https } from "../server.config.ts";

export const OUT_DIR = "dist-bench";
export const FLOOR_DIR = "dist-bench-floor";
export const FLOOR_PORT = DEV_PORT + 1;

/** Starts the servers; the function returned stops them. */
export async function startServers(options: { dev: boolean }): Promise<() => Promise<unknown>> {
  const dev = options.dev
    ? await createServer({
        configFile: "vite.config.ts",
        logLevel: "error",
        server: { open: false, port: DEV_PORT },
      })
    : null;
  await dev?.listen();
  const previews = await Promise.all([
    preview({
      configFile: "vite.config.ts",
      logLevel: "error",
      build: { outDir: OUT_DIR },
      preview: { port: SOFTPHONE_PORT, open: false, strictPort: true },
    }),
    // The floor page is served without the softphone's headers: it is the bare SDK.
    preview({
      configFile: false,
      plugins: https().plugins,
      logLevel: "error",
      build: { outDir: FLOOR_DIR },
      preview: { port: FLOOR_PORT, open: false, strictPort: true },
    }),
  ]);
  // The stand-in as any calling app runs it: the kit's command (its page built by build:kit).
  const settings = join(mkdtempSync(join(tmpdir(), "bench-stand-in-")), "settings.json");
  const host = spawn(
    "npx",
    ["calling-stand-in", "host", "--port", String(HOST_PORT), "--settings", settings],
    { stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  await answered(HOST_URL);
  return () =>
    Promise.all([
      dev?.close(),
      host.pid ? process.kill(-host.pid) : undefined,
      ...previews.map((p) => new Promise((resolve) => p.httpServer.close(resolve))),
    ]);
}

/** Resolves once something answers at `url` (certificates unchecked); rejects after 30 s. */
async function answered(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await answers(url, 1_000)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing answered at ${url} within 30 s`);
}
