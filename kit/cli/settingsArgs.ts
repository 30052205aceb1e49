/**
 * `calling-stand-in settings <command>`: the command line and the environment, checked before
 * anything is sent. Pure: the result is what to do, or the usage error to print (exit code 2).
 */
import { parseArgs } from "node:util";
import { isHttpsUrl } from "../../common/guards";
import { FRAME_SIDE, WIDGET_SIZE } from "../../common/widget";
import { argsError } from "./argsError";

/** The version of HubSpot's client the command is written and tested against. */
export const CLIENT_VERSION = "13.5.0";
export const CLIENT_INSTALL = `npm install --save-dev @hubspot/api-client@${CLIENT_VERSION}`;

export const HUBSPOT_API = "https://api.hubapi.com";

/** The settings fields a command line can set, by option. */
const FLAGS = {
  ready: "isReady",
  inbound: "supportsInboundCalling",
  "custom-objects": "supportsCustomObjects",
  remote: "usesRemote",
  "calling-window": "usesCallingWindow",
} as const;

export interface SettingsFields {
  name?: string;
  url?: string;
  width?: number;
  height?: number;
  isReady?: boolean;
  supportsInboundCalling?: boolean;
  supportsCustomObjects?: boolean;
  usesRemote?: boolean;
  usesCallingWindow?: boolean;
}

/** What `create` sends: HubSpot requires a name and a URL, so the command line must give both. */
export type NewSettings = SettingsFields & { name: string; url: string };

export type Command =
  | { readonly kind: "get" | "delete" | "recording get" }
  | { readonly kind: "create"; readonly fields: NewSettings }
  | { readonly kind: "update"; readonly fields: SettingsFields }
  | { readonly kind: "recording set"; readonly url: string };

export interface Config {
  readonly appId: number;
  /** Never printed. */
  readonly apiKey: string;
  readonly basePath: string;
}

export type Parsed =
  | { readonly ok: true; readonly command: Command; readonly config: Config }
  | { readonly ok: true; readonly help: true }
  | { readonly ok: false; readonly error: string };

export const USAGE = `Usage: calling-stand-in settings <command> [options]

A calling app's calling settings in HubSpot, or in the stand-in, through HubSpot's official Node
client (${CLIENT_INSTALL}, once). Prints them as JSON; exits 1 when the API answered an error or
could not be reached, 2 for a usage error or without the client.

Commands:
  get                       print the app's calling settings
  create --name NAME --url URL
                            create them (${WIDGET_SIZE.width}x${WIDGET_SIZE.height} and not ready unless given)
  update                    change the fields given, and only those
  delete                    delete them
  recording get             print the recording URL format
  recording set --url URL   set it

Options for create and update:
  --name NAME  --url https://...  --width N  --height N (pixels, ${FRAME_SIDE.min} to ${FRAME_SIDE.max})
  --ready | --no-ready                    isReady (false while testing)
  --inbound | --no-inbound                supportsInboundCalling
  --custom-objects | --no-custom-objects  supportsCustomObjects
  --remote | --no-remote                  usesRemote
  --calling-window | --no-calling-window  usesCallingWindow

Environment: HUBSPOT_APP_ID, HUBSPOT_DEVELOPER_API_KEY (never on the command line),
HUBSPOT_API_BASE (default ${HUBSPOT_API}; the stand-in: https://localhost:9026).`;

const fail = (error: string): Parsed => ({ ok: false, error });

/**
 * What each option's value must be, said in its mistakes. The sizes are the ones a frame can take
 * in the stand-in (HubSpot's schema only says int32): a widget wider than any screen is a typo.
 */
const SIZE = `a whole number of pixels from ${FRAME_SIDE.min} to ${FRAME_SIDE.max}`;
export const TAKES: Readonly<Record<string, string>> = {
  name: "the app's name, as HubSpot shows it",
  url: "your app's https:// address",
  width: SIZE,
  height: SIZE,
};

