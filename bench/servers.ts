/**
 * What the benchmark and the trace serve: the softphone's build where HubSpot looks for it, the
 * floor page, the stand-in, and (for the benchmark) the dev server.
 */

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, preview } from "vite";
import { DEV_PORT, HOST_PORT, SOFTPHONE_PORT } from "../common/ports.ts";
import { serveStandIn } from "../kit/host/server.ts";
import { DEFAULT_API_KEY } from "../kit/host/settingsServer.ts";
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
  // The stand-in as the kit serves it (its page built once, by `npm run build:kit`).
  const host = await serveStandIn({
    port: HOST_PORT,
    host: "localhost",
    settingsFile: join(mkdtempSync(join(tmpdir(), "bench-stand-in-")), "settings.json"),
    apiKey: DEFAULT_API_KEY,
  });
  return () =>
    Promise.all([
      dev?.close(),
      host.close(),
      ...previews.map((p) => new Promise((resolve) => p.httpServer.close(resolve))),
    ]);
}
