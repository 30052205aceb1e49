/**
 * `calling-stand-in host --app https://localhost:3000/`: a calling-app team's daily loop, their
 * dev server and a local HubSpot beside it. Serves the built stand-in (kit/host/server.ts) framing
 * the app, starts the app's own server first where `--with` says how and nothing answers yet, and
 * stops both on Ctrl-C (or SIGTERM, or SIGHUP when the terminal goes).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { answers } from "../../common/answers";
import { livingMember } from "../../common/processGroup";
import { errorText } from "../../common/text";
import { serveStandIn } from "../stand-in/server/server";
import { DEFAULT_API_KEY, DEFAULT_SETTINGS_FILE } from "../stand-in/server/settingsServer";
import { HOST_USAGE, type HostOptions, parseHostArgs } from "./hostArgs";

/** How long an app started with `--with` may take to answer. */
const START_TIMEOUT_MS = 60_000;
/** How long the app's processes get to end after SIGTERM before they are killed. */
const STOP_GRACE_MS = 3_000;

/** The signals that end the host, and with it the app it started. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const WINDOWS = process.platform === "win32";

/**
 * The app's server, started by `--with` in a process group of its own (detached): `npm run dev`
 * is a shell, npm and the dev server, and the dev server may start more. Ending only the shell
 * left the server on its port; ending the group ends them all. (Windows has no process groups to
 * signal: there the tree is ended with taskkill.)
 */
class AppGroup {
  #child: ChildProcess | null = null;
  #exited = false;
  /** Set once the group has been seen gone: its id may then be another group's. */
  #gone = false;

  start(command: string): ChildProcess {
    const child = spawn(command, {
      shell: true,
      detached: !WINDOWS,
      stdio: ["ignore", "inherit", "inherit"],
    });
    // No shell to start is an exit too (startApp says so), not an uncaught error.
    for (const event of ["exit", "error"]) {
      child.on(event, () => {
        this.#exited = true;
      });
    }
    this.#child = child;
    return child;
  }

  get exited(): boolean {
    return this.#exited;
  }

  /**
   * Sends `signal` to every process in the group (0: only asks whether one is left, the shell
   * may be gone and its children not). Synchronous, so that it works in an exit handler.
   */
  #signal(signal: NodeJS.Signals | 0): boolean {
    const pid = this.#child?.pid;
    if (pid === undefined || this.#gone) return false;
    if (WINDOWS) {
      if (signal !== 0)
        spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
      return signal === 0 ? !this.#exited : true;
    }
    try {
      process.kill(-pid, signal);
    } catch {
      // ESRCH: nothing is left in the group.
      this.#gone = true;
      return false;
    }
    return signal !== 0 || livingMember(pid);
  }

  /** SIGTERM to the group at once, without waiting (an exit handler cannot wait). */
  terminate(): void {
    this.#signal("SIGTERM");
  }

  /** SIGKILL to the group: for what did not end when asked. */
  kill(): void {
    this.#signal("SIGKILL");
  }

  /** SIGTERM to the group, then SIGKILL to whatever is left after the grace period. */
  async stop(): Promise<void> {
    if (!this.#signal("SIGTERM")) return;
    const deadline = Date.now() + STOP_GRACE_MS;
    while (Date.now() < deadline && this.#signal(0))
      await new Promise((resolve) => setTimeout(resolve, 50));
    this.kill();
    this.#gone = true;
  }
}

/**
 * Starts `command` and waits for `app` to answer; rejects if it exits first, takes too long, or
 * the host is stopped meanwhile (`stopping` aborted).
 */
async function startApp(
  group: AppGroup,
  command: string,
  app: string,
  stopping: AbortSignal,
): Promise<void> {
  process.stdout.write(`Nothing answers at ${app} yet: starting it with ${command}\n`);
  const child = group.start(command);
  let exitCode: number | null = null;
  child.on("exit", (code) => {
    exitCode = code;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (stopping.aborted) throw new Error(`Stopped before ${app} answered`);
    if (group.exited) throw new Error(`${command} exited (${exitCode}) before ${app} answered`);
    if (await answers(app, 1_000)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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
  // No opener at all, or one with no browser to open (xdg-open on a machine without a desktop).
  let said = false;
  const say = () => {
    if (!said) process.stdout.write(`No browser could be opened: open ${url} in yours.\n`);
    said = true;
  };
  child.on("error", say);
  child.on("exit", (code) => {
    if (code !== 0) say();
  });
  child.unref();
}

/**
 * Resolves on the first SIGINT, SIGTERM or SIGHUP (and aborts `stopping`). Listening replaces
 * Node's default of dying at once, which would skip the app's clean-up; a second signal while
 * stopping kills the app's group without waiting.
 */
function onStopSignal(group: AppGroup): {
  readonly stopping: AbortSignal;
  readonly stopped: Promise<void>;
  readonly dispose: () => void;
} {
  const controller = new AbortController();
  let resolve = () => {};
  const stopped = new Promise<void>((done) => {
    resolve = done;
  });
  const listener = () => {
    if (controller.signal.aborted) group.kill();
    controller.abort();
    resolve();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, listener);
  return {
    stopping: controller.signal,
    stopped,
    dispose: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, listener);
    },
  };
}

async function serve(options: HostOptions): Promise<number> {
  const group = new AppGroup();
  // However the host ends (a return, a throw, process.exit), the app it started goes with it.
  const onExit = () => group.terminate();
  process.on("exit", onExit);
  const signals = onStopSignal(group);
  try {
    return await serveWith(options, group, signals);
  } finally {
    await group.stop();
    signals.dispose();
    process.off("exit", onExit);
  }
}

async function serveWith(
  options: HostOptions,
  group: AppGroup,
  { stopping, stopped }: ReturnType<typeof onStopSignal>,
): Promise<number> {
  if (options.with && options.app && !(await answers(options.app))) {
    try {
      await startApp(group, options.with, options.app, stopping);
    } catch (error) {
      if (stopping.aborted) return 0;
      process.stderr.write(`${errorText(error)}\n`);
      return 1;
    }
  }
  if (stopping.aborted) return 0;
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
  await stopped;
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
