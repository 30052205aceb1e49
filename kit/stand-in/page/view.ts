/**
 * The stand-in's page, given its root element: what it shows of the app, the CRM, the timeline
 * and HubSpot's own UI, and the fault switches it reads. Data reaches the page only as text.
 */

import { download, element, finder } from "../../../common/dom";
import { FAULTS, type Fault } from "../../../common/steps";
import { cut } from "../../../common/text";
import type { ConformanceContext } from "../../contract/conformance";
import type { CrmRecord } from "../crm";
import type { AppSettings } from "./appSettings";
import type { Choice } from "./callFrom";
import type { Engagement, Faults } from "./hubspot";

export type WidgetVisibility = "visible" | "minimised" | "hidden";

export type FaultChange =
  | { readonly fault: Fault; readonly on: boolean }
  | { readonly delayMs: number };

export interface StandInView {
  /** HubSpot's "Call from" menu, as it is now. */
  showCallFrom(choices: readonly Choice[], chosen: string): void;
  /**
   * Tells `onChoose` of the app the user picks, and `onOpen` when the menu is about to be used
   * (it takes the focus: apps registered since the page opened are fetched then).
   */
  onCallFrom(onChoose: (key: string) => void, onOpen: () => void): void;
  showApp(settings: AppSettings, warnings: readonly string[], frame: string): void;
  showHandshake(text: string): void;
  showAlert(message: string): void;
  dismissAlert(): void;
  showRecord(record: CrmRecord): void;
  setVisibility(visibility: WidgetVisibility): void;
  /** The CRM; custom-object records offer Call only when `customObjects` (the app supports them). */
  showRecords(records: readonly CrmRecord[], customObjects: boolean): void;
  /** The app's user and call, the violations so far and the timeline. */
  showStatus(ctx: ConformanceContext, violations: number, engagements: readonly Engagement[]): void;
  /** The fault switches, as the user set them. */
  faults(): Faults;
  /** Sets a fault switch, as `perform` does for a step that is not a click on it. */
  setFault(fault: Fault, on: boolean): void;
  setDelay(ms: number): void;
  /** Tells `onChange` of each fault switch the user turns on or off, and of the answer delay. */
  onFaultChange(onChange: (change: FaultChange) => void): void;
  /** Offers `text` as a file to save. */
  download(name: string, text: string): void;
}

/** The longest answer delay the switch accepts: a minute. */
export const MAX_DELAY_MS = 60_000;

/** A delay as the switch takes it: whole milliseconds from 0 to a minute, 0 for anything else. */
export function delayOf(value: unknown): number {
  const ms = Number(value);
  return Number.isFinite(ms) && ms > 0 ? Math.min(Math.round(ms), MAX_DELAY_MS) : 0;
}

/** A CRM record with a Call button for each of its numbers, where the app may call it. */
function recordItem(doc: Document, record: CrmRecord, customObjects: boolean): HTMLElement {
  const text = (tag: string, value: string) => element(doc, tag, value);
  const item = text("li", "");
  const kind = record.objectType === "CUSTOM" ? "custom object" : record.objectType.toLowerCase();
  item.append(text("b", record.name), " ", text("small", kind));
  if (record.objectType === "CUSTOM" && !customObjects) {
    item.append(text("p", "The app does not call from custom objects (supportsCustomObjects)."));
    return item;
  }
  const phones = doc.createElement("ul");
  for (const phone of record.phones) {
    const row = text("li", `${phone} `);
    const call = text("button", "Call") as HTMLButtonElement;
    call.type = "button";
    call.dataset.action = "call";
    call.dataset.record = String(record.objectId);
    call.dataset.phone = phone;
    call.setAttribute("aria-label", `Call ${record.name} at ${phone}`);
    row.append(call);
    phones.append(row);
  }
  item.append(phones);
  return item;
}

/** An engagement on the activity timeline, with what the app stored on it. */
function engagementItem(doc: Document, engagement: Engagement): HTMLElement {
  const text = (tag: string, value: string, className?: string) =>
    element(doc, tag, value, className);
  const item = text("li", "");
  const title = cut(
    String(engagement.properties.hs_call_title ?? `${engagement.direction.toLowerCase()} call`),
    200,
  );
  item.append(text("b", title), " ", text("span", engagement.status, "badge"));
  if (engagement.ghost)
    item.append(" ", text("span", "ghost call log: never completed", "badge ghost"));
  const facts = [
    `Engagement ${engagement.id}`,
    engagement.record ? `on ${engagement.record.name}` : "on no record",
    `${engagement.fromNumber} → ${engagement.toNumber}`,
    engagement.finalized ? "finalized" : "",
  ];
  item.append(text("p", facts.filter(Boolean).join(" · "), "facts"));
  const body = engagement.properties.hs_call_body;
  if (body !== undefined && body !== "") item.append(text("p", cut(String(body), 2_000), "notes"));
  return item;
}

