/**
 * A recorded session: every message both ways, HubSpot's steps (the stand-in's own controls) and,
 * when `npm run check` drives the app, the user's steps, each with its time since the page opened.
 * Saved as JSON from the stand-in's page or by `npm run check -- --record`; replayed by
 * `npm run check -- --replay`. Bounded, so a flood cannot grow it without end.
 */
import type { HubSpotStep, UserStep } from "../common/steps";

export const SESSION_FORMAT = "hubspot-calling-session";
export const SESSION_VERSION = 1;
/** The most events a session keeps; later ones are counted, not kept. */
export const MAX_SESSION_EVENTS = 5_000;

export type SessionEvent =
  | { readonly at: number; readonly from: "app"; readonly type: string; readonly data?: unknown }
  | { readonly at: number; readonly to: "app"; readonly type: string; readonly data?: unknown }
  | { readonly at: number; readonly by: "hubspot"; readonly step: HubSpotStep }
  | { readonly at: number; readonly by: "user"; readonly step: UserStep };

export interface Session {
  readonly format: typeof SESSION_FORMAT;
  readonly version: typeof SESSION_VERSION;
  readonly app: string;
  readonly recordedAt: string;
  /** Events past `MAX_SESSION_EVENTS`, not kept. */
  readonly dropped: number;
  readonly events: readonly SessionEvent[];
}

type Untimed<T> = T extends unknown ? Omit<T, "at"> : never;

export class SessionRecorder {
  private readonly events: SessionEvent[] = [];
  private dropped = 0;

  constructor(
    private readonly app: string,
    /** Milliseconds since the page opened. */
    private readonly clock: () => number,
    private readonly date: () => Date = () => new Date(),
  ) {}

  add(event: Untimed<SessionEvent>): void {
    if (this.events.length >= MAX_SESSION_EVENTS) {
      this.dropped++;
      return;
    }
    this.events.push({ ...event, at: Math.round(this.clock() * 10) / 10 } as SessionEvent);
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
