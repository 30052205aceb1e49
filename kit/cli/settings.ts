/**
 * `calling-stand-in settings <command>`: a calling app's settings in HubSpot (or in the stand-in),
 * through HubSpot's official Node client. Prints the settings as JSON. Exit 0 on success, 1 when
 * the API answered an error, 2 for a usage error (nothing sent). The API key is never printed.
 */
import { existsSync, readFileSync } from "node:fs";
import { globalAgent } from "node:https";
import { Client } from "@hubspot/api-client";
import { isRecord } from "../../common/guards";
import { brief } from "../../common/text";
import { type Command, type Config, parseCommand, USAGE } from "./settingsArgs";

/**
 * The stand-in's certificate is self-signed: when the base is on this machine, trust it, and only
 * it (no flag needed). Anything else goes through Node's usual certificate checks. (The client's
 * `httpAgent` option did not reach its requests in 13.5.0, so this is the default agent's.)
 */
function trustStandIn(basePath: string): void {
  const { hostname } = new URL(basePath);
  if (hostname !== "localhost" && hostname !== "127.0.0.1") return;
  const file =
    process.env.STAND_IN_TLS_CERT ??
    process.env.SOFTPHONE_TLS_CERT ??
    "node_modules/.cache/https/_cert.pem";
  if (existsSync(file)) globalAgent.options.ca = readFileSync(file);
}

async function run(command: Command, config: Config): Promise<unknown> {
  trustStandIn(config.basePath);
  const client = new Client({
    developerApiKey: config.apiKey,
    basePath: config.basePath,
    numberOfApiCallRetries: 0,
  });
  const { settingsApi, recordingSettingsApi } = client.crm.extensions.calling;
  switch (command.kind) {
    case "get":
      return settingsApi.getById(config.appId);
    case "create":
      return settingsApi.create(config.appId, { name: "", url: "", ...command.fields });
    case "update":
      return settingsApi.update(config.appId, command.fields);
    case "delete":
      await settingsApi.archive(config.appId);
      return { deleted: config.appId };
    case "recording get":
      return recordingSettingsApi.getUrlFormat(config.appId);
    case "recording set":
      return recordingSettingsApi.registerUrlFormat(config.appId, {
        urlToRetrieveAuthedRecording: command.url,
      });
  }
}

/** What the API said, from the client's error: message, category, correlation id. */
function describe(error: unknown, apiKey: string): string {
  const e = isRecord(error) ? error : {};
  const body = isRecord(e.body) ? e.body : {};
  const text = (value: unknown) => (typeof value === "string" ? value : brief(value, 200));
  const code = typeof e.code === "number" ? e.code : "with an error";
  // One sentence per part: the API's message ends with its own full stop.
  const message = text(body.message ?? e.message ?? "no message").replace(/\.+$/, "");
  const parts = [
    `HubSpot answered ${code}: ${message}`,
    body.category ? `category ${text(body.category)}` : "",
    body.correlationId ? `correlationId ${text(body.correlationId)}` : "",
  ];
  // The key travels in the URL (`hapikey`), and errors can echo URLs: never print it.
  return parts.filter(Boolean).join("; ").replaceAll(apiKey, "[key]");
}

/** `calling-stand-in settings …`: the exit code for `argv` (the arguments after `settings`). */
export async function settings(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const parsed = parseCommand(argv, env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  if ("help" in parsed) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const result = await run(parsed.command, parsed.config);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${describe(error, parsed.config.apiKey)}\n`);
    return 1;
  }
}
