/**
 * The actions file: how the check drives an app's own controls for each of the user's steps, by
 * what a person (or a screen reader) finds them by: a role and a name, a label, or a text; inside
 * a nested frame where the app has one; or, for what comes from the network rather than from a
 * person (an inbound call), a request to the app's own backend. A step may take several controls
 * in turn (open a panel, fill a field, press a button). A step may instead be declared done by the
 * app itself ("app": it dials on DIAL_NUMBER, the network answers) or absent ("none": the app has
 * no such control and does not do it). A step the file leaves out is taken only if the app does it
 * by itself. `ready`, if given, is what shows when the app can take a call (its line registered):
 * waited for after log-in and after a reload. `reset`, if given, is requested before each scenario:
 * an app whose backend remembers its user (a login, a call) starts each scenario afresh.
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

/** A step done by the app itself ("app"), or absent from the app ("none"). */
export const DECLARATIONS = ["app", "none"] as const;
export type Declaration = (typeof DECLARATIONS)[number];

/** A control found on the page (not a request): what `ready` is made of. */
export type PageControl = Exclude<Control, RequestControl>;

export type Actions = Readonly<Partial<Record<UserStep, readonly Control[] | Declaration>>> & {
  /** Requested before each scenario. */
  readonly reset?: readonly RequestControl[];
  /** Shows when the app can take a call: waited for after log-in and after a reload. */
  readonly ready?: readonly PageControl[];
};

/**
 * The actions file as written: each step one control, a list of them taken in turn, or a
 * declaration ("app", "none").
 */
export type ActionsFile = Readonly<
  Partial<Record<UserStep, Control | readonly Control[] | Declaration>>
> & {
  readonly reset?: RequestControl | readonly RequestControl[];
  readonly ready?: PageControl | readonly PageControl[];
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

/** The properties a control may have, and a request. */
const CONTROL_KEYS = [
  "role",
  "name",
  "label",
  "text",
  "exact",
  "nth",
  "fill",
  "ifPresent",
  "opens",
  "frame",
];
const REQUEST_KEYS = ["request", "method", "body"];

/** Edits that turn `a` into `b` (Levenshtein): how far a misspelt key is from a known one. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] ?? 0;
}

/** `"x" is not a … (did you mean "y"?)`, for a key the file has and the format does not. */
export function unknownKey(key: string, what: string, known: readonly string[]): string {
  const shown = key.slice(0, 40);
  const nearest = known
    .map((k) => ({ k, d: distance(key.slice(0, 40), k) }))
    .sort((x, y) => x.d - y.d)[0];
  const hint =
    nearest && nearest.d <= Math.max(2, Math.floor(nearest.k.length / 3))
      ? `did you mean "${nearest.k}"?`
      : `${what}s: ${known.join(", ")}`;
  return `"${shown}" is not a ${what} (${hint})`;
}

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
  const keys = value.request !== undefined ? REQUEST_KEYS : CONTROL_KEYS;
  const stray = Object.keys(value).find((k) => !keys.includes(k));
  if (stray !== undefined) return `${where}: ${unknownKey(stray, "property of a control", keys)}`;
  if (value.request !== undefined) return parseRequest(value, where);
  const finders = (["role", "label", "text"] as const).filter((k) => value[k] !== undefined);
  if (finders.length > 1)
    return `${where} is found by one of role, label or text, not by ${finders.join(" and ")}`;
  if (value.name !== undefined && value.role === undefined)
    return `${where}.name is a role's name: give the role too, or use label or text`;
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

const KEYS = [...USER_STEPS, "reset", "ready"] as const;

/** One key's value: its controls, or a declaration (a step's only), or what is wrong with it. */
type Entry = { value: readonly Control[] | Declaration } | { errors: string[] };

function parseEntry(key: string, raw: unknown): Entry {
  if (typeof raw === "string") {
    const isStep = (USER_STEPS as readonly string[]).includes(key);
    if (isStep && (DECLARATIONS as readonly string[]).includes(raw))
      return { value: raw as Declaration };
    const what = isStep
      ? 'a control, a list of them, or "app" or "none"'
      : "a control, or a list of them";
    return { errors: [`${key} is "${raw.slice(0, 40)}": ${what}`] };
  }
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0 || list.length > MAX_CONTROLS)
    return { errors: [`${key} needs 1 to ${MAX_CONTROLS} controls`] };
  const controls = list.map((item, i) =>
    parseControl(item, list.length > 1 ? `${key}[${i}]` : key),
  );
  const bad = controls.filter((c): c is string => typeof c === "string");
  const ok = controls as Control[];
  if (bad.length === 0 && key === "reset" && !ok.every(isRequest))
    bad.push("reset is requests only: it runs before the app is open");
  if (bad.length === 0 && key === "ready" && ok.some(isRequest))
    bad.push("ready is what the page shows: a role, a label or a text, not a request");
  return bad.length > 0 ? { errors: bad } : { value: ok };
}

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
  const actions: Record<string, readonly Control[] | Declaration> = {};
  for (const [key, raw] of Object.entries(value)) {
    // Keys from "$" on are for people and editors, not the check: "$schema" (an editor's link
    // to the file's JSON Schema), "$comment", and the notes `init` leaves ("$todo.dial").
    if (key.startsWith("$")) continue;
    if (!(KEYS as readonly string[]).includes(key)) {
      errors.push(unknownKey(key, "step", KEYS));
      continue;
    }
    const entry = parseEntry(key, raw);
    if ("errors" in entry) errors.push(...entry.errors);
    else actions[key] = entry.value;
  }
  return errors.length > 0 ? { errors } : { actions: actions as Actions };
}

/**
 * The steps an actions file still has `init`'s notes for (`"$todo.dial"`) and does not map, in the
 * file's order: what the check will not take, said before it runs.
 */
export function todosLeft(value: unknown, actions: Actions): string[] {
  if (!isRecord(value)) return [];
  return Object.keys(value)
    .filter((key) => key.startsWith("$todo."))
    .map((key) => key.slice("$todo.".length))
    .filter((step) => (actions as Record<string, unknown>)[step] === undefined)
    .slice(0, 20);
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
