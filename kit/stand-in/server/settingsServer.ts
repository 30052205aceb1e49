/**
 * Runs in Node, in the stand-in's Vite server (dev and preview): serves HubSpot's calling settings
 * endpoints (decided in `callingSettings.ts`) and keeps what they store in a JSON file, written
 * atomically. A damaged file is set aside and said so, never silently emptied.
 */
import { existsSync, readFileSync, renameSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Connect, Plugin } from "vite";
import { writeAtomically } from "../../../common/writeAtomically.ts";
import { APP_PATH, APPS_PATH } from "../settingsPaths.ts";
import {
  error,
  handleSettings,
  isSettingsPath,
  parseDb,
  type SettingsDb,
} from "./callingSettings.ts";

/** The key the stand-in accepts as `hapikey` unless `STAND_IN_API_KEY` names another. */
export const DEFAULT_API_KEY = "stand-in-developer-key";
export const DEFAULT_SETTINGS_FILE = ".stand-in/settings.json";
const MAX_BODY = 64 * 1024;

export interface SettingsServerOptions {
  readonly file: string;
  readonly apiKey: string;
  /** The app the stand-in frames when nothing else names one (the host command's `--app`). */
  readonly app?: { readonly name: string; readonly url: string };
  readonly warn?: (message: string) => void;
}

/** Reads the file; a damaged one is renamed aside (and said so) and the stand-in starts empty. */
export function loadDb(file: string, warn: (message: string) => void): SettingsDb {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, "utf8");
  let db: SettingsDb | null = null;
  try {
    db = parseDb(JSON.parse(text));
  } catch {
    db = null;
  }
  if (db) return db;
  const aside = `${file}.damaged-${Date.now()}`;
  renameSync(file, aside);
  warn(`The stand-in's settings file ${file} could not be read: set aside as ${aside}.`);
  return {};
}

/** Writes the whole file at once: a new file renamed over the old, so a crash leaves one or the other. */
export function saveDb(file: string, db: SettingsDb): void {
  writeAtomically(file, `${JSON.stringify(db, null, 2)}\n`);
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    request.on("end", () =>
      resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString("utf8")),
    );
    request.on("error", () => resolve(null));
  });
}

function send(response: ServerResponse, status: number, body?: unknown) {
  response.statusCode = status;
  if (body === undefined) {
    response.end();
    return;
  }
  response.setHeader("Content-Type", "application/json; charset=utf-8");
  response.end(JSON.stringify(body));
}

export function settingsMiddleware(options: SettingsServerOptions): Connect.NextHandleFunction {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let db = loadDb(options.file, warn);
  return (request, response, next) => {
    const url = new URL(request.url ?? "/", "https://stand-in");
    if (url.pathname === APP_PATH && request.method === "GET")
      return send(response, options.app ? 200 : 404, options.app ?? {});
    if (url.pathname === APPS_PATH && request.method === "GET") {
      const apps = Object.entries(db).flatMap(([appId, entry]) =>
        entry.settings ? [{ appId: Number(appId), ...entry.settings }] : [],
      );
      return send(response, 200, apps);
    }
    if (!isSettingsPath(url.pathname)) return next();
    void readBody(request).then((text) => {
      if (text === null)
        return send(response, 413, error(413, "VALIDATION_ERROR", "The body is too large.").body);
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        return send(response, 400, error(400, "VALIDATION_ERROR", "The body is not JSON.").body);
      }
      const apiKey = url.searchParams.get("hapikey");
      const request_ = { method: request.method ?? "GET", path: url.pathname, apiKey, body };
      const result = handleSettings(db, request_, options.apiKey, new Date().toISOString());
      if (result.db !== db) {
        saveDb(options.file, result.db);
        db = result.db;
      }
      send(response, result.status, result.body);
    });
  };
}

/** The endpoints in the stand-in's dev and preview servers. */
export function settingsServer(options: SettingsServerOptions): Plugin {
  return {
    name: "stand-in-calling-settings",
    configureServer(server) {
      server.middlewares.use(settingsMiddleware(options));
    },
    configurePreviewServer(server) {
      server.middlewares.use(settingsMiddleware(options));
    },
  };
}
