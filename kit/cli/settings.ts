/**
 * `calling-stand-in settings <command>`: a calling app's settings in HubSpot (or in the stand-in),
 * through HubSpot's official Node client. Prints the settings as JSON. Exit 0 on success, 1 when
 * the API answered an error or could not be reached, 2 for a usage error or a missing client
 * (nothing sent). The API key is never printed.
 *
 * The client (47 MB installed) is an optional peer dependency of the kit, loaded only here and
 * only once the command line is good: `host`, `check` and `settings --help` work without it.
 */
import { existsSync, readFileSync } from "node:fs";
import { globalAgent } from "node:https";
import { type Command, type Config, parseCommand, USAGE } from "./settingsArgs";
import { clientMissing, describeFailure } from "./settingsErrors";

type ClientModule = typeof import("@hubspot/api-client");
/** How the client is loaded: a test gives one that fails, as a project without it would. */
export type LoadClient = () => Promise<ClientModule>;

const loadClient: LoadClient = () => import("@hubspot/api-client");

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

async function run({ Client }: ClientModule, command: Command, config: Config): Promise<unknown> {
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
      return settingsApi.create(config.appId, command.fields);
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

/** `calling-stand-in settings …`: the exit code for `argv` (the arguments after `settings`). */
export async function settings(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  load: LoadClient = loadClient,
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
  let client: ClientModule;
  try {
    client = await load();
  } catch (error) {
    process.stderr.write(`${clientMissing(error)}\n`);
    return 2;
  }
  try {
    const result = await run(client, parsed.command, parsed.config);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${describeFailure(error, parsed.command, parsed.config)}\n`);
    return 1;
  }
}
