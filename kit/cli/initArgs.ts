/** `calling-stand-in init`'s command line (pure): its options, checked, or what is wrong with them. */
import { isHttpsUrl } from "../../common/guards";
import { readOptions } from "./argsError";
import { CI_FILES, CI_KINDS, type CiKind } from "./ciJob";

export interface InitOptions {
  readonly kind: "run";
  readonly app: string;
  /** Where the actions file is written. */
  readonly out: string;
  readonly ci: CiKind;
  /** Files already there are replaced. */
  readonly force: boolean;
  /** How long to wait for an app that is still starting to answer at all. */
  readonly waitMs: number;
  /** The port the stand-in listens on (any free one by default). */
  readonly standInPort?: number;
}

export type InitParsed =
  | { readonly ok: true; readonly command: InitOptions | { readonly kind: "help" } }
  | { readonly ok: false; readonly error: string };

export const DEFAULT_ACTIONS_FILE = "calling-actions.json";

export const INIT_USAGE = `Usage: calling-stand-in init --app https://... [options]

What to run first. Frames your app in the HubSpot stand-in (headless Chromium), lists the
controls it shows (at start, after its log-in control, after HubSpot's Call on a record), and
writes a first actions file mapping the user's steps to them, and a CI job that runs the check.

Options:
  --app URL           the app's https:// address (as HubSpot would load it)
  --out FILE          the actions file to write (default ${DEFAULT_ACTIONS_FILE})
  --ci KIND           the CI job to write: github (default, ${CI_FILES.github}),
                      gitlab (${CI_FILES.gitlab}, to add to .gitlab-ci.yml) or none
  --force             replace files already there (by default, init stops and says which)
  --wait MS           wait up to MS for the app to answer at all (a server still starting)
  --stand-in-port N   serve the stand-in on this port of 127.0.0.1 (by default any free one)
  --help              this text

Then: npx calling-stand-in check --app URL --actions ${DEFAULT_ACTIONS_FILE}`;

const OPTIONS = {
  app: { type: "string" },
  out: { type: "string" },
  ci: { type: "string" },
  force: { type: "boolean" },
  wait: { type: "string" },
  "stand-in-port": { type: "string" },
  help: { type: "boolean" },
} as const;

const TAKES = {
  wait: "a whole number of milliseconds from 0 to 300000",
  "stand-in-port": "a port from 1 to 65535",
  ci: CI_KINDS.join(", "),
};

/** No control characters: what is written into a file (YAML, JSON) or said stays one line. */
const hasControl = (value: string) =>
  [...value].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);

/** A whole number option within its bounds, or none given; an error's text otherwise. */
function whole(value: string | undefined, min: number, max: number): number | undefined | null {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

function checked(str: (name: string) => string | undefined): InitOptions | string {
  const app = str("app");
  if (app === undefined) return "--app is required: the https:// address of the calling app";
  if (!isHttpsUrl(app) || hasControl(app))
    return `--app ${JSON.stringify(app.slice(0, 100))} is not an https:// URL (HubSpot frames only https)`;
  const out = str("out") ?? DEFAULT_ACTIONS_FILE;
  if (out.trim() === "" || hasControl(out) || out.length > 1_000)
    return "--out is the actions file's path";
  const ci = str("ci") ?? "github";
  if (!(CI_KINDS as readonly string[]).includes(ci))
    return `--ci ${JSON.stringify(ci.slice(0, 40))} is not one of ${CI_KINDS.join(", ")}`;
  const waitMs = whole(str("wait"), 0, 300_000);
  if (waitMs === null) return `--wait is ${TAKES.wait}`;
  const standInPort = whole(str("stand-in-port"), 1, 65_535);
  if (standInPort === null) return `--stand-in-port is ${TAKES["stand-in-port"]}`;
  return {
    kind: "run",
    app,
    out,
    ci: ci as CiKind,
    force: false,
    waitMs: waitMs ?? 0,
    ...(standInPort === undefined ? {} : { standInPort }),
  };
}

export function parseInitArgs(argv: readonly string[]): InitParsed {
  const read = readOptions(argv, OPTIONS, TAKES);
  if ("error" in read) return { ok: false, error: read.error };
  const { values } = read;
  if (values.help) return { ok: true, command: { kind: "help" } };
  const result = checked((name) => {
    const value = values[name];
    return typeof value === "string" ? value : undefined;
  });
  if (typeof result === "string") return { ok: false, error: result };
  return { ok: true, command: { ...result, force: values.force === true } };
}