function size(name: string, raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return /^\d{1,9}$/.test(raw) && value >= FRAME_SIDE.min && value <= FRAME_SIDE.max
    ? value
    : `--${name} takes ${SIZE}, not "${raw.slice(0, 20)}".`;
}

type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

function fieldsOf(values: Values): SettingsFields | string {
  const fields: SettingsFields = {};
  if (typeof values.name === "string") {
    if (values.name.trim() === "") return `--name needs a value: ${TAKES.name} (not blank).`;
    fields.name = values.name;
  }
  const url = values.url;
  if (typeof url === "string") {
    if (!isHttpsUrl(url)) return `--url takes ${TAKES.url}, not "${String(url).slice(0, 60)}".`;
    fields.url = url;
  }
  for (const name of ["width", "height"] as const) {
    const value = size(name, values[name] as string | undefined);
    if (typeof value === "string") return value;
    if (value !== undefined) fields[name] = value;
  }
  for (const [flag, field] of Object.entries(FLAGS)) {
    const value = values[flag];
    if (typeof value === "boolean") fields[field] = value;
  }
  return fields;
}

function configOf(env: Readonly<Record<string, string | undefined>>): Config | string {
  const appId = env.HUBSPOT_APP_ID ?? "";
  if (!/^\d{1,12}$/.test(appId) || Number(appId) === 0) {
    return "Set HUBSPOT_APP_ID to your app's id (a positive whole number).";
  }
  const apiKey = env.HUBSPOT_DEVELOPER_API_KEY ?? "";
  if (apiKey === "") return "Set HUBSPOT_DEVELOPER_API_KEY to your developer account's API key.";
  const basePath = (env.HUBSPOT_API_BASE ?? HUBSPOT_API).replace(/\/+$/, "");
  if (!isHttpsUrl(basePath)) return "HUBSPOT_API_BASE must be an https:// URL.";
  return { appId: Number(appId), apiKey, basePath };
}

export function parseCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      options: {
        name: { type: "string" },
        url: { type: "string" },
        width: { type: "string" },
        height: { type: "string" },
        help: { type: "boolean" },
        ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: "boolean" }])),
      },
    });
  } catch (error) {
    return fail(
      argsError(error, ["name", "url", "width", "height", "help", ...Object.keys(FLAGS)], {
        argv,
        takes: TAKES,
      }),
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, help: true };
  const kind = positionals.join(" ");
  const given = Object.keys(values).length > 0;
  let command: Command;
  if (kind === "get" || kind === "delete" || kind === "recording get") {
    if (given) return fail(`${kind} takes no options.`);
    command = { kind };
  } else if (kind === "create") {
    const fields = fieldsOf(values);
    if (typeof fields === "string") return fail(fields);
    // No defaults for these: a made-up name or URL would be sent to HubSpot without a word.
    const { name, url } = fields;
    if (name === undefined || url === undefined) {
      const missing = [
        name === undefined ? `--name NAME (${TAKES.name})` : "",
        url === undefined ? `--url URL (${TAKES.url})` : "",
      ];
      return fail(`create needs ${missing.filter(Boolean).join(" and ")}.`);
    }
    // Not ready unless asked: an app being tried out stays hidden from the portal's other users.
    command = { kind, fields: { ...WIDGET_SIZE, isReady: false, ...fields, name, url } };
  } else if (kind === "update") {
    const fields = fieldsOf(values);
    if (typeof fields === "string") return fail(fields);
    if (Object.keys(fields).length === 0) return fail("update needs at least one field to change.");
    command = { kind, fields };
  } else if (kind === "recording set") {
    const url = values.url;
    if (typeof url !== "string" || !isHttpsUrl(url))
      return fail("recording set needs --url with an https:// URL.");
    if (Object.keys(values).length > 1) return fail("recording set takes only --url.");
    command = { kind, url };
  } else {
    return fail(kind === "" ? "Name a command." : `Unknown command: ${kind.slice(0, 40)}.`);
  }
  const config = configOf(env);
  return typeof config === "string" ? fail(config) : { ok: true, command, config };
}
