/**
 * Runs one scenario (or a replayed session) in a fresh browser profile: the stand-in frames the
 * app, each step is taken in turn and followed by the messages it should bring, and, at the end,
 * every message the app sent is laid against the step it came during, with its violations and any
 * uncaught error in the app. A step that fails stops the scenario: what follows would only repeat it.
 */
import { join } from "node:path";
import type { Browser, Page } from "@playwright/test";
import { isRecord } from "../common/guards";
import { type Expected, type PlannedStep, stepName } from "../common/steps";
import { cut, errorText } from "../common/text";
import type { Session } from "../host/session";
import type { Actions } from "./actions";
import { type Arrived, StandInDriver } from "./driver";
import {
  type Finding,
  groupViolations,
  type ScenarioResult,
  type StepResult,
  statusOf,
} from "./result";
import { shapeDifferences } from "./session";

export interface RunContext {
  readonly browser: Browser;
  /** The stand-in's address, e.g. https://127.0.0.1:41234/ */
  readonly standIn: string;
  readonly app: string;
  readonly actions: Actions;
  readonly stepTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  /** Where to save a failed scenario's Playwright trace (`--trace`). */
  readonly traceDir?: string;
}

export interface Plan {
  readonly id: string;
  readonly title: string;
  /** The app's messages the handshake should bring (INITIALIZED unless a recording says more). */
  readonly opening: readonly Expected[];
  readonly plan: readonly PlannedStep[];
  /** Replay: the app's messages must match the recording's, shapes included, and no more. */
  readonly compare?: boolean;
}

interface Mark {
  readonly name: string;
  /** A value posted outside the SDK's envelope: an app's error on it is a warning (below). */
  readonly raw?: boolean;
  readonly at: number;
  readonly expect: readonly Expected[];
  problems: string[];
  ms: number;
  ran: boolean;
}

const HANDSHAKE = "HubSpot frames the app (handshake)";
const SETTLE_MS = 100;

/** Runs `plan`; also returns the session the stand-in recorded, for `--record`. */
export async function runPlan(
  ctx: RunContext,
  plan: Plan,
): Promise<{ result: ScenarioResult; session: Session | null }> {
  const context = await ctx.browser.newContext({ ignoreHTTPSErrors: true });
  if (ctx.traceDir) await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  const errors: { at: number; text: string; standIn: boolean }[] = [];
  const standInOrigin = new URL(ctx.standIn).origin;
  const driver = await StandInDriver.on(page, ctx.stepTimeoutMs);
  page.on("pageerror", (error) => {
    errors.push({
      at: performance.timeOrigin + performance.now(),
      text: errorText(error),
      standIn: (error.stack ?? "").includes(standInOrigin),
    });
  });
  const marks: Mark[] = [];
  const steps = plan.plan.filter(
    ({ step }) => !(step.by === "user" && step.optional && !ctx.actions[step.step]),
  );
  let handshakeMs: number | undefined;
  try {
    const opening: Mark = {
      name: HANDSHAKE,
      at: 0,
      expect: plan.opening,
      problems: [],
      ms: 0,
      ran: true,
    };
    marks.push(opening);
    const url = new URL(ctx.standIn);
    url.searchParams.set("app", ctx.app);
    await page.goto(url.href);
    const wait = await driver.waitFor(typesOf(plan.opening), 0, ctx.handshakeTimeoutMs);
    const created = await driver.frameCreatedAt();
    opening.ms = wait.lastAt - created;
    if (wait.missing.length > 0) {
      opening.problems.push(await handshakeProblem(driver, wait.missing, ctx.handshakeTimeoutMs));
    } else {
      handshakeMs = Math.round(opening.ms);
      for (const planned of steps) {
        const mark = await takeStep(driver, ctx, planned);
        marks.push(mark);
        if (mark.problems.length > 0) break;
      }
    }
    for (const planned of steps.slice(marks.length - 1)) {
      marks.push({
        name: stepName(planned.step),
        at: Infinity,
        expect: [],
        problems: [],
        ms: 0,
        ran: false,
      });
    }
    // Messages a step set off after its last expected one (a late violation) still count.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const arrived = driver.arrivedSince(0);
    const session = await page.evaluate(() => window.standIn.session()).catch(() => null);
    const stepResults = results(marks, arrived, errors, plan.compare === true);
    const findings = [...standInFindings(errors), ...(await health(page, driver.overflow))];
    const status = statusOf(stepResults, findings);
    const trace = await saveTrace(status === "failed");
    return {
      result: {
        id: plan.id,
        title: plan.title,
        status,
        steps: stepResults,
        findings,
        ...(handshakeMs === undefined ? {} : { handshakeMs }),
        ...(trace ? { trace } : {}),
      },
      session,
    };
  } finally {
    await context.close();
  }

  /** A failed scenario's trace, saved where `--trace` says; the path, if one was saved. */
  async function saveTrace(failed: boolean): Promise<string | undefined> {
    if (!ctx.traceDir) return undefined;
    const path = failed ? join(ctx.traceDir, `${plan.id}.zip`) : undefined;
    await context.tracing.stop(path ? { path } : {});
    return path;
  }
}

const typesOf = (expected: readonly Expected[]) => expected.map((e) => e.type);

async function handshakeProblem(driver: StandInDriver, missing: string[], timeoutMs: number) {
  const seconds = `${(timeoutMs / 1000).toLocaleString("en")} s`;
  if ((await driver.handshakes()) === 0)
    return `the app did not answer HubSpot's SYNC within ${seconds} (does it create the SDK's CallingExtensions on load, and can the stand-in frame it?)`;
  return `no ${missing.join(", ")} within ${seconds} of the frame's creation`;
}