type Find = ReturnType<typeof finder>;
type Text = (tag: string, value: string, className?: string) => HTMLElement;

/** HubSpot's "Call from" menu: the apps the user can call from, and their choice. */
function callFromView(one: Find, text: Text): Pick<StandInView, "showCallFrom" | "onCallFrom"> {
  const select = () => one<HTMLSelectElement>('select[name="callFrom"]');
  return {
    showCallFrom(choices, chosen) {
      select().replaceChildren(
        ...choices.map((choice) => {
          const option = text("option", choice.label) as HTMLOptionElement;
          option.value = choice.key;
          option.selected = choice.key === chosen;
          return option;
        }),
      );
    },
    onCallFrom(onChoose, onOpen) {
      const menu = select();
      menu.addEventListener("change", () => onChoose(menu.value));
      menu.addEventListener("focus", onOpen);
      menu.addEventListener("pointerdown", onOpen);
    },
  };
}

/** The fault switches, HubSpot's quirks and the answer delay: read, set, and changed. */
function faultsView(
  input: (name: string) => HTMLInputElement,
): Pick<StandInView, "faults" | "setFault" | "setDelay" | "onFaultChange"> {
  return {
    faults() {
      return {
        failCreate: input("failCreate").checked,
        failUpdate: input("failUpdate").checked,
        dialTwice: input("dialTwice").checked,
        objectIdZero: input("objectIdZero").checked,
        engagementCreated: input("engagementCreated").checked,
        delayMs: delayOf(input("delayMs").value),
      };
    },
    setFault(fault, on) {
      input(fault).checked = on;
    },
    setDelay(ms) {
      input("delayMs").value = String(delayOf(ms));
    },
    onFaultChange(onChange) {
      for (const fault of FAULTS) {
        const box = input(fault);
        box.addEventListener("change", () => onChange({ fault, on: box.checked }));
      }
      const delay = input("delayMs");
      delay.addEventListener("change", () => onChange({ delayMs: delayOf(delay.value) }));
    },
  };
}

export function createStandInView(root: HTMLElement): StandInView {
  const doc = root.ownerDocument;
  const one = finder(root);
  const out = (name: string) => one(`[data-out="${name}"]`);
  const input = (name: string) => one<HTMLInputElement>(`input[name="${name}"]`);
  const text: Text = (tag, value, className) => element(doc, tag, value, className);
  return {
    ...callFromView(one, text),
    ...faultsView(input),
    showApp(settings, warnings, frame) {
      out("appName").textContent = settings.name;
      out("appUrl").textContent = settings.url;
      out("appSource").textContent = `(from ${settings.source})`;
      out("warnings").replaceChildren(...warnings.map((warning) => text("li", warning)));
      out("frameLocation").textContent = frame;
    },
    showHandshake(value) {
      out("handshake").textContent = value;
    },
    showAlert(message) {
      out("alert").textContent = message;
      out("alertBox").hidden = false;
    },
    dismissAlert() {
      out("alertBox").hidden = true;
    },
    showRecord(record) {
      out("viewing").textContent =
        `${record.name} (${record.objectType.toLowerCase()} ${record.objectId})`;
    },
    setVisibility(visibility) {
      out("frameBox").dataset.visibility = visibility;
    },
    showRecords(records, customObjects) {
      out("records").replaceChildren(
        ...records.map((record) => recordItem(doc, record, customObjects)),
      );
    },
    showStatus(ctx, violations, engagements) {
      const user = ctx.loggedIn ? "logged in" : "logged out";
      out("appUser").textContent = ctx.call ? `${user}, call ${ctx.call.phase}` : user;
      out("violationCount").textContent = String(violations);
      out("timeline").replaceChildren(
        ...[...engagements].reverse().map((engagement) => engagementItem(doc, engagement)),
      );
    },
    download(name, value) {
      download(doc, name, value);
    },
  };
}
