/**
 * The stand-in, driven from a Playwright test: it frames the app, takes HubSpot's steps (through
 * `window.standIn.perform`, as its own buttons do), and hears every event of its trace as it
 * happens, in the stand-in's order, each message stamped with the step in force. The app's
 * uncaught errors are heard from a probe in its frames, with the last HubSpot message each frame
 * received, so an error is laid against the step that set it off without comparing clocks.
 * Waits end on events (a message came, the app fell quiet), never after a fixed time.
 */
import type { FrameLocator, Page } from "@playwright/test";
import { isRecord } from "../../common/guards";
import type { FrameLocation } from "../../common/protocol";
import type { Session } from "../../common/session";
import type { HubSpotStep, Step, UserStep } from "../../common/steps";
import { brief, cut, errorText } from "../../common/text";
import {
  type AppEvent,
  type Call,
  calls,
  isApp,
  isHubSpot,
  loggedIn,
  type TraceEvent,
} from "../contract/calls";
import type { ViolationGroup } from "../contract/finding";
import { RECORDS } from "../stand-in/crm";
import type { StandInApi } from "../stand-in/page/standInApi";
import type { AppError } from "./judge";
import type { Finding } from "./result";

declare global {
  interface Window {
    standIn: StandInApi;
  }
}

/** The most events a test keeps of the trace; steps are always kept, messages past it counted. */
export const MAX_EVENTS = 20_000;

/** Bounds the stand-in keeps whatever an app sends (its last 1,000 messages of ≤ 100 KB each). */
export const STAND_IN_BOUNDS = { domNodes: 5_000, heapBytes: 150_000_000 };

export interface OpenOptions {
  /** Where HubSpot puts the app: its widget (default), the remote frame, or the calling window. */
  readonly location?: FrameLocation;
  /** The SYNC's `usesCallingWindow`. */
  readonly callingWindow?: boolean;
  readonly size?: { readonly width: number; readonly height: number };
}

/** What the probe in the app's frames reports of an uncaught error. */
interface ProbeReport {
  readonly top: boolean;
  readonly text: string;
  /**
   * The last message the app's frame received from HubSpot (none in nested frames): its type and
   * id when it is an envelope, else how many raw values the frame had received by then.
   */
  readonly after: {
    readonly type: string | null;
    readonly id: string | null;
    readonly raw: number;
  } | null;
  /** A person's input came after that message: the error is the user's step's. */
  readonly input: boolean;
}

const OBSERVER = "standInObserver";
const PROBE = "__hubspotStandInError";

/**
 * Runs in every frame before its own scripts. In the app's frame it notes the last message from
 * HubSpot (the frame's parent) and whether a person's input came since; in every frame it reports
 * uncaught errors. Plain JavaScript, total over whatever the page throws or receives.
 */
function probe(name: string) {
  const top = window === window.top;
  const fromHubSpot = !top && window.parent === window.top;
  let after: ProbeReport["after"] = null;
  let raws = 0;
  let input = false;
  const text = (value: unknown): string => {
    try {
      if (value instanceof Error) return String(value.message).slice(0, 300);
      if (typeof value === "string") return value.slice(0, 300);
      return `a thrown ${value === null ? "null" : typeof value}`;
    } catch {
      return "a thrown value that cannot be read";
    }
  };
  if (fromHubSpot)
    addEventListener(
      "message",
      (event) => {
        if (event.source !== window.parent) return;
        try {
          const d = event.data;
          const envelope =
            typeof d === "object" && d !== null && !Array.isArray(d) && typeof d.type === "string";
          if (!envelope) raws++;
          after = {
            type: envelope ? String(d.type).slice(0, 60) : null,
            id: envelope && typeof d.messageId === "string" ? d.messageId.slice(0, 100) : null,
            raw: raws,
          };
        } catch {
          after = { type: null, id: null, raw: ++raws };
        }
        input = false;
      },
      true,
    );
  for (const type of ["pointerdown", "keydown"])
    addEventListener(
      type,
      (event) => {
        if (event.isTrusted) input = true;
      },
      true,
    );
  const report = (value: unknown) => {
    try {
      const send = (window as unknown as Record<string, (r: ProbeReport) => Promise<void>>)[name];
      send?.({ top, text: text(value), after, input })?.catch(() => {});
    } catch {
      // The test is gone: nobody to tell.
    }
  };
  addEventListener("error", (event) => {
    if (event instanceof ErrorEvent) report(event.error ?? event.message);
  });
  addEventListener("unhandledrejection", (event) => report(event.reason));
}

export class StandIn {
  /** The app's frame, as a person sees it. */
  readonly app: FrameLocator;
  private readonly trace: TraceEvent[] = [];
  /** Messages past `MAX_EVENTS`, heard but not kept. */
  dropped = 0;
  private steps = 0;
  readonly errors: AppError[] = [];
  /** Uncaught errors on the stand-in's own page: it must never have any, whatever the app does. */
  readonly ownErrors: string[] = [];
  private lastEventAt = Date.now();
  private readonly listeners = new Set<() => void>();
  /** The app URL last opened. */
  appUrl = "";

