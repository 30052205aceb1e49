/**
 * HubSpot's calling settings endpoints, as the stand-in serves them: the decisions, pure. A request
 * (method, path, key, body) and the stored settings go in; the new settings and the response (status,
 * body in HubSpot's shapes) come out. `host/settingsServer.ts` does the HTTP and the file.
 */
import { isHttpsUrl, isRecord } from "../../../common/guards.ts";

export interface CallingSettings {
  readonly name: string;
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly isReady: boolean;
  readonly supportsCustomObjects: boolean;
  readonly supportsInboundCalling: boolean;
  readonly usesCallingWindow: boolean;
  readonly usesRemote: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RecordingSettings {
  readonly urlToRetrieveAuthedRecording: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AppEntry {
  readonly settings?: CallingSettings;
  readonly recording?: RecordingSettings;
}

/** Every app's settings, by app id. */
export type SettingsDb = Readonly<Record<string, AppEntry>>;

export interface SettingsRequest {
  readonly method: string;
  /** The path without the query, e.g. `/crm/v3/extensions/calling/123/settings`. */
  readonly path: string;
  readonly apiKey: string | null;
  readonly body: unknown;
}

export interface SettingsResponse {
  readonly db: SettingsDb;
  readonly status: number;
  readonly body?: unknown;
}

/** Both forms HubSpot documents: `/crm/v3/…` and the dated `/crm/extensions/calling/2026-03/…`. */
const PATH =
  /^\/crm\/(?:v3\/extensions\/calling|extensions\/calling\/\d{4}-\d{2})\/(\d{1,12})\/settings(\/recording)?\/?$/;

export const isSettingsPath = (path: string): boolean => PATH.test(path);

const BOOLEANS = [
  "isReady",
  "supportsCustomObjects",
  "supportsInboundCalling",
  "usesCallingWindow",
  "usesRemote",
] as const;
const MAX_SIDE = 2 ** 31 - 1;

type Field =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

/** Checks one settings field as HubSpot's schema types it (int32 sizes, https url). */
function field(name: string, value: unknown): Field {
  const bad = (why: string): Field => ({ ok: false, error: `${name} ${why}` });
  switch (name) {
    case "name":
      return typeof value === "string" && value.trim() !== "" && value.length <= 200
        ? { ok: true, value }
        : bad("must be a non-empty string of at most 200 characters");
    case "url":
      return isHttpsUrl(value) && value.length <= 2048
        ? { ok: true, value }
        : bad("must be an https:// URL");
    case "width":
    case "height":
      return Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_SIDE
        ? { ok: true, value }
        : bad("must be a positive whole number");
    default:
      return (BOOLEANS as readonly string[]).includes(name)
        ? typeof value === "boolean"
          ? { ok: true, value }
          : bad("must be true or false")
        : bad("is not a calling settings field");
  }
}

/** The body's fields, each checked; the first bad one is named. */
function fields(body: unknown, required: readonly string[]): Record<string, unknown> | string {
  if (!isRecord(body)) return "The request body must be a JSON object.";
  const missing = required.find((name) => body[name] === undefined);
  if (missing) return `${missing} is required`;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const checked = field(name, value);
    if (!checked.ok) return checked.error;
    out[name] = checked.value;
  }
  return out;
}

let sequence = 0;
/** HubSpot's error shape. */
export function error(
  status: number,
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): { status: number; body: Record<string, unknown> } {
  sequence = (sequence + 1) % 1_000_000;
  const correlationId = `stand-in-${Date.now().toString(36)}-${sequence}`;
  return { status, body: { status: "error", message, correlationId, category, ...extra } };
}

const DEFAULTS = {
  width: 400,
  height: 650,
  isReady: false,
  supportsCustomObjects: false,
  supportsInboundCalling: false,
  usesCallingWindow: false,
  usesRemote: false,
};

/** Answers one request to the settings endpoints; `now` is an ISO time, `expectedKey` the key. */
export function handleSettings(
  db: SettingsDb,
  request: SettingsRequest,
  expectedKey: string,
  now: string,
): SettingsResponse {
  const unchanged = (response: { status: number; body?: unknown }) => ({ db, ...response });
  const match = PATH.exec(request.path);
  if (!match?.[1]) return unchanged(error(404, "OBJECT_NOT_FOUND", "No such endpoint."));
  if (request.apiKey !== expectedKey) {
    return unchanged(
      error(401, "INVALID_AUTHENTICATION", "The API key (hapikey) is missing or invalid."),
    );
  }
  const appId = match[1];
  const entry = db[appId] ?? {};
  const save = (next: AppEntry, status: number, body?: unknown): SettingsResponse => ({
    db: { ...db, [appId]: next },
    status,
    ...(body === undefined ? {} : { body }),
  });
  return (match[2] ? recording : settings)({ entry, request, now, save, unchanged });
}

/** What an endpoint gets: the app's entry, the request, and how to answer with or without a change. */
interface Endpoint {
  readonly entry: AppEntry;
  readonly request: SettingsRequest;
  readonly now: string;
  readonly save: (next: AppEntry, status: number, body?: unknown) => SettingsResponse;
  readonly unchanged: (response: { status: number; body?: unknown }) => SettingsResponse;
}

const invalid = (message: string) =>
  error(400, "VALIDATION_ERROR", message, { errors: [{ message }] });
/** Each resource's 404 names that resource: a client reads which one is missing from it. */
const notFound = () =>
  error(
    404,
    "OBJECT_NOT_FOUND",
    "This app has no calling settings yet: create them first (POST, with name and url).",
  );
/** The recording URL format is its own resource: an app with settings may have none of it yet. */
const noRecording = () =>
  error(
    404,
    "OBJECT_NOT_FOUND",
    "This app has no recording URL format yet: set one first (POST, with urlToRetrieveAuthedRecording).",
  );

function settings({ entry, request, now, save, unchanged }: Endpoint): SettingsResponse {
  const current = entry.settings;
  switch (request.method) {
    case "GET":
      return unchanged(current ? { status: 200, body: current } : notFound());
    case "DELETE": {
      if (!current) return unchanged(notFound());
      const { settings: _gone, ...rest } = entry;
      return save(rest, 204);
    }
    case "POST": {
      if (current) {
        return unchanged(
          error(409, "CONFLICT", "This app already has calling settings: PATCH them instead.", {
            subCategory: "SETTINGS_ALREADY_EXISTS",
          }),
        );
      }
      const body = fields(request.body, ["name", "url"]);
      if (typeof body === "string") return unchanged(invalid(body));
      const created = { ...DEFAULTS, ...body, createdAt: now, updatedAt: now } as CallingSettings;
      // 200, as HubSpot answers (its official client takes nothing else as success).
      return save({ ...entry, settings: created }, 200, created);
    }
    case "PATCH": {
      if (!current) return unchanged(notFound());
      const body = fields(request.body, []);
      if (typeof body === "string") return unchanged(invalid(body));
      const updated = { ...current, ...body, updatedAt: now } as CallingSettings;
      return save({ ...entry, settings: updated }, 200, updated);
    }
    default:
      return unchanged(
        error(405, "METHOD_NOT_ALLOWED", `${request.method} is not supported here.`),
      );
  }
}

function recording({ entry, request, now, save, unchanged }: Endpoint): SettingsResponse {
  const current = entry.recording;
  if (request.method === "GET") {
    return unchanged(current ? { status: 200, body: current } : noRecording());
  }
  if (request.method !== "POST" && request.method !== "PATCH") {
    return unchanged(error(405, "METHOD_NOT_ALLOWED", `${request.method} is not supported here.`));
  }
  if (request.method === "PATCH" && !current) return unchanged(noRecording());
  const url = isRecord(request.body) ? request.body.urlToRetrieveAuthedRecording : undefined;
  if (!isHttpsUrl(url))
    return unchanged(invalid("urlToRetrieveAuthedRecording must be an https:// URL"));
  const next = {
    urlToRetrieveAuthedRecording: url,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
  };
  return save({ ...entry, recording: next }, 200, next);
}

/** Settings read back from the file, checked like any input: a damaged entry is left out. */
export function parseDb(raw: unknown): SettingsDb | null {
  if (!isRecord(raw)) return null;
  const db: Record<string, AppEntry> = {};
  for (const [appId, entry] of Object.entries(raw)) {
    if (!/^\d{1,12}$/.test(appId) || !isRecord(entry)) return null;
    const s = entry.settings;
    if (s !== undefined && !(isRecord(s) && field("name", s.name).ok && field("url", s.url).ok)) {
      return null;
    }
    db[appId] = entry as AppEntry;
  }
  return db;
}
