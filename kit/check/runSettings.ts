/**
 * What `npm run check` hands the Playwright Test run it starts (its config, its workers and its
 * reporter read it): one JSON file named by an environment variable, written by the command.
 */

import { existsSync, readFileSync, watch } from "node:fs";
import { basename, dirname } from "node:path";
import * as z from "zod/mini";
import type { FrameLocation } from "../../common/protocol";
import { FRAME_LOCATIONS } from "../../common/protocol";
import type { PlannedStep } from "../../common/steps";
import { parseStep } from "../../common/steps";
import type { Actions } from "../driver/actions";
import { checkActions } from "../driver/actions";
import { readAs } from "./readAs";
import { QUIRKS, type Quirk } from "./scenarios";

export interface Replay {
  readonly file: string;
  readonly title: string;
  readonly opening: PlannedStep["expect"];
  readonly steps: readonly PlannedStep[];
}

export interface RunSettings {
  /** When the command started (ms since the epoch): the report's start and duration. */
  readonly startedAt: number;
  /** Where the user's steps came from, as the report says it. */
  readonly actionsSource: string;
  /** The stand-in's address. */
  readonly standIn: string;
  /** Where the check's browser listens (check/browser.ts): every worker connects to it. */
  readonly browser: string;
  /** How the command launched it (the security scenario reads whether it resolves the impostor). */
  readonly launch: {
    readonly executablePath?: string;
    readonly channel?: string;
    readonly args: readonly string[];
    readonly headless: boolean;
  };
  readonly app: string;
  readonly actions: Actions;
  /** The scenarios to run, in the order reported. */
  readonly scenarios: readonly string[];
  readonly replay?: Replay;
  readonly record?: string;
  readonly stepTimeoutMs: number;
  readonly quietMs: number;
  /** HubSpot's quirks every scenario is played with (`--quirk`). */
  readonly quirks: readonly Quirk[];
  readonly location: FrameLocation;
  readonly callingWindow: boolean;
  /** Where failed scenarios' traces go. */
  readonly traceDir?: string;
  /** Where the check's reporter writes the report, for the command to print and judge. */
  readonly resultsFile: string;
  /** Where Playwright keeps its own output (traces before they are copied, ...). */
  readonly outputDir: string;
  readonly workers: number;
  readonly retries: number;
  /** Playwright's own reporters to add (list, html, junit, json, ...), with their options. */
  readonly reporters: readonly (readonly [string, Record<string, unknown>?])[];
}

export const SETTINGS_VARIABLE = "HUBSPOT_CHECK_SETTINGS";

/** The test attachment holding a scenario's result, which the check's reporter reads. */
export const RESULT_ATTACHMENT = "check-result";

/** The run's settings, in a Playwright process the command started. */
export function readRunSettings(): RunSettings {
  const file = process.env[SETTINGS_VARIABLE];
  if (!file)
    throw new Error(
      `${SETTINGS_VARIABLE} is not set: the check's tests are run by \`npm run check\`, which sets it`,
    );
  return readRunSettingsText(readFileSync(file, "utf8"));
}

/**
 * The run's settings once the command has written them: it starts Playwright first and serves the
 * stand-in and launches the browser while Playwright loads, so the config waits here for the file
 * (written whole, by a rename). A command that ends first stops this process; one that dies leaves
 * it waiting on nothing, so the wait ends when its parent does.
 */
export async function runSettingsWritten(): Promise<RunSettings> {
  const file = process.env[SETTINGS_VARIABLE];
  if (!file || existsSync(file)) return readRunSettings();
  const parent = process.ppid;
  await new Promise<void>((resolve, reject) => {
    const watcher = watch(dirname(file), (_event, name) => {
      if (name === basename(file) && existsSync(file)) done();
    });
    // Once a second: the parent still there, and the file (where a file system's watch says nothing).
    const orphaned = setInterval(() => {
      if (process.ppid !== parent) done(new Error("the check command ended before its run began"));
      else if (existsSync(file)) done();
    }, 1_000);
    const done = (error?: Error) => {
      watcher.close();
      clearInterval(orphaned);
      if (error) reject(error);
      else resolve();
    };
    // Written between the first look and the watch: seen now.
    if (existsSync(file)) done();
  });
  return readRunSettings();
}

const text = z.string();
const texts = z.array(z.string());
const count = z.number();

/** A list of planned steps, each read by the step codec. */
const plannedSteps = z.array(
  z.object({
    step: z.unknown(),
    expect: z.array(z.object({ type: text, data: z.optional(z.unknown()) })),
  }),
);

function planOf(value: z.infer<typeof plannedSteps>): PlannedStep[] {
  return value.map((p, i) => {
    const step = parseStep(p.step);
    if (!step) throw new Error(`step ${i} is not a step`);
    return { step, expect: p.expect };
  });
}

const runSettings = z.object({
  startedAt: count,
  actionsSource: text,
  standIn: text,
  browser: text,
  launch: z.object({
    executablePath: z.optional(text),
    channel: z.optional(text),
    args: texts,
    headless: z.boolean(),
  }),
  app: text,
  actions: z.unknown(),
  scenarios: texts,
  replay: z.optional(
    z.object({
      file: text,
      title: text,
      opening: z.array(z.object({ type: text, data: z.optional(z.unknown()) })),
      steps: plannedSteps,
    }),
  ),
  record: z.optional(text),
  stepTimeoutMs: count,
  quietMs: count,
  quirks: z.array(z.enum(Object.values(QUIRKS))),
  location: z.enum(FRAME_LOCATIONS),
  callingWindow: z.boolean(),
  traceDir: z.optional(text),
  resultsFile: text,
  outputDir: text,
  workers: count,
  retries: count,
  reporters: z.array(z.union([z.tuple([text]), z.tuple([text, z.record(text, z.unknown())])])),
});

export function readRunSettingsText(json: string): RunSettings {
  const settings = readAs(runSettings, json, "the check's run settings");
  const actions = checkActions(settings.actions);
  if ("errors" in actions)
    throw new Error(`the check's run settings: actions ${actions.errors.join("; ")}`);
  const { replay, ...rest } = settings;
  return {
    ...rest,
    actions: actions.actions,
    ...(replay ? { replay: { ...replay, steps: planOf(replay.steps) } } : {}),
  };
}
