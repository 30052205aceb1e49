/**
 * The seam: one Playwright Test fixture through which everything reaches the stand-in. `standIn`
 * frames an app and does what HubSpot does (call a record, end the call, minimise, fault switches,
 * any message); it hears the app's messages, calls, violations and errors. `app` takes the user's
 * steps on the app's own controls, from an actions file. The check's scenarios are tests written
 * on it, and so are a calling-app team's own (`import { test } from "hubspot-calling-stand-in/test"`)
 * and the demo softphone's.
 *
 * The stand-in is served by the worker (the package's built page, on a free port of 127.0.0.1,
 * another site than an app on localhost, as HubSpot is) unless `standInUrl` names one already
 * served. Certificates are not checked (the stand-in's and a dev server's are self-signed), and
 * Chromium is Playwright's or, where Playwright could not install its own, the system's.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  test as base,
  type LaunchOptions,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type TestType,
} from "@playwright/test";
import { chromiumLaunch } from "../common/chromium";
import {
  runReplay,
  runScenarioById,
  type ScenarioOptions,
  type ScenarioRun,
} from "./check/runScenario";
import { SCENARIO_IDS } from "./check/scenarios";
import {
  type Actions,
  type ActionsFile,
  checkActions,
  parseActions,
  SOFTPHONE_ACTIONS,
} from "./driver/actions";
import { AppControls, type AppSteps, appSteps } from "./driver/appControls";
import { StandIn } from "./driver/standIn";
import { serveStandIn } from "./stand-in/server/server";
import { DEFAULT_API_KEY } from "./stand-in/server/settingsServer";

export interface StandInOptions {
  /** Where the stand-in is served; by default the worker serves one. */
  readonly standInUrl: string;
  /** The app `standIn.open()` frames when given no address. */
  readonly appUrl: string;
  /**
   * The app's controls for each of the user's steps: an actions file's path (as `check --actions`
   * takes it, from the directory Playwright runs in) or its contents (default: the demo
   * softphone's); checked when a test uses them.
   */
  readonly actions: ActionsFile | string;
  /** How long a step waits for the app's messages; a control waits three times as long. */
  readonly stepTimeoutMs: number;
}

/** HubSpot's scenarios, as `calling-stand-in check` runs them, inside a test. */
type RunOptions = Partial<ScenarioOptions> & {
  readonly actions?: ActionsFile | string;
  readonly stepTimeoutMs?: number;
};

export interface Scenarios {
  /** Their ids, in the check's order (`calling-stand-in check --list`). */
  readonly ids: readonly string[];
  /**
   * Runs one in a browser context of its own (a fresh profile, as the check does), on the app at
   * `options.app` (the `appUrl` option by default), with the controls of `options.actions` (the
   * `actions` option by default) and `options.stepTimeoutMs` (the option's); resolves
   * with its result, as the check's JSON report has it, and the session the stand-in recorded
   * (none for `security`, which frames the app several times). Rejects on an id that names no
   * scenario.
   */
  run(id: string, options?: RunOptions): Promise<ScenarioRun>;
  /**
   * Replays a session saved in the stand-in, inside HubSpot or by the check (its JSON, parsed), on
   * the app it names (or `options.app`): HubSpot's and the user's steps again, failing where the
   * app's messages differ from the recording's. Rejects on a value that is no session.
   */
  replay(session: unknown, options?: RunOptions): Promise<ScenarioRun>;
}

export interface StandInFixtures {
  /** The stand-in in this test's page, framing the app once `open()` is called. */
  readonly standIn: StandIn;
  /** The app's own controls, as the actions file finds them. */
  readonly app: AppSteps;
  /** HubSpot's scenarios, each in a context of its own. */
  readonly scenarios: Scenarios;
}

export interface StandInWorkerFixtures {
  /**
   * The port the stand-in each worker serves listens on (0, the default: any free one; a fixed one
   * serves one worker only).
   */
  readonly standInPort: number;
  /** The stand-in this worker serves, when no `standInUrl` is given. */
  readonly standInServer: { readonly url: string };
}

/**
 * A team's launch options, kept, with what the stand-in needs beside them: a system Chromium only
 * where Playwright has none of its own and the team chose no browser (an executable, a channel),
 * and Chromium as HubSpot's users have it (third-party storage partitioned, not blocked).
 */
