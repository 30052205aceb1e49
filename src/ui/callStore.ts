/**
 * Keeps the call in progress across a reload of the frame (HubSpot reloads it when the user
 * navigates), in `sessionStorage`. In a cross-site frame, browsers that block third-party storage
 * throw on the first touch of `sessionStorage`: the store then keeps nothing, and says so.
 */
import { defined, isRecord } from "../../common/guards";
import { isEndStatus } from "../../common/protocol";
import {
  type Call,
  type CallState,
  hasCall,
  initialState,
  PHASES,
  type Phase,
} from "../core/callState";
import type { DialNumber } from "../protocol/hostMessages";

export interface CallStore {
  /** False when the browser refused storage: a reload will lose the call. */
  readonly persistent: boolean;
  /** The state saved before the reload, waiting for a new handshake; the initial state otherwise. */
  load(): CallState;
  save(state: CallState): void;
}

export const STORAGE_KEY = "hubspot-calling-softphone:call:v1";

/** `storage` is a getter, because reading `window.sessionStorage` is what throws. */
export function createCallStore(storage: () => Storage): CallStore {
  let store: Storage | null;
  try {
    store = storage();
    store.setItem(`${STORAGE_KEY}:probe`, "1");
    store.removeItem(`${STORAGE_KEY}:probe`);
  } catch {
    store = null;
  }
  let last: CallState | null = null;
  return {
    persistent: store !== null,
    load() {
      try {
        const raw = store?.getItem(STORAGE_KEY);
        return (raw && restore(JSON.parse(raw))) || initialState;
      } catch {
        return initialState;
      }
    },
    save(state) {
      // Most state changes (news, visibility) leave the call alone: nothing to write then.
      if (
        !store ||
        (last &&
          last.phase === state.phase &&
          last.available === state.available &&
          last.call === state.call)
      )
        return;
      last = state;
      // Only what a reload must not lose: whether the user is logged in and the call in progress.
      // A completed call is cleared with its state; the host's trust is decided again.
      const saved = { phase: state.phase, available: state.available, call: state.call };
      try {
        store.setItem(STORAGE_KEY, JSON.stringify(saved));
      } catch {
        // Quota or a revoked permission: the call lives on in memory.
      }
    },
  };
}

/** Saved data is checked like any input: a damaged or foreign entry restores nothing. */
export function restore(saved: unknown): CallState | null {
  if (!isRecord(saved) || !PHASES.includes(saved.phase as Phase)) return null;
  const phase = saved.phase as Phase;
  const call = saved.call === null ? null : restoreCall(saved.call);
  if (saved.call !== null && call === null) return null;
  if (hasCall(phase) !== (call !== null)) return null;
  return { ...initialState, phase, available: saved.available === true, call };
}

function restoreCall(value: unknown): Call | null {
  if (!isRecord(value)) return null;
  const { direction, externalCallId, toNumber, fromNumber, startedAt } = value;
  if (direction !== "OUTBOUND" && direction !== "INBOUND") return null;
  if (
    typeof externalCallId !== "string" ||
    typeof toNumber !== "string" ||
    typeof fromNumber !== "string"
  )
    return null;
  if (typeof startedAt !== "number") return null;
  const time = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const engagementId = value.engagementId;
  const optional = {
    answeredAt: time(value.answeredAt),
    endedAt: time(value.endedAt),
    endStatus: isEndStatus(value.endStatus) ? value.endStatus : undefined,
    engagementId:
      typeof engagementId === "number" && Number.isSafeInteger(engagementId)
        ? engagementId
        : undefined,
    dialingContext:
      isRecord(value.dialingContext) && typeof value.dialingContext.phoneNumber === "string"
        ? (value.dialingContext as DialNumber)
        : undefined,
  };
  return { direction, externalCallId, toNumber, fromNumber, startedAt, ...defined(optional) };
}
