/**
 * What the benchmark and the trace serve: the softphone's build where HubSpot looks for it, the
 * floor page, the stand-in, and (for the benchmark) the dev server.
 */
import { createServer, preview } from "vite";
import { DEV_PORT, SOFTPHONE_PORT } from "../common/ports.ts";
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
  const host = await createServer({
    configFile: "kit/host/vite.config.ts",
    logLevel: "error",
    server: { open: false },
  });
  await host.listen();
  return () =>
    Promise.all([
      dev?.close(),
      host.close(),
      ...previews.map((p) => new Promise((resolve) => p.httpServer.close(resolve))),
    ]);
}
