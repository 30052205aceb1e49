/**
 * The stand-in served from its built page (no Vite at run time): a small Node HTTPS server with
 * the stand-in's security headers, HubSpot's calling settings endpoints (settingsServer.ts), and
 * every other path answered with the page, as HubSpot's calling window (`/calling-integration-
 * popup-ui/…`) needs. What `calling-stand-in host`, the check and the test fixture serve.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { sharedCertificate } from "../../../common/certificate";
import { securityHeaders } from "../../../server.config";
import { settingsMiddleware } from "./settingsServer";

export interface ServeOptions {
  /** 0 for any free port. */
  readonly port: number;
  readonly host: string;
  readonly settingsFile: string;
  readonly apiKey: string;
  /** The app the page frames when nothing else names one. */
  readonly app?: { readonly name: string; readonly url: string };
  /** The built page's folder; found beside this module by default. */
  readonly root?: string;
}

export interface StandInServer {
  /** The page's address, e.g. https://localhost:9026/ */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".map": "application/json; charset=utf-8",
};

/** The stand-in is HubSpot's page: nobody frames it, and it frames whichever app it is told to. */
const HEADERS = securityHeaders(["'none'"], ["frame-src https:"]);

/**
 * The built page: `stand-in/` beside the bundle that runs this (the package's `dist/`), or the
 * package's `dist/stand-in/` when run from its sources.
 */
export function standInFiles(): string {
  const candidates = ["./stand-in/", "../stand-in/", "../dist/stand-in/", "../../dist/stand-in/"];
  for (const candidate of candidates) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(join(dir, "index.html"))) return dir;
  }
  throw new Error(
    "The stand-in's page is not built: run `npm run build` in the hubspot-calling-stand-in package.",
  );
}

/**
 * The certificate: the user's own (`STAND_IN_TLS_CERT` and `STAND_IN_TLS_KEY`, or the softphone's
 * `SOFTPHONE_TLS_*`), else a self-signed one made offline and kept in `node_modules/.cache/https`
 * (the softphone's dev server keeps its own there too, so the browser's warning is accepted once).
 */
export async function certificate(): Promise<{ cert: string | Buffer; key: string | Buffer }> {
  const cert = process.env.STAND_IN_TLS_CERT ?? process.env.SOFTPHONE_TLS_CERT;
  const key = process.env.STAND_IN_TLS_KEY ?? process.env.SOFTPHONE_TLS_KEY;
  if (cert && key) return { cert: readFileSync(cert), key: readFileSync(key) };
  const pem = await sharedCertificate("hubspot-calling-stand-in");
  return { cert: pem, key: pem };
}

/** The file under `root` a request path names, or null when it names none (or climbs out). */
function fileFor(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const file = normalize(join(root, decoded));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

export async function serveStandIn(options: ServeOptions): Promise<StandInServer> {
  const root = normalize(options.root ?? standInFiles());
  const page = readFileSync(join(root, "index.html"));
  const settings = settingsMiddleware({
    file: options.settingsFile,
    apiKey: options.apiKey,
    ...(options.app ? { app: options.app } : {}),
  });
  const server = createServer(await certificate(), (request, response) => {
    for (const [name, value] of Object.entries(HEADERS)) response.setHeader(name, value);
    settings(request, response, () => {
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.statusCode = 405;
        response.end();
        return;
      }
      const { pathname } = new URL(request.url ?? "/", "https://stand-in");
      const file = pathname === "/" ? null : fileFor(root, pathname);
      response.setHeader(
        "Content-Type",
        file ? (TYPES[extname(file)] ?? "application/octet-stream") : (TYPES[".html"] ?? ""),
      );
      // The build's hashed files never change; the page itself is asked for each time.
      if (file?.includes(`${sep}assets${sep}`))
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      response.end(request.method === "HEAD" ? undefined : file ? readFileSync(file) : page);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${options.host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
