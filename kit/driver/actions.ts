/**
 * The actions file: how the check drives an app's own controls for each of the user's steps, by
 * what a person (or a screen reader) finds them by: a role and a name, a label, or a text; inside
 * a nested frame where the app has one; or, for what comes from the network rather than from a
 * person (an inbound call), a request to the app's own backend. A step may take several controls
 * in turn (open a panel, fill a field, press a button). A step the file leaves out is taken only
 * if the app does it by itself; a scenario that needs it otherwise is "skipped", never "passed".
 * `reset`, if given, is requested before each scenario: an app whose backend remembers its user
 * (a login, a call) starts each scenario afresh.
 */
import { isHttpsUrl, isRecord } from "../../common/guards";
import { USER_STEPS, type UserStep } from "../../common/steps";

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

export const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

/** A request to the app's backend, as the phone network or the app's server would make. */
export interface RequestControl {
  readonly request: string;
  /** POST unless given. */
  readonly method?: Method;
  /** A JSON body, sent as is. */
  readonly body?: string;
}

export type Control =
  | RequestControl
  | ((
      | { readonly role: Role; readonly name?: string }
      | { readonly label: string }
      | { readonly text: string }
    ) & {
      /** The name, label or text matches whole and with its case (else any part, any case). */
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
      /**
       * It opens a panel, and a second click would close it: clicked only while the panel is closed
       * (its `aria-expanded` is not "true", and the step's next control does not show).
       */
      readonly opens?: boolean;
      /** The nested frame(s) it is in, inside the app's frame: CSS selectors of the iframes. */
      readonly frame?: readonly string[];
    });

export type Actions = Readonly<Partial<Record<UserStep, readonly Control[]>>> & {
  /** Requested before each scenario. */
  readonly reset?: readonly RequestControl[];
};

/** The actions file as written: each step one control, or a list of them taken in turn. */
export type ActionsFile = Readonly<Partial<Record<UserStep, Control | readonly Control[]>>> & {
  readonly reset?: RequestControl | readonly RequestControl[];
};

/** The softphone's controls: the defaults, written as another app's file would be. */
export const SOFTPHONE_ACTIONS: Actions = {
  logIn: [{ role: "button", name: "Log in" }],
  logOut: [{ role: "button", name: "Log out" }],
  available: [{ role: "button", name: "Available", exact: true }],
  dial: [{ role: "button", name: "Dial" }],
  incomingCall: [{ role: "button", name: "Incoming call" }],
  answer: [{ role: "button", name: "Answer" }],
  end: [{ role: "button", name: "End", exact: true }],
  complete: [{ role: "button", name: "Complete" }],
};

const MAX_TEXT = 200;
const MAX_CONTROLS = 10;
const MAX_BODY = 10_000;
const MAX_FRAMES = 5;

const text = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= MAX_TEXT;

function parseRequest(value: Record<string, unknown>, where: string): RequestControl | string {
  const { request, method, body } = value;
  if (!isHttpsUrl(request) || request.length > 2_000)
    return `${where}.request is not an https:// URL`;
  if (method !== undefined && !(METHODS as readonly unknown[]).includes(method))
    return `${where}.method is not one of ${METHODS.join(", ")}`;
  if (body !== undefined && (typeof body !== "string" || body.length > MAX_BODY))
    return `${where}.body is not a string of at most ${MAX_BODY.toLocaleString("en")} characters`;
  return {
    request,
    ...(method === undefined ? {} : { method: method as Method }),
    ...(body === undefined ? {} : { body: body as string }),
  };
}

function parseControl(value: unknown, where: string): Control | string {
  if (!isRecord(value)) return `${where} is not an object`;
  if (value.request !== undefined) return parseRequest(value, where);
  const { fill, exact, ifPresent, opens, nth, frame } = value;
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
    ["opens", opens],
  ] as const) {
    if (flag !== undefined && typeof flag !== "boolean")
      return `${where}.${name} is not true or false`;
  }
  const frames = frame === undefined ? undefined : Array.isArray(frame) ? frame : [frame];
  if (frames && (frames.length === 0 || frames.length > MAX_FRAMES || !frames.every(text)))
    return `${where}.frame is not a CSS selector of an iframe, or a list of 1 to ${MAX_FRAMES}`;
  const extra = {
    ...(fill === undefined ? {} : { fill: fill as string }),
    ...(exact === undefined ? {} : { exact: exact as boolean }),
    ...(ifPresent === undefined ? {} : { ifPresent: ifPresent as boolean }),
    ...(opens === undefined ? {} : { opens: opens as boolean }),
    ...(nth === undefined ? {} : { nth: nth as number }),
    ...(frames === undefined ? {} : { frame: frames as string[] }),
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
  return `${where} needs a role (with a name), a label, a text or a request`;
}

const KEYS = [...USER_STEPS, "reset"] as const;

/** The file's text, checked: the actions, or what is wrong with them (one line each). */
export function parseActions(json: string): { actions: Actions } | { errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { errors: [`not valid JSON: ${(error as Error).message.slice(0, 200)}`] };
  }
  return checkActions(value);
}

/** Actions as a file (or a test's options) hold them, checked: every control a list. */
export function checkActions(value: unknown): { actions: Actions } | { errors: string[] } {
  if (!isRecord(value)) return { errors: ["not a JSON object of steps"] };
  const errors: string[] = [];
  const actions: Record<string, readonly Control[]> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      errors.push(`"${key.slice(0, 40)}" is not a step (steps: ${KEYS.join(", ")})`);
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
    if (key === "reset" && bad.length === 0 && !controls.every((c) => isRequest(c as Control)))
      bad.push("reset is requests only: it runs before the app is open");
    if (bad.length > 0) errors.push(...bad);
    else actions[key] = controls as Control[];
  }
  return errors.length > 0 ? { errors } : { actions: actions as Actions };
}

export const isRequest = (control: Control): control is RequestControl => "request" in control;

/** A control, as a report names it. */
export function controlName(control: Control): string {
  if (isRequest(control)) return `${control.method ?? "POST"} ${control.request}`;
  const how =
    (control.nth === undefined ? "" : ` #${control.nth}`) +
    (control.fill === undefined ? "" : ` ← "${control.fill}"`) +
    (control.frame === undefined ? "" : ` in ${control.frame.join(" › ")}`);
  if ("role" in control) return `${control.role} "${control.name ?? ""}"${how}`;
  if ("label" in control) return `field labelled "${control.label}"${how}`;
  return `text "${control.text}"${how}`;
}
