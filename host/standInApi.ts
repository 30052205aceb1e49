/** What the stand-in exposes as `window.standIn`, for Playwright and for the console. */
import type { UserStep } from "../common/steps";
import type { HubSpotSide, Received } from "./hubspot";
import type { Session } from "./session";

export interface EngagementView {
  readonly id: number;
  readonly externalCallId: string;
  readonly direction: string;
  readonly status: string;
  readonly record: string | null;
  readonly properties: Readonly<Record<string, string | number>>;
  readonly finalized: boolean;
  readonly ghost: boolean;
}

export interface StandInApi {
  /** Every message the app sent, with the conformance rules each broke. */
  received(): readonly Received[];
  /** Every message the stand-in sent to the app. */
  sent(): readonly { type: string; data?: unknown }[];
  violations(): readonly { type: string; rule: string; detail: string }[];
  engagements(): readonly EngagementView[];
  /** When the stand-in last created the app's frame (`performance.timeOrigin + performance.now()`). */
  frameCreatedAt(): number;
  /** How many handshakes the app has answered (more than one after a reload). */
  handshakes(): number;
  /** Sends any message to the app; false when the app has not answered the handshake. */
  send(type: string, data?: unknown): boolean;
  /** Posts any value into the app's frame, outside the SDK; false when there is no frame. */
  post(value: unknown): boolean;
  /** Notes a step the user took inside the app (the stand-in cannot see into the frame). */
  note(step: UserStep): void;
  /** The session so far: every message both ways and every step, with times. */
  session(): Session;
}

export interface StandInParts {
  readonly side: HubSpotSide;
  readonly sent: readonly { type: string; data?: unknown }[];
  readonly frame: { readonly handshakes: number; readonly createdAt: number };
  readonly send: (type: string, data?: unknown) => boolean;
  readonly post: (value: unknown) => boolean;
  readonly note: (step: UserStep) => void;
  readonly session: () => Session;
}

export function createStandInApi(parts: StandInParts): StandInApi {
  const { side, sent, frame, send, post, note, session } = parts;
  return {
    received: () => side.received,
    sent: () => sent,
    violations: () =>
      side.received.flatMap((r) =>
        r.violations.map((v) => ({ type: r.type, rule: v.rule, detail: v.detail })),
      ),
    engagements: () =>
      side.engagements.map((e) => ({
        id: e.id,
        externalCallId: e.externalCallId,
        direction: e.direction,
        status: e.status,
        record: e.record?.name ?? null,
        properties: e.properties,
        finalized: e.finalized,
        ghost: e.ghost === true,
      })),
    frameCreatedAt: () => frame.createdAt,
    handshakes: () => frame.handshakes,
    send,
    post,
    note,
    session,
  };
}

declare global {
  interface Window {
    standIn: StandInApi;
    /**
     * Told of every message from the app as it arrives, when a tool defines it before the page
     * loads (`npm run check` does): the page keeps only the last 1,000, a flood is longer.
     */
    standInObserver?: (entry: Received) => void;
  }
}
