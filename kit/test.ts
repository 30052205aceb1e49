/**
 * The kit's Playwright fixture, for a calling-app team's own tests:
 *
 *   import { test, expect } from "hubspot-calling-stand-in/test";
 *   test.use({ appUrl: "https://localhost:3000/" });
 *   test("a click on Call places one call", async ({ standIn }) => { … });
 *
 * The same fixture the check's scenarios are written on.
 */

export { HOSTILE_POSTS, HOSTILE_SENDS } from "./check/hostileMessages";
export type { Finding, ScenarioResult, StepResult } from "./check/result";
export type { ScenarioOptions, ScenarioRun } from "./check/runScenario";
export type { AppEvent, Call, TraceEvent } from "./contract/calls";
export type { Actions, ActionsFile, Control } from "./driver/actions";
export type { AppControls } from "./driver/appControls";
export type { OpenOptions, StandIn } from "./driver/standIn";
export {
  expect,
  type Scenarios,
  type StandInFixtures,
  type StandInOptions,
  test,
} from "./fixture";
export type { EngagementView, StandInApi } from "./stand-in/page/standInApi";
