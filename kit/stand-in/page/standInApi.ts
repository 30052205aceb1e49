/** What the stand-in exposes as `window.standIn`, for Playwright and for the console. */

import type { Session, SessionEvent } from "../../../common/session";
import type { Step } from "../../../common/steps";
import type { ViolationGroup } from "../../contract/finding";
import type { HubSpotSide, Received } from "./hubspot";

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
  /** The app's last 1,000 messages, with the conformance rules each broke. */
  received(): readonly Received[];
  /** The stand-in's last 1,000 messages to the app. */
  sent(): readonly { type: string; data?: unknown }[];
  /** Every violation, grouped by rule and message type, with counts and the first examples. */
  violations(): readonly ViolationGroup[];
  engagements(): readonly EngagementView[];
  /** When the stand-in last created the app's frame (`performance.timeOrigin + performance.now()`). */
  frameCreatedAt(): number;
  /** How many handshakes the app has answered (more than one after a reload). */
  handshakes(): number;
  /**
   * Takes a step as HubSpot (or notes the user's, which happens inside the app's frame): recorded
   * in the session, then done, exactly as the stand-in's own buttons do. Returns why HubSpot could
   * not, or null.
   */
  perform(step: Step): string | null;
  /**
   * Resolves true once the app's frame has handled the last message sent to it (every listener of
   * it has run, so what it posted at once has come), as the kit's probe in the app's frame says;
   * false after `timeoutMs`, or at once where no probe is there (a stand-in opened by hand).
   */
  handled(timeoutMs: number): Promise<boolean>;
  /** Sends any message to the app; false when the app has not answered the handshake. */
  send(type: string, data?: unknown): boolean;
  /** Posts any value into the app's frame, outside the SDK; false when there is no frame. */
  post(value: unknown): boolean;
  /** The session so far: every message both ways and every step, with times. */
  session(): Session;
}

export interface StandInParts {
  readonly side: HubSpotSide;
  readonly sent: readonly { type: string; data?: unknown }[];
  readonly frame: { readonly handshakes: number; readonly createdAt: number };
  readonly perform: (step: Step) => string | null;
  readonly handled: (timeoutMs: number) => Promise<boolean>;
  readonly session: () => Session;
}

export function createStandInApi(parts: StandInParts): StandInApi {
  const { side, sent, frame, perform, handled, session } = parts;
  return {
    received: () => side.received,
    sent: () => sent,
    violations: () => side.violations.groups(),
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
    perform,
    handled,
    send: (type, data) => perform({ by: "hubspot", step: { kind: "send", type, data } }) === null,
    post: (value) => perform({ by: "hubspot", step: { kind: "post", value } }) === null,
    session,
  };
}

declare global {
  interface Window {
    standIn: StandInApi;
    /**
     * Told of every event of the session as it happens (each message both ways, each step, each
     * handshake), when a tool defines it before the page loads (`npm run check` does): the page
     * keeps only the last 5,000, a flood is longer.
     */
    standInObserver?: (event: SessionEvent) => unknown;
  }
}