async function takeStep(
  driver: StandInDriver,
  ctx: RunContext,
  planned: PlannedStep,
): Promise<Mark> {
  const { step } = planned;
  const mark: Mark = {
    name: stepName(step),
    raw: step.by === "hubspot" && step.step.kind === "post" && !isEnvelope(step.step.value),
    at: await driver.now(),
    expect: planned.expect,
    problems: [],
    ms: 0,
    ran: true,
  };
  let problem: string | null;
  try {
    problem =
      step.by === "user"
        ? await driver.user(step.step, ctx.actions)
        : await driver.hubspot(step.step);
  } catch (error) {
    problem = errorText(error);
  }
  if (problem) {
    mark.problems.push(problem);
    return mark;
  }
  // A step that expects nothing still gets a moment, so that what it sets off (a message, an
  // error) is counted against it rather than the next.
  if (planned.expect.length === 0) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const wait = await driver.waitFor(typesOf(planned.expect), mark.at);
  mark.ms = Math.max(0, wait.lastAt - mark.at);
  if (wait.missing.length > 0)
    mark.problems.push(
      `no ${wait.missing.join(", ")} from the app within ${ctx.stepTimeoutMs.toLocaleString("en")} ms`,
    );
  return mark;
}

/** A payload as a report shows it: JSON, cut short (the stand-in kept at most 100 KB of it). */
function excerpt(data: unknown): string {
  if (data === undefined) return "(no data)";
  try {
    return cut(JSON.stringify(data), 300);
  } catch {
    return "(not JSON)";
  }
}

/** An object with a string `type`: what the SDK's listener takes apart without throwing. */
const isEnvelope = (value: unknown) => isRecord(value) && typeof value.type === "string";

/** Each step with the messages, violations and errors that came while it was the latest. */
function results(
  marks: readonly Mark[],
  arrived: readonly Arrived[],
  errors: readonly { at: number; text: string; standIn: boolean }[],
  compare: boolean,
): StepResult[] {
  const during = <T extends { at: number }>(list: readonly T[], i: number) =>
    list.filter(
      (item) => item.at >= (marks[i]?.at ?? 0) && item.at < (marks[i + 1]?.at ?? Infinity),
    );
  const timed = arrived.map((message) => ({ ...message, at: message.receivedAt }));
  return marks.map((mark, i) => {
    if (!mark.ran)
      return {
        name: mark.name,
        status: "not run",
        problems: [],
        warnings: [],
        violations: [],
        received: [],
        ms: 0,
      };
    const messages = during(timed, i);
    const thrown = during(errors, i)
      .filter((error) => !error.standIn)
      .map((error) => `uncaught error in the app: ${error.text}`);
    const problems = [
      ...mark.problems,
      ...(mark.raw ? [] : thrown),
      ...(compare ? differences(mark.expect, messages) : []),
    ];
    const violations = groupViolations(
      messages.flatMap((m) =>
        m.violations.map((v) => ({ ...v, type: m.type, message: excerpt(m.data) })),
      ),
    );
    return {
      name: mark.name,
      status: problems.length > 0 || violations.length > 0 ? "failed" : "passed",
      problems,
      // The SDK's own listener throws on a raw null or undefined (it destructures `event.data`)
      // before any app code runs: every app on the SDK does, unless it drops such values first.
      // Only a page that frames the app can post them, so it is reported, not failed.
      warnings: mark.raw ? thrown.map((t) => `${t} (on a value outside the SDK's envelope)`) : [],
      violations,
      received: messages.map((m) => m.type),
      ms: Math.round(mark.ms),
    };
  });
}

/** Replay: how the app's messages during a step differ from the recording's. */
function differences(expected: readonly Expected[], actual: readonly Arrived[]): string[] {
  const found: string[] = [];
  let next = 0;
  for (const message of actual) {
    const recorded = expected[next];
    if (recorded && recorded.type === message.type) {
      next++;
      for (const d of shapeDifferences(recorded.data, message.data))
        found.push(`${message.type}: ${d}`);
    } else {
      found.push(`sent ${message.type}, which the recording does not have here`);
    }
  }
  return found;
}

/** Bounds the stand-in keeps whatever an app sends (its last 1,000 messages of ≤ 100 KB each). */
export const STAND_IN_BOUNDS = { domNodes: 5_000, heapBytes: 150_000_000 };

/** The stand-in's DOM and heap after the scenario: a finding only when past its bounds. */
async function health(page: Page, overflow: number): Promise<Finding[]> {
  const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  const cdp = await page.context().newCDPSession(page);
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const findings: Finding[] = [];
  if (domNodes > STAND_IN_BOUNDS.domNodes || usedSize > STAND_IN_BOUNDS.heapBytes)
    findings.push({
      ok: false,
      severity: "error",
      text: `the stand-in grew past its bounds: ${domNodes.toLocaleString("en")} DOM nodes, ${(usedSize / 1e6).toFixed(1)} MB of heap`,
    });
  if (overflow > 0)
    findings.push({
      ok: true,
      severity: "warning",
      text: `the app sent ${overflow.toLocaleString("en")} messages more than the check keeps`,
    });
  return findings;
}

/** Uncaught errors on the stand-in's own page: it must never have any, whatever the app does. */
function standInFindings(errors: readonly { text: string; standIn: boolean }[]): Finding[] {
  const own = errors.filter((e) => e.standIn);
  return own.length === 0
    ? []
    : [
        {
          ok: false,
          severity: "error",
          text: `the stand-in threw: ${own[0]?.text} (${own.length} errors)`,
        },
      ];
}
