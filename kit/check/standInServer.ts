/**
 * The stand-in the check frames apps in: built once per run and served on a free port of
 * 127.0.0.1 (another site than an app on localhost, as HubSpot is), with a settings file of its
 * own, so a developer's `npm run host` and their registered apps are left alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";

const CONFIG = fileURLToPath(new URL("../host/vite.config.ts", import.meta.url));

export interface StandInServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startStandIn(): Promise<StandInServer> {
  const scratch = mkdtempSync(join(tmpdir(), "check-stand-in-"));
  // Read by the stand-in's config when it loads.
  process.env.STAND_IN_SETTINGS_FILE = join(scratch, "settings.json");
  // A build of its own: checks running side by side (in CI, in the tests) never share one.
  const outDir = join(scratch, "stand-in");
  await build({ configFile: CONFIG, logLevel: "error", build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile: CONFIG,
    logLevel: "error",
    build: { outDir },
    // The security scenario reaches it under a host name no app trusts, too.
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false, allowedHosts: true },
  });
  const address = server.httpServer.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.httpServer.close(() => done());
        rmSync(scratch, { recursive: true, force: true });
      }),
  };
}
