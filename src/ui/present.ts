/** The lines the page shows, as text, from the state. Pure, so each wording is tested in Node. */
import { type Call, statusLabel } from "../core/callState";
import type { SoftphoneState } from "../core/softphone";
import type { ReadyInfo } from "../protocol/hostMessages";

/** Where HubSpot put the softphone, e.g. `https://app.hubspot.com, widget, portal 123, calling window: no`. */
export function hostLine(info: ReadyInfo | null): string {
  if (!info) return "–";
  const where = [
    info.hostUrl ?? "unknown host",
    info.iframeLocation,
    info.portalId && `portal ${info.portalId}`,
  ];
  const window =
    info.usesCallingWindow === undefined
      ? ""
      : `, calling window: ${info.usesCallingWindow ? "yes" : "no"}`;
  return `${where.filter(Boolean).join(", ")}${window}`;
}

/** Who is calling, as HubSpot matched them; `–` for a call without a match (an outbound one). */
export function callerLine(call: Call | null): string {
  const matches = call?.callerIdMatches;
  if (!matches) return "–";
  if (matches.length === 0) return "Unknown caller";
  return matches.map((m) => `${m.name} (${m.callerIdType.toLowerCase()})`).join(", ");
}

/** `mm:ss` of a duration in milliseconds. */
export function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const mm = String(Math.floor(seconds / 60)).padStart(2, "0");
  return `${mm}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The call status: the call's, or, opened outside HubSpot, that it is not waiting for anything. */
export function statusLine(state: SoftphoneState): string {
  return state.host === "pending" && state.outside !== null ? "Not in HubSpot" : statusLabel(state);
}