function withChromium(team: LaunchOptions, channel: string | undefined): LaunchOptions {
  const ours = chromiumLaunch({ asUsersHaveIt: true }) ?? { args: [] };
  const chosen = team.executablePath !== undefined || (team.channel ?? channel) !== undefined;
  const browser = chosen
    ? {}
    : {
        ...(ours.executablePath ? { executablePath: ours.executablePath } : {}),
        ...(ours.channel ? { channel: ours.channel } : {}),
      };
  return { ...browser, ...team, args: [...ours.args, ...(team.args ?? [])] };
}

/**
 * The `actions` option (the file's path, as `check --actions` takes it, or its contents), checked
 * as the check checks a file: a mistake is said at once.
 */
function checkedActions(actions: ActionsFile | string): Actions {
  let checked: ReturnType<typeof checkActions>;
  let what = "the actions option";
  if (typeof actions === "string") {
    what = `the actions file ${actions}`;
    let text: string;
    try {
      text = readFileSync(actions, "utf8");
    } catch (error) {
      throw new Error(`cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    checked = parseActions(text);
  } else checked = checkActions(actions);
  if ("errors" in checked)
    throw new Error(`${what} is not valid:\n  ${checked.errors.join("\n  ")}`);
  return checked.actions;
}

/** Playwright's `test`, with the stand-in's fixtures and options. */
export const test: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & StandInFixtures & StandInOptions,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions & StandInWorkerFixtures
> = base.extend<StandInFixtures & StandInOptions, StandInWorkerFixtures>({
  standInPort: [0, { option: true, scope: "worker" }],
  standInServer: [
    async ({ standInPort }, use) => {
      const dir = mkdtempSync(join(tmpdir(), "stand-in-"));
      const server = await serveStandIn({
        port: standInPort,
        host: "127.0.0.1",
        settingsFile: join(dir, "settings.json"),
        apiKey: DEFAULT_API_KEY,
      });
      await use({ url: server.url });
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: "worker" },
  ],
  standInUrl: [
    async ({ standInServer }, use) => use(process.env.HUBSPOT_STAND_IN_URL ?? standInServer.url),
    { option: true },
  ],
  appUrl: ["", { option: true }],
  actions: [SOFTPHONE_ACTIONS, { option: true }],
  stepTimeoutMs: [5_000, { option: true }],
  // New defaults for two of Playwright's own options; what a config's `use` sets still wins.
  ignoreHTTPSErrors: async (
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from its first parameter.
    {},
    use,
    testInfo,
  ) => use(testInfo.project.use.ignoreHTTPSErrors ?? true),
  launchOptions: [
    async ({ browserName }, use, workerInfo) => {
      // Said at once: another browser would be handed a Chromium's options, and wait forever.
      if (browserName !== "chromium")
        throw new Error(
          `hubspot-calling-stand-in's fixture runs in Chromium (the browser HubSpot's users call from, and the one the kit is tested in); the project "${workerInfo.project.name}" uses ${browserName}: run the stand-in's tests in a Chromium project`,
        );
      const { launchOptions: team = {}, channel } = workerInfo.project.use;
      await use(withChromium(team, channel));
    },
    { scope: "worker" },
  ],
  standIn: async ({ page, standInUrl, appUrl }, use) => {
    await use(await StandIn.on(page, standInUrl, appUrl));
  },
  app: async ({ standIn, actions, stepTimeoutMs, page }, use) => {
    const checked = checkedActions(actions);
    // A control gets as long as the handshake: on a loaded machine (a CI runner, a full test
    // suite beside it) the softphone's own Log in once took over 5 s to be clickable. Only a
    // control that never comes waits it out.
    const controlMs = stepTimeoutMs * 3;
    const app = appSteps(new AppControls(standIn.app, checked, page.context().request, controlMs));
    // As the check does before each scenario: a backend that remembers its user starts afresh.
    await app.reset();
    await use(app);
  },
  scenarios: async (
    { browser, launchOptions, standInUrl, appUrl, actions, stepTimeoutMs },
    use,
  ) => {
    const context = ({ actions: own, stepTimeoutMs: ownTimeout }: RunOptions) => ({
      browser,
      launchOptions,
      standInUrl,
      actions: checkedActions(own ?? actions),
      stepTimeoutMs: ownTimeout ?? stepTimeoutMs,
    });
    const options = ({ actions: _, stepTimeoutMs: __, ...rest }: RunOptions) => rest;
    await use({
      ids: SCENARIO_IDS,
      run: (id, given = {}) =>
        runScenarioById(context(given), id, { app: appUrl, ...options(given) }),
      replay: (session, given = {}) => runReplay(context(given), session, options(given)),
    });
  },
});

export { expect } from "@playwright/test";
