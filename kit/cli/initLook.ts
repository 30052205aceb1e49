/**
 * What `init` sees of an app framed in the stand-in: the controls of its frame and of the frames
 * nested in it, by role and accessible name (a field's: its label), those shown and those the
 * page holds hidden (an app that shows Hang up only in a call has it in the page already). Read by
 * a script of the kit's own in each frame; what the app shows is only ever read as text, cleaned
 * (driver/shownControls.ts's cleanName) and bounded.
 */
import type { Frame } from "@playwright/test";
import { ROLES } from "../driver/actions";
import { cleanName } from "../driver/shownControls";
import type { SeenControl } from "./initMatch";

/** The most controls kept, and how deep nested frames are looked into. */
export const MAX_CONTROLS = 200;
const MAX_DEPTH = 3;

interface Found {
  readonly controls: { role: string; name: string; hidden: boolean }[];
  /** A CSS selector for each iframe of the document, in order. */
  readonly frames: string[];
}

/**
 * Runs in the app's frame (serialised by Playwright: it uses nothing from outside). Roles as
 * ARIA gives them (an explicit `role`, else the element's own), names as people read them.
 */
function collect(roles: readonly string[]): Found {
  // As an accessible name reads text: a child laid out as a block or inline-block is a word of
  // its own ("available" and a "BETA" badge are "available BETA"), a child hidden is not read. The
  // control itself may be hidden when looked (shown later, in a call): its name is still read.
  const read = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
    if (!(node instanceof Element)) return "";
    if (node.getAttribute("aria-hidden") === "true") return "";
    const display = getComputedStyle(node).display;
    if (display === "none") return "";
    const inner = [...node.childNodes].map(read).join("");
    return display === "inline" || display === "contents" ? inner : ` ${inner} `;
  };
  const text = (el: Element | null) =>
    (el ? [...el.childNodes].map(read).join("") : "").replace(/\s+/g, " ").trim();
  const roleOf = (el: Element): string | null => {
    const explicit = el.getAttribute("role")?.trim().split(/\s+/)[0];
    if (explicit) return roles.includes(explicit) ? explicit : null;
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute("type") ?? "text").toLowerCase();
    if (tag === "button") return "button";
    if (tag === "a") return el.hasAttribute("href") ? "link" : null;
    if (tag === "textarea") return "textbox";
    if (tag === "select") return el.hasAttribute("multiple") ? null : "combobox";
    if (tag !== "input") return null;
    const byType: Record<string, string> = {
      button: "button",
      submit: "button",
      reset: "button",
      image: "button",
      checkbox: "checkbox",
      radio: "radio",
      search: "searchbox",
      number: "spinbutton",
      text: "textbox",
      email: "textbox",
      tel: "textbox",
      url: "textbox",
    };
    return byType[type] ?? null;
  };
  const nameOf = (el: Element): string => {
    const by = el.getAttribute("aria-labelledby");
    if (by)
      return by
        .split(/\s+/)
        .map((id) => text(document.getElementById(id)))
        .join(" ");
    const label = el.getAttribute("aria-label");
    if (label?.trim()) return label;
    const field = el as HTMLInputElement;
    if (field.labels && field.labels.length > 0) return [...field.labels].map(text).join(" ");
    if (el.tagName === "INPUT" && ["button", "submit", "reset"].includes(field.type))
      return field.value;
    const own = text(el) || (el.querySelector("img[alt]")?.getAttribute("alt") ?? "");
    return own || (el.getAttribute("title") ?? el.getAttribute("placeholder") ?? "");
  };
  const selector = "button, a, input, select, textarea, [role]";
  const controls: Found["controls"] = [];
  for (const el of [...document.querySelectorAll(selector)].slice(0, 1_000)) {
    const role = roleOf(el);
    if (role === null) continue;
    const hidden = !(el as HTMLElement).checkVisibility?.({ visibilityProperty: true });
    controls.push({ role, name: nameOf(el).slice(0, 2_000), hidden });
    if (controls.length >= 300) break;
  }
  const frames = [...document.querySelectorAll("iframe")].slice(0, 10).map((f, i) => {
    if (f.id && /^[A-Za-z][\w-]*$/.test(f.id)) return `#${f.id}`;
    const title = f.getAttribute("title");
    // A title only where it is plain text: no quote or backslash to escape, no control character.
    const plain = title && title.length < 100 && [...title].every((c) => c >= " " && c !== "\x7f");
    if (title && plain && !/["\\]/.test(title)) return `iframe[title="${title}"]`;
    return `iframe >> nth=${i}`;
  });
  return { controls, frames };
}

const isRole = (role: string): role is SeenControl["role"] =>
  (ROLES as readonly string[]).includes(role);

/** The controls of `frame` and of the frames nested in it, at most `budget` of them. */
export async function controlsIn(
  frame: Frame,
  path: readonly string[] = [],
  budget = MAX_CONTROLS,
): Promise<SeenControl[]> {
  const found = await frame.evaluate(collect, [...ROLES]).catch(() => null);
  if (!found) return [];
  const seen: SeenControl[] = [];
  for (const control of found.controls) {
    if (seen.length >= budget) return seen;
    const { name, cut } = cleanName(String(control.name));
    if (!isRole(control.role) || name === "") continue;
    seen.push({
      role: control.role,
      name,
      ...(path.length > 0 ? { frame: path } : {}),
      ...(control.hidden ? { hidden: true } : {}),
      ...(cut ? { cut: true } : {}),
    });
  }
  if (path.length >= MAX_DEPTH) return seen;
  for (const selector of found.frames) {
    const inner = await frame
      .locator(selector)
      .first()
      .elementHandle({ timeout: 1_000 })
      .then((handle) => handle?.contentFrame())
      .catch(() => null);
    if (!inner || seen.length >= budget) continue;
    seen.push(...(await controlsIn(inner, [...path, selector], budget - seen.length)));
  }
  return seen;
}

/** The controls seen over several looks, each once: shown if it showed in any. */
export function merged(looks: readonly (readonly SeenControl[])[]): SeenControl[] {
  const byKey = new Map<string, SeenControl>();
  for (const control of looks.flat()) {
    const key = JSON.stringify([control.role, control.name, control.frame ?? []]);
    const before = byKey.get(key);
    if (!before) byKey.set(key, control);
    else if (before.hidden && !control.hidden) byKey.set(key, control);
  }
  return [...byKey.values()].slice(0, MAX_CONTROLS);
}
