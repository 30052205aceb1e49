/**
 * A recorded session, which is also the trace the check judges: every message both ways,
 * HubSpot's steps and the user's, and each handshake, in the order the stand-in saw them. Each
 * message carries `during`, the step in force when it came (the index of that step among the
 * session's steps, -1 before the first): the stand-in stamps it, so no clock is compared to lay a
 * message against a step. Saved as JSON from the stand-in's page or by `npm run check -- --record`;
 * replayed by `npm run check -- --replay`. Bounded, so a flood cannot grow it without end; a
 * listener still hears every event.
 */
import type { HubSpotStep, UserStep } from "./steps";

export const SESSION_FORMAT = "hubspot-calling-session";
export const SESSION_VERSION = 1;
/** The most events a session keeps; later ones are counted, not kept. */
export const MAX_SESSION_EVENTS = 5_000;

/** A rule of HubSpot's contract one message broke, with what about it broke it. */
export interface Violation {
  readonly rule: string;
  /** The rule, as the reports state it. */
  readonly text: string;
  readonly detail: string;
}

export type SessionEvent =
  | {
      readonly at: number;
      readonly from: "app";
      readonly type: string;
      readonly data?: unknown;
      readonly during?: number;
      /** The rules of HubSpot's contract it broke, as the stand-in judged it on arrival. */
      readonly violations?: readonly Violation[];
    }
  | {
      readonly at: number;
      readonly to: "app";
      readonly type: string;
      readonly data?: unknown;
      readonly during?: number;
      /** The envelope's id: an error in the app names the last one it received. */
      readonly messageId?: string;
    }
  | { readonly at: number; readonly by: "hubspot"; readonly step: HubSpotStep }
  | { readonly at: number; readonly by: "user"; readonly step: UserStep }
  /** The app answered SYNC (again, after a reload): it must send INITIALIZED again. */
  | { readonly at: number; readonly frame: "handshake"; readonly during?: number };

export interface Session {
  readonly format: typeof SESSION_FORMAT;
  readonly version: typeof SESSION_VERSION;
  readonly app: string;
  readonly recordedAt: string;
  /** Events past `MAX_SESSION_EVENTS`, not kept. */
  readonly dropped: number;
  readonly events: readonly SessionEvent[];
}

type Untimed<T> = T extends unknown ? Omit<T, "at" | "during"> : never;
export type NewEvent = Untimed<SessionEvent>;

export const isStep = (
  event: SessionEvent,
): event is Extract<SessionEvent, { by: "hubspot" | "user" }> => "by" in event;

export class SessionRecorder {
  private readonly events: SessionEvent[] = [];
  private dropped = 0;
  /** Steps recorded so far: the next message is stamped with the last one's index. */
  private steps = 0;

  constructor(
    private readonly app: string,
    /** Milliseconds since the page opened. */
    private readonly clock: () => number,
    private readonly date: () => Date = () => new Date(),
    /** Hears every event, kept or not (`npm run check` keeps its own, longer, trace). */
    private readonly listener: (event: SessionEvent) => void = () => {},
    /** The most events kept; later ones are counted in `dropped`. */
    private readonly max = MAX_SESSION_EVENTS,
  ) {}

  /** The index of the step in force, -1 before the first. */
  get during(): number {
    return this.steps - 1;
  }

  add(event: NewEvent): SessionEvent {
    const at = Math.round(this.clock() * 10) / 10;
    const stamped = (
      "by" in event ? { ...event, at } : { ...event, at, during: this.during }
    ) as SessionEvent;
    if ("by" in event) this.steps++;
    if (this.events.length < this.max) this.events.push(stamped);
    else this.dropped++;
    this.listener(stamped);
    return stamped;
  }

  toJSON(): Session {
    return {
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      app: this.app,
      recordedAt: this.date().toISOString(),
      dropped: this.dropped,
      events: [...this.events],
    };
  }
}
