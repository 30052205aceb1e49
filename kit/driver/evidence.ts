/**
 * What a test hears of the stand-in: every event of its session as it happens (each message both
 * ways, each step, each handshake), in the stand-in's order, each message stamped with the step in
 * force; the app's uncaught errors, each laid against the step that set it off; and the stand-in's
 * own errors. Waits end on events (a message came, the app fell quiet), never after a fixed time.
 * Internal to the kit: a team's tests read it through `StandIn`, the check through `internals()`.
 */
import { isRecord } from "../../common/guards";
import type { SessionEvent } from "../../common/session";
import { brief, cut } from "../../common/text";
import { isHubSpot } from "../contract/calls";
import type { ProbeReport } from "./probe";

/** The most events a test keeps of the trace; steps are always kept, messages past it counted. */
export const MAX_EVENTS = 20_000;

/** An uncaught error in the app's frames. */
export interface AppError {
  readonly text: string;
  /** The step in force when it was thrown. */
  readonly during: number;
  /** The HubSpot message the app received last before it, if any. */
  readonly after?: string;
  /** Thrown on a value posted outside the SDK's envelope. */
  readonly raw: boolean;
}

export class Evidence {
  private readonly trace: SessionEvent[] = [];
  /** Messages past `MAX_EVENTS`, heard but not kept. */
  dropped = 0;
  private steps = 0;
  readonly errors: AppError[] = [];
  /** Uncaught errors on the stand-in's own page: it must never have any, whatever the app does. */
  readonly ownErrors: string[] = [];
  private lastEventAt = Date.now();
  private readonly listeners = new Set<() => void>();

  /** An event of the stand-in's session, as its page told it. */
  hear(event: SessionEvent): void {
    if ("by" in event) this.steps++;
    if (this.trace.length < MAX_EVENTS || "by" in event) this.trace.push(event);
    else this.dropped++;
    this.lastEventAt = Date.now();
    for (const listener of this.listeners) listener();
  }

  /** An uncaught error, as the probe in a frame reported it. */
  heard(report: ProbeReport): void {
    const text = cut(typeof report.text === "string" ? report.text : brief(report.text), 300);
    if (report.top) {
      this.ownErrors.push(text);
      return;
    }
    const during = report.input
      ? this.lastUserStep()
      : report.after
        ? (this.stepOfMessage(report.after) ?? this.steps - 1)
        : this.steps - 1;
    const after = report.input ? undefined : (report.after?.type ?? undefined);
    this.errors.push({
      text,
      during,
      raw: !report.input && report.after !== null && report.after.type === null,
      ...(after ? { after } : {}),
    });
    for (const listener of this.listeners) listener();
  }

  /**
   * The step that sent the message an error followed: by its id (the stand-in's messages, and
   * envelopes HubSpot's steps posted), or, for a raw value, the n-th raw value posted since the
   * app's frame last loaded (its handshake), as the frame counted them.
   */
  private stepOfMessage(after: NonNullable<ProbeReport["after"]>): number | undefined {
    let index = -1;
    let raws = 0;
    let found: number | undefined;
    for (const event of this.trace) {
      if ("frame" in event) raws = 0;
      if (isHubSpot(event) && after.id !== null && event.messageId === after.id)
        found = event.during;
      if (!("by" in event)) continue;
      index++;
      if (event.by !== "hubspot" || event.step.kind !== "post") continue;
      const value = event.step.value;
      const envelope = isRecord(value) && typeof value.type === "string";
      if (envelope && after.id !== null && value.messageId === after.id) found = index;
      if (!envelope && after.type === null && ++raws === after.raw) found = index;
    }
    return found;
  }

  private lastUserStep(): number {
    let index = -1;
    let found = this.steps - 1;
    for (const event of this.trace) {
      if (!("by" in event)) continue;
      index++;
      if (event.by === "user") found = index;
    }
    return found;
  }

  /** Every event heard so far, in the stand-in's order. */
  events(): readonly SessionEvent[] {
    return this.trace;
  }

  /** How many steps the session has recorded: the next step's index. */
  get stepCount(): number {
    return this.steps;
  }

  /** Where the trace is now: positions after it are what comes next. */
  get position(): number {
    return this.trace.length - 1;
  }

  /** Something happened that a wait on the app's quiet must count (a step was just taken). */
  touch(): void {
    this.lastEventAt = Date.now();
  }

  /**
   * Resolves true as soon as `ready(trace)` holds, false after `timeoutMs` (looked at again on each
   * event heard, never on a timer), or at once false when `signal` says the wait is no longer
   * needed: no timer outlives it.
   */
  until(
    ready: (trace: readonly SessionEvent[]) => boolean,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    if (ready(this.trace)) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        signal?.removeEventListener("abort", given);
        resolve(value);
      };
      const check = () => {
        if (ready(this.trace)) done(true);
      };
      const given = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.listeners.add(check);
      signal?.addEventListener("abort", given, { once: true });
    });
  }

  /**
   * Resolves once nothing has happened for `quietMs` (no message either way, no step), or after
   * `maxMs` of an app that never falls quiet: what the app does by itself has had its chance.
   */
  async quiet(quietMs: number, maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    for (;;) {
      const left = this.lastEventAt + quietMs - Date.now();
      if (left <= 0 || Date.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, deadline - Date.now())));
    }
  }
}
