/**
 * The softphone's DOM, given its root element: reads fields, shows errors and state. Data only
 * ever reaches the page through `textContent` and `value`.
 */
import { ACTIONS, type CallState, callDuration, can, statusLabel } from "./callState";

export type FieldName =
  | "phoneNumber"
  | "fromNumber"
  | "endStatus"
  | "notes"
  | "callerNumber"
  | "errorMessage"
  | "width"
  | "height"
  | "widgetUrl";

export type ErrorSlot =
  | "phoneNumber"
  | "fromNumber"
  | "notes"
  | "callerNumber"
  | "errorMessage"
  | "size"
  | "widgetUrl";

export type Output =
  | "status"
  | "timer"
  | "notice"
  | "failure"
  | "callId"
  | "engagementId"
  | "caller"
  | "host"
  | "visibility"
  | "reload"
  | "outsideReason"
  | "registrationLine1"
  | "registrationLine2";

export interface SoftphoneView {
  render(state: CallState): void;
  field(name: FieldName): string;
  setField(name: FieldName, value: string): void;
  /** Shows `message` under its field, or clears it when empty. */
  showError(slot: ErrorSlot, message: string): void;
  /**
   * Info replaces the last info; an error stays in its own alert line until `clearFailure`, so a
   * later info cannot hide it.
   */
  notify(message: string, kind?: "info" | "error"): void;
  clearFailure(): void;
  show(output: Output, text: string): void;
  showOutside(reason: string): void;
  /** Shows the button that opens HubSpot's calling window, for a remote frame without one. */
  showCallingWindow(shown: boolean): void;
}

export function createView(root: HTMLElement, now: () => number = Date.now): SoftphoneView {
  // Looked up once each: `show` runs for host messages, some of which come in floods.
  const found = new Map<string, Element>();
  const one = <T extends Element>(selector: string): T => {
    const element = found.get(selector) ?? root.querySelector<T>(selector);
    if (!element) throw new Error(`The page has no ${selector}`);
    found.set(selector, element);
    return element as T;
  };
  const input = (name: FieldName) => one<HTMLInputElement>(`[name="${name}"]`);
  const output = (name: Output) => one<HTMLElement>(`[data-out="${name}"]`);
  const buttons = ACTIONS.map(
    (action) => [action, one<HTMLButtonElement>(`[data-action="${action}"]`)] as const,
  );
  const timer = output("timer");
  let ticking: ReturnType<typeof setInterval> | undefined;
  let current: CallState | undefined;

  const showTimer = () => {
    const seconds = Math.floor(callDuration(current?.call ?? null, now()) / 1000);
    const mm = String(Math.floor(seconds / 60)).padStart(2, "0");
    timer.textContent = `${mm}:${String(seconds % 60).padStart(2, "0")}`;
  };

  return {
    render(state) {
      current = state;
      for (const [action, button] of buttons) button.disabled = !can(state, action);
      output("status").textContent = statusLabel(state);
      output("callId").textContent = state.call?.externalCallId ?? "–";
      const engagementId = (state.call ?? state.lastCall)?.engagementId;
      output("engagementId").textContent = engagementId === undefined ? "–" : String(engagementId);
      root.dataset.phase = state.phase;
      if (state.host !== "pending") one<HTMLElement>('[data-out="outside"]').hidden = true;
      showTimer();
      const running = state.call !== null && state.call.endedAt === undefined;
      if (running && ticking === undefined) ticking = setInterval(showTimer, 1000);
      if (!running && ticking !== undefined) {
        clearInterval(ticking);
        ticking = undefined;
      }
    },
    field: (name) => input(name).value,
    setField(name, value) {
      input(name).value = value;
    },
    showError(slot, message) {
      one<HTMLElement>(`[data-error="${slot}"]`).textContent = message;
      const fields = slot === "size" ? (["width", "height"] as const) : [slot];
      for (const name of fields) input(name).toggleAttribute("aria-invalid", message !== "");
    },
    notify(message, kind = "info") {
      output(kind === "error" ? "failure" : "notice").textContent = message;
    },
    clearFailure() {
      output("failure").textContent = "";
    },
    show(name, text) {
      output(name).textContent = text;
    },
    showCallingWindow(shown) {
      one<HTMLElement>('[data-action="openCallingWindow"]').hidden = !shown;
    },
    showOutside(reason) {
      output("outsideReason").textContent = reason;
      one<HTMLElement>('[data-out="outside"]').hidden = false;
    },
  };
}

/**
 * One delegated listener for every `data-action` button under `root`, so the markup declares
 * what each button does and nothing else binds clicks.
 */
export function bindActions(
  root: HTMLElement,
  handlers: Readonly<Record<string, (button: HTMLButtonElement) => void>>,
): void {
  root.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
    if (!(target instanceof HTMLButtonElement) || target.disabled) return;
    handlers[target.dataset.action ?? ""]?.(target);
  });
}

/** Fills a `<select>` with `values`, first one selected. */
export function fillOptions(
  select: HTMLSelectElement,
  values: readonly string[],
  doc: Document = document,
): void {
  select.replaceChildren(
    ...values.map((value) => {
      const option = doc.createElement("option");
      option.value = value;
      option.textContent = value;
      return option;
    }),
  );
}
