/**
 * `calling-stand-in host …`: the command line, checked before anything starts. Pure: what to
 * serve, or the usage error to print (exit code 2).
 */
import { isHttpsUrl } from "../../common/guards";
import { HOST_PORT } from "../../common/ports";
import { readOptions } from "./argsError";

export interface HostOptions {
  readonly kind: "serve";
  /** The calling app the stand-in frames unless a HubSpot override names another. */
  readonly app?: string;
  /** Its name in HubSpot's "Call from" menu. */
  readonly name: string;
  readonly port: number;
  readonly host: string;
  /** Started when the app does not answer (its dev server), and stopped with the stand-in. */
  readonly with?: string;
  readonly settingsFile?: string;
  readonly open: boolean;
}

export type HostParsed =
  | { readonly ok: true; readonly command: HostOptions | { readonly kind: "help" } }
  | { readonly ok: false; readonly error: string };

export const HOST_USAGE = `Usage: calling-stand-in host --app https://localhost:3000/ [options]

Serves the HubSpot stand-in (https://localhost:${HOST_PORT}/) framing your calling app, as HubSpot
would: a CRM to call from, engagements on a timeline, fault switches, HubSpot's calling settings
endpoints, and every message your app sends checked against HubSpot's rules. Ctrl-C stops it.

Options:
  --app URL        your app's https:// address (HubSpot's localStorage overrides and registered
                   calling settings still apply, as in HubSpot)
  --name NAME      its name in HubSpot's "Call from" menu (default: Your app)
  --with COMMAND   start your app's server with COMMAND when nothing answers at --app yet, and
                   stop it with the stand-in (e.g. --with "npm run dev")
  --port N         the stand-in's port (default ${HOST_PORT})
  --host NAME      the stand-in's host name (default localhost)
  --settings FILE  where registered calling settings are kept (default .stand-in/settings.json)
  --open           open the stand-in in a browser (not when BROWSER=none)
  --help           this text

Environment: STAND_IN_API_KEY (the key the settings endpoints accept, default
stand-in-developer-key), STAND_IN_TLS_CERT and STAND_IN_TLS_KEY (a trusted certificate instead
of the self-signed one).`;

export function parseHostArgs(argv: readonly string[]): HostParsed {
  const read = readOptions(
    argv,
    {
      app: { type: "string" },
      name: { type: "string" },
      with: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      settings: { type: "string" },
      open: { type: "boolean" },
      help: { type: "boolean" },
    },
    { port: "a port number from 1 to 65535" },
  );
  if ("error" in read) return { ok: false, error: read.error };
  const { values } = read;
  if (values.help) return { ok: true, command: { kind: "help" } };
  const str = (name: string) =>
    typeof values[name] === "string" ? (values[name] as string) : undefined;
  const app = str("app");
  if (app !== undefined && !isHttpsUrl(app))
    return {
      ok: false,
      error: `--app ${(app as string).slice(0, 100)} is not an https:// URL (HubSpot frames only https)`,
    };
  const port = str("port") === undefined ? HOST_PORT : Number(str("port"));
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    return { ok: false, error: "--port is a port number from 1 to 65535" };
  const host = str("host") ?? "localhost";
  if (!/^[a-z0-9.-]{1,253}$/i.test(host)) return { ok: false, error: "--host is a host name" };
  const command = str("with");
  if (command !== undefined && command.trim() === "")
    return { ok: false, error: "--with is the command that starts your app" };
  if (command !== undefined && app === undefined)
    return { ok: false, error: "--with starts your app: give its address with --app" };
  const name = (str("name") ?? "Your app").trim().slice(0, 100);
  if (name === "") return { ok: false, error: "--name is the app's name in Call from" };
  const settingsFile = str("settings");
  return {
    ok: true,
    command: {
      kind: "serve",
      ...(app === undefined ? {} : { app }),
      name,
      port,
      host,
      ...(command === undefined ? {} : { with: command }),
      ...(settingsFile === undefined ? {} : { settingsFile }),
      open: values.open === true,
    },
  };
}
