/**
 * `calling-stand-in host --app https://localhost:3000/`: a calling-app team's daily loop, their
 * dev server and a local HubSpot beside it. Serves the built stand-in (kit/host/server.ts) framing
 * the app, starts the app's own server first where `--with` says how and nothing answers yet, and
 * stops both on Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { answers } from "../../common/answers";
import { errorText } from "../../common/text";
import { serveStandIn } from "../host/server";
import { DEFAULT_API_KEY, DEFAULT_SETTINGS_FILE } from "../host/settingsServer";
import { HOST_USAGE, type HostOptions, parseHostArgs } from "./hostArgs";

/** How long an app started with `--with` may take to answer. */
const START_TIMEOUT_MS = 60_000;

/** Starts `command` and waits for `app` to answer; rejects if it exits first or takes too long. */
async function startApp(command: string, app: string): Promise<ChildProcess> {
  process.stdout.write(`Nothing answers at ${app} yet: starting it with ${command}\n`);
  const child = spawn(command, { shell: true, stdio: ["ignore", "inherit", "inherit"] });
  let exited: number | null | undefined;
  child.on("exit", (code) => {
    exited = code;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== undefined)
      throw new Error(`${command} exited (${exited}) before ${app} answered`);
    if (await answers(app, 1_000)) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error(`${app} did not answer within ${START_TIMEOUT_MS / 1000} s of ${command}`);
}

/** Opens `url` in the user's browser, unless BROWSER=none; a failure to is not the stand-in's. */
function openBrowser(url: string): void {
  if (process.env.BROWSER === "none") return;
  const opener =
    process.platform === "darwin" ? "open" : process.platform === "win32" ? "start" : "xdg-open";
  const child = spawn(opener, [url], {
    stdio: "ignore",
    detached: true,
    shell: process.platform === "win32",
  });
  child.on("error", () => process.stdout.write(`Open ${url} in your browser.\n`));
  child.unref();
}

async function serve(options: HostOptions): Promise<number> {
  let app: ChildProcess | null = null;
  if (options.with && options.app && !(await answers(options.app))) {
    try {
      app = await startApp(options.with, options.app);
    } catch (error) {
      process.stderr.write(`${errorText(error)}\n`);
      return 1;
    }
  }
  let server: Awaited<ReturnType<typeof serveStandIn>>;
  try {
    server = await serveStandIn({
      port: options.port,
      host: options.host,
      settingsFile:
        options.settingsFile ?? process.env.STAND_IN_SETTINGS_FILE ?? DEFAULT_SETTINGS_FILE,
      apiKey: process.env.STAND_IN_API_KEY ?? DEFAULT_API_KEY,
      ...(options.app ? { app: { name: options.name, url: options.app } } : {}),
    });
  } catch (error) {
    app?.kill();
    const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
    process.stderr.write(
      inUse
        ? `Port ${options.port} is already in use: is a stand-in already running? Stop it, or pass --port.\n`
        : `${errorText(error)}\n`,
    );
    return inUse ? 2 : 1;
  }
  process.stdout.write(
    [
      `HubSpot stand-in: ${server.url}`,
      `  framing ${options.app ?? "the app HubSpot's localStorage or calling settings name (else https://localhost:9025/)"}`,
      `  calling settings API: HUBSPOT_API_BASE=${server.url.replace(/\/$/, "")} HUBSPOT_DEVELOPER_API_KEY=${process.env.STAND_IN_API_KEY ? "(STAND_IN_API_KEY)" : DEFAULT_API_KEY}`,
      "  Ctrl-C stops it.",
      "",
    ].join("\n"),
  );
  if (options.open) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  app?.kill();
  await server.close();
  return 0;
}

/** `calling-stand-in host …`: the exit code for `argv` (the arguments after `host`). */
export async function host(argv: readonly string[]): Promise<number> {
  const parsed = parseHostArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${HOST_USAGE}\n`);
    return 2;
  }
  if (parsed.command.kind === "help") {
    process.stdout.write(`${HOST_USAGE}\n`);
    return 0;
  }
  return serve(parsed.command);
}
