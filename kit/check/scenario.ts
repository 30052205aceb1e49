/**
 * One scenario (or a replayed session) from start to verdict, on the fixture: the app's backend
 * reset if the actions file says how, the app framed where HubSpot puts it, the plan played, and
 * the evidence judged (check/judge.ts). The result is plain data, the JSON report's scenario.
 */

import type { FrameLocation } from "../../common/protocol";
import { stepName } from "../../common/steps";
import { errorText } from "../../common/text";
import { fixesOf } from "../contract/fixes";
import type { AppControls } from "../driver/appControls";
import { internals, type StandIn } from "../driver/standIn";
import { judge } from "./judge";
import type { Plan, PlayedStep } from "./plan";
import { play } from "./play";
import { type ScenarioResult, statusOf } from "./result";

export interface ScenarioSettings {
  readonly app: string;
  readonly location: FrameLocation;
  readonly callingWindow: boolean;
  readonly stepTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  readonly quietMs: number;
}

export const HANDSHAKE = "HubSpot frames the app (handshake)";

export async function runScenario(
  standIn: StandIn,
  app: AppControls,
  plan: Plan,
  settings: ScenarioSettings,
): Promise<ScenarioResult> {
  const reset = await app.reset();
  const started = Date.now();
  const problem =
    reset === null
      ? await standIn
          .open(
            settings.app,
            { location: settings.location, callingWindow: settings.callingWindow },
            settings.handshakeTimeoutMs,
          )
          .then(
            () => null,
            (error: unknown) => errorText(error),
          )
      : `the reset before the scenario failed: ${reset}`;
  const handshakeMs = problem ? undefined : await internals(standIn).handshakeMs();
  const opening: PlayedStep = {
    name: HANDSHAKE,
    during: -1,
    outcome: "done",
    problems: problem ? [problem] : [],
    ms: handshakeMs ?? Date.now() - started,
    ...(plan.compare ? { recorded: plan.opening } : {}),
  };
  const played = problem
    ? {
        steps: plan.steps.map(
          (p): PlayedStep => ({
            name: stepName(p.step),
            during: null,
            outcome: "not run",
            problems: [],
            ms: 0,
          }),
        ),
      }
    : await play(standIn, app, plan.steps, settings, (i) =>
        plan.compare ? (plan.steps[i]?.expect ?? []) : undefined,
      );
  const judgement = judge({
    events: internals(standIn).evidence.events(),
    steps: [opening, ...played.steps],
    errors: standIn.errors,
    ...(plan.compare ? { compare: true } : {}),
  });
  const findings = [...judgement.findings, ...(await internals(standIn).health())];
  const skipped = "skipped" in played ? played.skipped : undefined;
  const status = skipped ? "skipped" : statusOf(judgement.steps, findings);
  return {
    id: plan.id,
    title: plan.title,
    status,
    ...(skipped ? { skipped } : {}),
    steps: judgement.steps,
    findings,
    ...(handshakeMs === undefined ? {} : { handshakeMs }),
    ...(status === "failed" ? { sequence: judgement.sequence } : {}),
    ...fixesOf({ status, steps: judgement.steps, findings }),
  };
}
