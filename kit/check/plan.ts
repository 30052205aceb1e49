/**
 * A scenario (or a replayed session) as the check plays it, and what each step did: the shapes the
 * runner (play.ts), the verdict (judge.ts) and a replay (replay.ts) share.
 */
import type { Expected, PlannedStep, UserStep } from "../../common/steps";

/** A scenario to play: HubSpot's and the user's steps, each with the app's messages it expects. */
export interface Plan {
  readonly id: string;
  readonly title: string;
  /** The app's messages the handshake should bring (INITIALIZED unless a recording says more). */
  readonly opening: readonly Expected[];
  readonly steps: readonly PlannedStep[];
  /** Replay: the app's messages must match the recording's, shapes included, and no more. */
  readonly compare?: boolean;
}

/** What the runner did for one step of the plan. */
export interface PlayedStep {
  readonly name: string;
  /** The user's step this is, if it is one. */
  readonly user?: UserStep;
  /** The step's index among the trace's steps (messages carry it as `during`); -1 for the opening. */
  readonly during: number | null;
  /** `done`: taken. The rest: see `StepStatus`; `skipped` with `required` skips the scenario. */
  readonly outcome: "done" | "done by the app" | "skipped" | "not run";
  readonly note?: string;
  readonly problems: readonly string[];
  /** Reported, not failed (a DIAL_NUMBER the app ignored, and the second Call taken). */
  readonly warnings?: readonly string[];
  readonly ms: number;
  /** A value posted outside the SDK's envelope: an app's error on it is a warning (see below). */
  readonly raw?: boolean;
  /** Starts a call: HubSpot's Call on a record (outbound), the user's incoming call (inbound). */
  readonly starts?: "OUTBOUND" | "INBOUND";
  /** The number HubSpot's user clicked Call on. */
  readonly phone?: string;
  /** Replay: the app's messages the recording had while this step was in force. */
  readonly recorded?: readonly Expected[];
}