  private constructor(
    readonly page: Page,
    readonly url: string,
    private readonly defaultApp: string,
  ) {
    this.app = page.frameLocator("#hubspot-calling-extension-iframe");
  }

  /**
   * A stand-in served at `url`, on `page`, framing `appUrl` when `open()` names no other: set up
   * before the page loads anything.
   */
  static async on(page: Page, url: string, appUrl = ""): Promise<StandIn> {
    const standIn = new StandIn(page, url, appUrl);
    await page.exposeBinding(OBSERVER, ({ frame }, event: TraceEvent) => {
      // Only the stand-in's own page speaks for it; the app's frames could call this too.
      if (frame === page.mainFrame()) standIn.hear(event);
    });
    await page.exposeBinding(PROBE, (_source, report: ProbeReport) => standIn.heard(report));
    await page.addInitScript(probe, PROBE);
    return standIn;
  }

  private hear(event: TraceEvent) {
    if ("by" in event) this.steps++;
    if (this.trace.length < MAX_EVENTS || "by" in event) this.trace.push(event);
    else this.dropped++;
    this.lastEventAt = Date.now();
    for (const listener of this.listeners) listener();
  }

  private heard(report: ProbeReport) {
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
  events(): readonly TraceEvent[] {
    return this.trace;
  }

  /** The app's messages to HubSpot, in order. */
  messages(): AppEvent[] {
    return this.trace.filter(isApp);
  }

  /** The app's calls, message by message (check/trace.ts). */
  calls(): Call[] {
    return calls(this.trace);
  }

  /**
   * Frames the app (at `appUrl`, by default the fixture's `appUrl` option) where HubSpot would put
   * it, and waits up to `timeoutMs` for its INITIALIZED; throws saying what went wrong if none
   * comes (no answer to SYNC, or no INITIALIZED after it).
   */
  async open(
    appUrl = this.defaultApp,
    options: OpenOptions = {},
    timeoutMs = 15_000,
  ): Promise<void> {
    if (!appUrl) throw new Error("no app to frame: pass its address, or set the appUrl option");
    this.appUrl = appUrl;
    const url = new URL(this.url);
    url.searchParams.set("app", appUrl);
    url.searchParams.set("iframeLocation", options.location ?? "widget");
    url.searchParams.set("usesCallingWindow", String(options.callingWindow ?? false));
    if (options.size) {
      url.searchParams.set("width", String(options.size.width));
      url.searchParams.set("height", String(options.size.height));
    }
    await this.page.goto(url.href);
    const ok = await this.until(
      (t) => t.some((e) => isApp(e) && e.type === "INITIALIZED"),
      timeoutMs,
    );
    if (!ok) throw new Error(this.handshakeProblem(timeoutMs, options.location ?? "widget"));
  }

  private handshakeProblem(timeoutMs: number, location: FrameLocation): string {
    const seconds = `${(timeoutMs / 1000).toLocaleString("en")} s`;
    if (!this.trace.some((e) => "frame" in e))
      return `the app did not answer HubSpot's SYNC within ${seconds} (does it create the SDK's CallingExtensions on load, and does its frame-ancestors let the stand-in frame it?)`;
    const elsewhere =
      location === "widget"
        ? "; an app that runs only in HubSpot's calling window or remote frame waits for that location: try --location window or --location remote"
        : "";
    return `the app answered SYNC but sent no INITIALIZED within ${seconds} (iframeLocation ${location})${elsewhere}`;
  }

  /** The stand-in's clock, at which the frame was created. */
  frameCreatedAt(): Promise<number> {
    return this.page.evaluate(() => window.standIn.frameCreatedAt());
  }

  /** Time from the frame's creation to INITIALIZED, as the stand-in measured it. */
  async handshakeMs(): Promise<number | undefined> {
    return this.page.evaluate(() => {
      const init = window.standIn.received().find((m) => m.type === "INITIALIZED");
      return init ? Math.round(init.receivedAt - window.standIn.frameCreatedAt()) : undefined;
    });
  }

  /**
   * Takes a step (HubSpot's, or notes the user's) in the stand-in; resolves once the trace has it.
   * Returns the step's index (its messages' `during`) and why HubSpot could not take it, if so.
   */
  async perform(step: Step): Promise<{ during: number; problem: string | null }> {
    const before = this.steps;
    const problem = await this.page.evaluate((s) => window.standIn.perform(s), step);
    await this.until(() => this.steps > before, 5_000);
    this.lastEventAt = Date.now();
    return { during: before, problem };
  }

  /** HubSpot's steps, by name. Each throws with HubSpot's reason if it could not be taken. */
  async hubspot(step: HubSpotStep): Promise<number> {
    const { during, problem } = await this.perform({ by: "hubspot", step });
    if (problem) throw new Error(problem);
    return during;
  }

  /**
   * HubSpot's user clicks Call on a record (by default the first number of the first contact),
   * once the app has reported a logged-in user, as a person would wait to (HubSpot refuses before).
   */
  async call(record: { readonly name?: string; readonly phone?: string } = {}): Promise<number> {
    await this.until(loggedIn, 5_000);
    const found =
      RECORDS.find(
        (r) =>
          (record.name === undefined || r.name === record.name) &&
          (record.phone === undefined || r.phones.includes(record.phone)),
      ) ?? RECORDS[0];
    if (!found) throw new Error("the stand-in's CRM has no records");
    const phone = record.phone ?? found.phones[0] ?? "";
    return this.hubspot({ kind: "call", record: found.objectId, phone });
  }
  endCall = () => this.hubspot({ kind: "send", type: "END_CALL" });
  minimise = () => this.hubspot({ kind: "visibility", to: "minimised" });
  hide = () => this.hubspot({ kind: "visibility", to: "hidden" });
  show = () => this.hubspot({ kind: "visibility", to: "visible" });
  reloadApp = () => this.hubspot({ kind: "reload" });
  send = (type: string, data?: unknown) => this.hubspot({ kind: "send", type, data });
  post = (value: unknown) => this.hubspot({ kind: "post", value });
  /** HubSpot's fault switches and quirks; each given one is set. */
  async faults(faults: {
    readonly failCreate?: boolean;
    readonly failUpdate?: boolean;
    readonly dialTwice?: boolean;
    readonly objectIdZero?: boolean;
    readonly delayMs?: number;
  }): Promise<void> {
    const { delayMs, ...switches } = faults;
    for (const [fault, on] of Object.entries(switches))
      await this.hubspot({ kind: "fault", fault, on } as HubSpotStep);
    if (delayMs !== undefined) await this.hubspot({ kind: "delay", ms: delayMs });
  }

  /** Notes the user's step in the trace (the stand-in cannot see into the app's frame). */
  async note(step: UserStep): Promise<number> {
    return (await this.perform({ by: "user", step })).during;
  }

  /**
   * Resolves true as soon as `ready(trace)` holds, false after `timeoutMs` (looked at again on each
   * event heard, never on a timer).
   */
  until(ready: (trace: readonly TraceEvent[]) => boolean, timeoutMs: number): Promise<boolean> {
    if (ready(this.trace)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(value);
      };
      const check = () => {
        if (ready(this.trace)) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.listeners.add(check);
    });
  }

