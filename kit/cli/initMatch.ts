/**
 * What `init` writes from what an app shows (pure): each of the user's steps matched to one of the
 * controls seen, by the words such controls are commonly labelled with, as an actions file the
 * check reads. Whole words, any case ("Log-in" is "log in"; "Unavailable" is not "available").
 * Why it decides as it does:
 * 1. A button is preferred over a link or a tab, a control that showed over one hidden when
 *    looked, a name that is the phrase itself ("Call") over one that holds it ("Call back").
 * 2. A name holding another step's longer phrase is that step's: "End call" and "Save call" hold
 *    "call" but are not Dial; some words rule a control out too ("Incoming call" is not Dial).
 * 3. One control makes one step at most: the best pairs are taken first.
 * 4. A step left unmatched is a `$todo.<step>` note (the check skips keys from `$` on) naming what
 *    was seen that might be it, and what to write.
 */
import { USER_STEPS, type UserStep } from "../../common/steps";
import type { PageControl, Role } from "../driver/actions";

/** A control the app showed (or held hidden): its role, its accessible name, where it is. */
export interface SeenControl {
  readonly role: Role;
  /** Its accessible name (a field's: its label), cleaned and at most 200 characters. */
  readonly name: string;
  /** The nested frames it is in, inside the app's frame: CSS selectors of the iframes. */
  readonly frame?: readonly string[];
  /** In the page but not shown when looked (an app may show it later, in a call). */
  readonly hidden?: boolean;
  /**
   * Its name is matched as a part, not whole (`exact: false`): cut at 200 characters, or read
   * otherwise by Playwright (an icon's text, a part hidden).
   */
  readonly cut?: boolean;
}

/** The words each step's control is commonly named with, and words that rule a control out. */
export const STEP_WORDS: Readonly<
  Record<UserStep, { readonly phrases: readonly string[]; readonly not: readonly string[] }>
> = {
  logIn: { phrases: ["log in", "login", "sign in", "signin", "log on", "connect"], not: [] },
  logOut: { phrases: ["log out", "logout", "sign out", "signout", "log off"], not: [] },
  available: {
    phrases: ["available", "go online", "go available"],
    not: ["not", "away", "offline", "busy"],
  },
  // Some apps name a control for what it reports ("outgoing call started", "call answered", as
  // HubSpot's minimal demo does): those are the steps that bring it.
  dial: {
    phrases: [
      ...["dial", "call", "place call", "start call", "make call", "place a call"],
      ...["outgoing call", "outgoing call started"],
    ],
    not: [
      ...["end", "ended", "hang", "incoming", "missed", "log", "save", "transfer", "hold", "mute"],
      ...["answer", "answered", "accept", "pick", "decline", "reject", "completed"],
    ],
  },
  incomingCall: { phrases: [], not: [] },
  answer: {
    phrases: ["answer", "accept", "pick up", "accept call", "call answered"],
    not: ["cookies", "terms"],
  },
  end: { phrases: ["end", "hang up", "end call", "disconnect", "hangup", "call ended"], not: [] },
  complete: {
    phrases: [
      ...["complete", "save", "save call", "wrap up", "log call", "done", "finish"],
      "call completed",
    ],
    not: [],
  },
};

/** Roles a step is taken on: a click, not a field to type in. */
const CLICKED: readonly Role[] = ["button", "link", "menuitem", "tab", "switch", "checkbox"];
const ROLE_SCORE: Partial<Record<Role, number>> = { button: 20, link: 5, menuitem: 5, tab: 5 };

export const SCHEMA = "./node_modules/hubspot-calling-stand-in/actions.schema.json";

