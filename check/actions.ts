/**
 * The actions file: how the check drives an app's own controls for each of the user's steps, by
 * what a person (or a screen reader) finds them by: a role and a name, a label, or a text. A step
 * may take several controls in turn (open a section, fill a field, press a button). A step the
 * file leaves out makes the scenarios that need it "skipped", never "passed".
 */
import { isRecord } from "../common/guards";
import { USER_STEPS, type UserStep } from "../common/steps";

/** The roles a control may be found by (Playwright's `getByRole` takes these). */
export const ROLES = [
  "button",
  "link",
  "checkbox",
  "radio",
  "switch",
  "tab",
  "menuitem",
  "option",
  "combobox",
  "textbox",
  "searchbox",
  "spinbutton",
] as const;
export type Role = (typeof ROLES)[number];

export type Control = (
  | { readonly role: Role; readonly name?: string }
  | { readonly label: string }
  | { readonly text: string }
) & {
  /** The name, label or text matches whole and with its case (else any part of it, in any case). */
  readonly exact?: boolean;
  /** Which of several matches, from 0 in page order, for a control with no name of its own. */
  readonly nth?: number;
  /** Fill the control with this text instead of clicking it. */
  readonly fill?: string;
  /**
   * Used only if it shows within a second: an app that answers its own outbound calls after a
   * while has an Answer button for inbound calls only.
   */
  readonly ifPresent?: boolean;
};

export type Actions = Readonly<Partial<Record<UserStep, readonly Control[]>>>;

/** The softphone's controls: the defaults, written as another app's file would be. */
export const SOFTPHONE_ACTIONS: Actions = {
  logIn: [{ role: "button", name: "Log in" }],
  logOut: [{ role: "button", name: "Log out" }],
  available: [{ role: "button", name: "Available", exact: true }],
  dial: [{ role: "button", name: "Dial" }],
  incomingCall: [
    { text: "More actions" },
    { label: "Caller number", fill: "+1 617-555-0101" },
    { role: "button", name: "Incoming call" },
  ],
  answer: [{ role: "button", name: "Answer" }],
  end: [{ role: "button", name: "End", exact: true }],
  complete: [{ role: "button", name: "Complete" }],
};

const MAX_TEXT = 200;
const MAX_CONTROLS = 10;

const text = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= MAX_TEXT;

function parseControl(value: unknown, where: string): Control | string {
  if (!isRecord(value)) return `${where} is not an object`;
  const { fill, exact, ifPresent, nth } = value;
  if (
    nth !== undefined &&
    !(Number.isInteger(nth) && (nth as number) >= 0 && (nth as number) < 100)
  )
    return `${where}.nth is not a whole number from 0 to 99`;
  if (fill !== undefined && (typeof fill !== "string" || fill.length > MAX_TEXT))
    return `${where}.fill is not a string of at most ${MAX_TEXT} characters`;
  for (const [name, flag] of [
    ["exact", exact],
    ["ifPresent", ifPresent],
  ] as const) {
    if (flag !== undefined && typeof flag !== "boolean")
      return `${where}.${name} is not true or false`;
  }
  const extra = {
    ...(fill === undefined ? {} : { fill: fill as string }),
    ...(exact === undefined ? {} : { exact: exact as boolean }),
    ...(ifPresent === undefined ? {} : { ifPresent: ifPresent as boolean }),
    ...(nth === undefined ? {} : { nth: nth as number }),
  };
  if (value.role !== undefined) {
    if (!(ROLES as readonly unknown[]).includes(value.role))
      return `${where}.role is not one of ${ROLES.join(", ")}`;
    if (value.name !== undefined && !text(value.name))
      return `${where}.name is not a string of 1 to ${MAX_TEXT} characters`;
    return {
      role: value.role as Role,
      ...(value.name === undefined ? {} : { name: value.name as string }),
      ...extra,
    };
  }
  if (text(value.label)) return { label: value.label, ...extra };
  if (text(value.text)) return { text: value.text, ...extra };
  return `${where} needs a role (with a name), a label or a text`;
}

/** The file's contents, checked: the actions, or what is wrong with them (one line each). */
export function parseActions(json: string): { actions: Actions } | { errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { errors: [`not valid JSON: ${(error as Error).message.slice(0, 200)}`] };
  }
  if (!isRecord(value)) return { errors: ["not a JSON object of steps"] };
  const errors: string[] = [];
  const actions: Partial<Record<UserStep, readonly Control[]>> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!(USER_STEPS as readonly string[]).includes(key)) {
      errors.push(`"${key.slice(0, 40)}" is not a step (steps: ${USER_STEPS.join(", ")})`);
      continue;
    }
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length === 0 || list.length > MAX_CONTROLS) {
      errors.push(`${key} needs 1 to ${MAX_CONTROLS} controls`);
      continue;
    }
    const controls = list.map((item, i) =>
      parseControl(item, list.length > 1 ? `${key}[${i}]` : key),
    );
    const bad = controls.filter((c): c is string => typeof c === "string");
    if (bad.length > 0) errors.push(...bad);
    else actions[key as UserStep] = controls as Control[];
  }
  return errors.length > 0 ? { errors } : { actions };
}

/** A control, as a report names it. */
export function controlName(control: Control): string {
  const how =
    (control.nth === undefined ? "" : ` #${control.nth}`) +
    (control.fill === undefined ? "" : ` ← "${control.fill}"`);
  if ("role" in control) return `${control.role} "${control.name ?? ""}"${how}`;
  if ("label" in control) return `field labelled "${control.label}"${how}`;
  return `text "${control.text}"${how}`;
}
