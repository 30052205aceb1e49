/**
 * The softphone's state and its form, as types: what the rules (actions.ts) and the behaviour
 * (softphone.ts) both read, kept apart so that each imports them and neither imports the other's.
 */
import type { AppMessage } from "../protocol/appMessages";
import type { Role } from "../protocol/callingWindow";
import type { ReadyInfo } from "../protocol/hostMessages";
import type { CallState } from "./callState";

/** The form's fields, as the user left them. */
export interface Form {
  readonly phoneNumber: string;
  readonly fromNumber: string;
  readonly endStatus: string;
  readonly notes: string;
  readonly callerNumber: string;
  readonly errorMessage: string;
  readonly width: string;
  readonly height: string;
  readonly widgetUrl: string;
  readonly openIn: string;
}

export type FieldName = keyof Form;
/** Where an input error shows: under its field, or under both size fields. */
export type ErrorSlot = Exclude<FieldName, "endStatus" | "width" | "height" | "openIn"> | "size";
export type Visibility = "visible" | "minimised" | "hidden";

export interface SoftphoneState extends CallState {
  /** Who talks to HubSpot: this frame, or (for a calling window) the remote frame it relays to. */
  readonly role: Role;
  /** Where HubSpot put the softphone, from `onReady`. */
  readonly hostInfo: ReadyInfo | null;
  readonly visibility: Visibility;
  /** The last piece of news; replaced by the next. */
  readonly notice: string;
  /** The last failure; kept until the user's next action, so later news cannot hide it. */
  readonly failure: string;
  readonly errors: Readonly<Partial<Record<ErrorSlot, string>>>;
  /** Why the page is not talking to HubSpot, while no handshake has come. */
  readonly outside: string | null;
  /** This remote frame is the one (of one per HubSpot tab) that sends what the calling window relays. */
  readonly leader: boolean;
  /** What the calling window relayed that no leading remote frame has said it sent (not leading). */
  readonly held: readonly AppMessage[];
  /**
   * The page has waited a moment for the handshake without one: show it as it is. Until then (and
   * the handshake, or the page found outside HubSpot) it stays unseen, so that laying it out does
   * not hold the handshake back.
   */
  readonly waited: boolean;
}