  /**
   * The next message of `type` from the app after position `after` in the trace (by default, any
   * that came); rejects with what did come when none does within `timeoutMs`.
   */
  async waitFor(
    type: string,
    options: { after?: number; timeoutMs?: number } = {},
  ): Promise<AppEvent> {
    const after = options.after ?? -1;
    const find = (t: readonly TraceEvent[]) =>
      t.find((e, i): e is AppEvent => i > after && isApp(e) && e.type === type);
    if (!(await this.until((t) => find(t) !== undefined, options.timeoutMs ?? 5_000))) {
      const came = this.trace
        .slice(after + 1)
        .filter(isApp)
        .map((e) => e.type);
      throw new Error(
        `no ${type} from the app within ${options.timeoutMs ?? 5_000} ms (it sent: ${came.join(", ") || "nothing"})`,
      );
    }
    return find(this.trace) as AppEvent;
  }

  /** Where the trace is now: positions after it are what comes next. */
  get position(): number {
    return this.trace.length - 1;
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

  /** Every violation the stand-in found, grouped (none evicted by a flood). */
  violations(): Promise<readonly ViolationGroup[]> {
    return this.page.evaluate(() => window.standIn.violations());
  }

  /** The session as the stand-in recorded it (its last 5,000 events), to save or replay. */
  session(): Promise<Session> {
    return this.page.evaluate(() => window.standIn.session());
  }

  /** The stand-in's DOM and heap, and its own errors: findings only when something is wrong. */
  async health(): Promise<Finding[]> {
    const findings: Finding[] = [];
    try {
      const domNodes = await this.page.evaluate(() => document.getElementsByTagName("*").length);
      const cdp = await this.page.context().newCDPSession(this.page);
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      if (domNodes > STAND_IN_BOUNDS.domNodes || usedSize > STAND_IN_BOUNDS.heapBytes)
        findings.push({
          ok: false,
          severity: "error",
          text: `the stand-in grew past its bounds: ${domNodes.toLocaleString("en")} DOM nodes, ${(usedSize / 1e6).toFixed(1)} MB of heap`,
        });
    } catch (error) {
      findings.push({
        ok: false,
        severity: "error",
        text: `the stand-in could not be measured: ${errorText(error)}`,
      });
    }
    if (this.ownErrors.length > 0)
      findings.push({
        ok: false,
        severity: "error",
        text: `the stand-in threw: ${this.ownErrors[0]} (${this.ownErrors.length} errors)`,
      });
    if (this.dropped > 0)
      findings.push({
        ok: true,
        severity: "warning",
        text: `the app sent ${this.dropped.toLocaleString("en")} messages more than the check keeps`,
      });
    return findings;
  }
}