/** A name's words, lower case: letters and digits, whatever separates them. */
export function words(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Where `phrase`'s words stand together in `name`'s, or -1. */
function at(name: readonly string[], phrase: readonly string[]): number {
  for (let i = 0; i + phrase.length <= name.length; i++)
    if (phrase.every((w, j) => name[i + j] === w)) return i;
  return -1;
}

/** The longest of `step`'s phrases `name` holds, as words, or null. */
function phraseIn(name: readonly string[], step: UserStep): readonly string[] | null {
  let best: string[] | null = null;
  for (const phrase of STEP_WORDS[step].phrases) {
    const w = words(phrase);
    if (at(name, w) >= 0 && (best === null || w.length > best.length)) best = w;
  }
  return best;
}

/** How well `control` suits `step`: null when it does not; higher is better. */
export function score(step: UserStep, control: SeenControl): number | null {
  if (!CLICKED.includes(control.role)) return null;
  const name = words(control.name);
  const phrase = phraseIn(name, step);
  if (phrase === null) return null;
  if (STEP_WORDS[step].not.some((n) => at(name, words(n)) >= 0)) return null;
  // A name holding a longer phrase of another step, which holds this one's, is that step's.
  const claimed = USER_STEPS.some((other) => {
    const theirs = other === step ? null : phraseIn(name, other);
    return theirs !== null && theirs.length > phrase.length && at(theirs, phrase) >= 0;
  });
  if (claimed) return null;
  const whole = name.length === phrase.length && !control.cut;
  const first = at(name, phrase) === 0;
  return (
    (whole ? 100 : first ? 60 : 40) + (ROLE_SCORE[control.role] ?? 0) + (control.hidden ? 0 : 30)
  );
}

export interface Match {
  readonly step: UserStep;
  readonly control: SeenControl;
}

/** Each step's control, best pairs first, one control per step and one step per control. */
export function matchSteps(seen: readonly SeenControl[]): Match[] {
  const pairs: { step: UserStep; index: number; score: number }[] = [];
  for (const step of USER_STEPS)
    for (const [index, control] of seen.entries()) {
      const s = score(step, control);
      if (s !== null) pairs.push({ step, index, score: s });
    }
  // Stable: ties keep the steps' order, then the page's.
  pairs.sort((a, b) => b.score - a.score);
  const steps = new Set<UserStep>();
  const used = new Set<number>();
  const matches: Match[] = [];
  for (const { step, index } of pairs) {
    const control = seen[index];
    if (steps.has(step) || used.has(index) || control === undefined) continue;
    steps.add(step);
    used.add(index);
    matches.push({ step, control });
  }
  return USER_STEPS.flatMap((step) => matches.filter((m) => m.step === step));
}

/** A control as the actions file has it. */
export function asControl(control: SeenControl): PageControl {
  return {
    role: control.role,
    name: control.name,
    exact: !control.cut,
    ...(control.frame && control.frame.length > 0 ? { frame: [...control.frame] } : {}),
  };
}

/**
 * Whether a matched control is written `ifPresent`: an Answer control hidden in every look (at the
 * start, signed in, and after HubSpot's Call, an outbound call's start) is one for inbound calls
 * only. Without it, each outbound scenario would wait the step's whole timeout for a control that
 * never comes; with it, the step is taken where the control shows within a second. Other steps'
 * controls may show only in a call (Hang up) and must be waited for.
 */
export function onlyIfPresent(match: Match): boolean {
  return match.step === "answer" && match.control.hidden === true;
}

function controlFor(match: Match): PageControl {
  return { ...asControl(match.control), ...(onlyIfPresent(match) ? { ifPresent: true } : {}) };
}

/** A seen control, as a person reads it: `button "Sign in"`, and where. */
export function seenName(control: SeenControl): string {
  const where = control.frame?.length ? ` in ${control.frame.join(" › ")}` : "";
  return `${control.role} "${control.name}"${where}${control.hidden ? " (hidden when looked)" : ""}`;
}

/** At most this many of the other controls seen are listed (an app may show hundreds). */
export const LISTED_MAX = 40;

/**
 * The controls seen that no step was matched to, named as `seenName` does, at most `LISTED_MAX`
 * (and how many more): what a team maps its `$todo` steps and `ready` to, without looking again.
 */
export function unmatched(
  seen: readonly SeenControl[],
  matches: readonly Match[],
): { names: string[]; more: number } {
  const key = (c: SeenControl) => `${c.role}\u0000${c.name}\u0000${(c.frame ?? []).join(" ")}`;
  const taken = new Set(matches.map((m) => key(m.control)));
  const names = [...new Set(seen.filter((c) => !taken.has(key(c))).map(seenName))];
  return { names: names.slice(0, LISTED_MAX), more: Math.max(0, names.length - LISTED_MAX) };
}

const WHAT_TO_DO = 'map it, or declare "app" (the app does it by itself) or "none"';

/** The note for a step no control was matched to: what might be it, and what to write. */
export function todoNote(step: UserStep, seen: readonly SeenControl[]): string {
  if (step === "incomingCall")
    return `an inbound call comes from the network: map it to a request to your backend that rings the app ({ "request": "https://…", "method": "POST" }), or to a control that simulates one; or declare "app" or "none"`;
  // Controls holding one of the step's phrases, though ruled out or taken by another step.
  const maybe = seen
    .filter((c) => STEP_WORDS[step].phrases.some((p) => at(words(c.name), words(p)) >= 0))
    .slice(0, 3)
    .map(seenName);
  return maybe.length > 0
    ? `no control matched for sure (seen: ${maybe.join(", ")}); ${WHAT_TO_DO}`
    : `no control matched; ${WHAT_TO_DO}`;
}

/**
 * Whether the app's backend remembers its user (a login, a call) is not seen by looking: said to
 * the team, since scenarios side by side on one such backend step on each other.
 */
export const RESET_NOTE =
  'if your backend remembers its user or its call across a reload, add "reset": { "request": "https://…" } that makes it forget: each scenario then starts afresh (and they run one at a time)';

export interface Written {
  /** The actions file's object: `$schema` first, then each step in order, or its `$todo`. */
  readonly file: Record<string, unknown>;
  readonly matches: readonly Match[];
  /** The steps left for the team. */
  readonly left: readonly UserStep[];
}

/** The actions file for what was seen. */
export function actionsFor(seen: readonly SeenControl[]): Written {
  const matches = matchSteps(seen);
  const file: Record<string, unknown> = { $schema: SCHEMA };
  const left: UserStep[] = [];
  for (const step of USER_STEPS) {
    const match = matches.find((m) => m.step === step);
    if (match) file[step] = controlFor(match);
    else {
      left.push(step);
      file[`$todo.${step}`] = todoNote(step, seen);
    }
  }
  file["$todo.reset"] = RESET_NOTE;
  return { file, matches, left };
}
