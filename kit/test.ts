/**
 * The kit's public door, for a calling-app team's own tests:
 *
 *   import { test, expect } from "hubspot-calling-stand-in/test";
 *   test.use({ appUrl: "https://localhost:3000/" });
 *   test("a click on Call places one call", async ({ standIn }) => { … });
 *
 * The same fixture the check's scenarios are written on. What is exported here, and only that, is
 * the package's API (kit/api/ keeps its report, checked in npm test): the fixture and its options,
 * the stand-in a test drives, the actions file, the app's calls and messages, and what judging them
 * finds.
 */
export type { MessageType } from "../common/protocol";
export type { Session, SessionEvent } from "../common/session";
export type { HubSpotStep, Step, UserStep } from "../common/steps";
export { HOSTILE_POSTS, HOSTILE_SENDS } from "./check/hostileMessages";
export type { ScenarioResult, StepResult, StepStatus } from "./check/result";
export type { ScenarioOptions, ScenarioRun } from "./check/runScenario";
export type { Quirk } from "./check/scenarios";
export type { AppEvent, Call, CallMessage } from "./contract/calls";
export type { Finding, Violation, ViolationExample, ViolationGroup } from "./contract/finding";
export type { Actions, ActionsFile, Control, RequestControl, Role } from "./driver/actions";
export type { AppSteps } from "./driver/appControls";
export type { AppError } from "./driver/evidence";
export type { Faults, OpenOptions, StandIn } from "./driver/standIn";
export {
  expect,
  type Scenarios,
  type StandInFixtures,
  type StandInOptions,
  type StandInWorkerFixtures,
  test,
} from "./fixture";
export type { Received } from "./stand-in/page/hubspot";
export type { EngagementView, StandInApi } from "./stand-in/page/standInApi";
