/**
 * The softphone's DOM, given its root element. `render(state)` is the only way state reaches the
 * page; `form()` reads what the user typed and `fill` sets a field the softphone fills for them.
 * Data reaches the page only through `textContent` and `value`.
 */
import { fillOptions, finder } from "../../common/dom";
import { END_STATUSES } from "../../common/protocol";
import { MAX_WIDGET_SIDE, MIN_WIDGET_SIDE, WIDGET_SIZE } from "../../common/widget";
import { ACTIONS, can } from "../core/actions";
import { callDuration } from "../core/callState";
import { MAX_ERROR_MESSAGE, MAX_PHONE_LENGTH, MAX_URL_LENGTH } from "../core/input";
import {
  callingWindowFor,
  type ErrorSlot,
  type FieldName,
  type Form,
  isShown,
  type SoftphoneState,
} from "../core/softphone";
import { callerLine, clock, hostLine, statusLine } from "./present";

export interface SoftphoneView {
  render(state: SoftphoneState): void;
  form(): Form;
  fill(values: Partial<Form>): void;
}

export interface ViewOptions {
  /** Whether a reload of the frame keeps the call (the browser allows storage). */
  readonly reloadKeepsCall: boolean;
  /** The two localStorage lines that register this page in HubSpot. */
  readonly registrationLines: readonly [string, string];
  /** The user's phone lines, offered for the From number. */
  readonly lines: readonly string[];
  readonly now?: () => number;
}

/** Keyed by the types, so a field or error slot added to the core and missing here fails the type check. */
const FIELDS = Object.keys({
  phoneNumber: 1,
  fromNumber: 1,
  endStatus: 1,
  notes: 1,
  callerNumber: 1,
  errorMessage: 1,
  width: 1,
  height: 1,
  widgetUrl: 1,
  openIn: 1,
} satisfies Record<FieldName, 1>) as FieldName[];
/** The form as the page's fields start (the first end status, the current tab, the rest empty). */
export const INITIAL_FORM: Form = {
  ...(Object.fromEntries(FIELDS.map((name) => [name, ""])) as Record<FieldName, string>),
  endStatus: END_STATUSES[0] ?? "",
  openIn: "CURRENT_TAB",
};

const ERROR_SLOTS = Object.keys({
  phoneNumber: 1,
  fromNumber: 1,
  notes: 1,
  callerNumber: 1,
  errorMessage: 1,
  size: 1,
  widgetUrl: 1,
} satisfies Record<ErrorSlot, 1>) as ErrorSlot[];

/** Writes only what changed: render runs for every message that changes state, some in floods. */
function setText(element: Element, text: string) {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * The limits the checks in `src/core/input.ts` apply, set on the fields so the browser applies
 * them too. Phone fields accept more than a valid number, and notes any length, so that a
 * too-long value gets its message rather than being cut without a word.
 */
function applyLimits(field: (name: FieldName) => HTMLInputElement) {
  for (const name of ["phoneNumber", "fromNumber", "callerNumber"] as const) {
    field(name).maxLength = MAX_PHONE_LENGTH * 2;
  }
  field("errorMessage").maxLength = MAX_ERROR_MESSAGE;
  field("widgetUrl").maxLength = MAX_URL_LENGTH;
  for (const name of ["width", "height"] as const) {
    field(name).min = String(MIN_WIDGET_SIDE);
    field(name).max = String(MAX_WIDGET_SIDE);
    field(name).value = String(WIDGET_SIZE[name]);
  }
}

export function createView(root: HTMLElement, options: ViewOptions): SoftphoneView {
  const now = options.now ?? Date.now;
  const one = finder(root);
  const field = (name: FieldName) => one<HTMLInputElement>(`[name="${name}"]`);
  const output = (name: string) => one(`[data-out="${name}"]`);
  const buttons = ACTIONS.map(
    (action) => [action, one<HTMLButtonElement>(`[data-action="${action}"]`)] as const,
  );
  const timer = output("timer");
  let ticking: ReturnType<typeof setInterval> | undefined;
  let current: SoftphoneState | undefined;

  fillOptions(one<HTMLSelectElement>('[name="endStatus"]'), END_STATUSES);
  fillOptions(one<HTMLDataListElement>("datalist"), options.lines);
  applyLimits(field);
  output("reload").textContent = options.reloadKeepsCall
    ? "keeps the call"
    : "loses the call: this browser blocks storage in frames from another site";
  output("registrationLine1").textContent = options.registrationLines[0];
  output("registrationLine2").textContent = options.registrationLines[1];

  const showTimer = () => {
    setText(timer, clock(callDuration(current?.call ?? null, now())));
  };

  function tick(state: SoftphoneState) {
    const running = state.call !== null && state.call.endedAt === undefined;
    if (running && ticking === undefined) ticking = setInterval(showTimer, 1000);
    if (!running && ticking !== undefined) {
      clearInterval(ticking);
      ticking = undefined;
    }
  }

  function showErrors(state: SoftphoneState) {
    for (const slot of ERROR_SLOTS) {
      const message = state.errors[slot] ?? "";
      setText(one(`[data-error="${slot}"]`), message);
      const fields = slot === "size" ? (["width", "height"] as const) : [slot];
      for (const name of fields) field(name).toggleAttribute("aria-invalid", message !== "");
    }
  }

  return {
    render(state) {
      current = state;
      root.hidden = !isShown(state);
      for (const [action, button] of buttons) button.disabled = !can(state, action);
      root.dataset.phase = state.phase;
      setText(output("status"), statusLine(state));
      setText(output("callId"), state.call?.externalCallId ?? "–");
      const shown = state.call ?? state.lastCall;
      const engagementId = shown?.engagementId;
      setText(output("engagementId"), engagementId === undefined ? "–" : String(engagementId));
      setText(output("caller"), callerLine(shown));
      setText(output("host"), hostLine(state.hostInfo));
      setText(output("visibility"), state.visibility);
      setText(output("notice"), state.notice);
      setText(output("failure"), state.failure);
      showErrors(state);
      one('[data-action="openCallingWindow"]').hidden = callingWindowFor(state) === null;
      const outside = state.host === "pending" && state.outside !== null;
      output("outside").hidden = !outside;
      setText(output("outsideReason"), state.outside ?? "");
      // A clock only while there is a call to time: without one it would sit at 00:00.
      timer.hidden = state.call === null;
      showTimer();
      tick(state);
    },
    form: () =>
      Object.fromEntries(FIELDS.map((name) => [name, field(name).value])) as unknown as Form,
    fill(values) {
      for (const [name, value] of Object.entries(values)) field(name as FieldName).value = value;
    },
  };
}
