/**
 * Renders a `MessageLog` into its `role="log"` list. Work is batched into one animation frame,
 * so a burst of thousands of host messages costs one DOM update per frame, never one per message,
 * and the list never holds more entries than the log keeps.
 */
import type { LogEntry, MessageLog } from "./messageLog";

export interface LogView {
  /** Schedules a render of whatever changed since the last one. */
  update(): void;
}

export function createLogView(
  list: HTMLElement,
  log: MessageLog,
  doc: Document = document,
): LogView {
  let lastSeq = 0;
  let generation = log.generation;
  let scheduled = false;

  function render() {
    scheduled = false;
    if (generation !== log.generation) {
      generation = log.generation;
      list.replaceChildren();
    }
    const fresh = log.entries(lastSeq);
    if (fresh.length === 0) return;
    const stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    const fragment = doc.createDocumentFragment();
    for (const entry of fresh.slice(-log.capacity)) fragment.append(renderEntry(doc, entry));
    list.append(fragment);
    while (list.childElementCount > log.capacity) list.firstElementChild?.remove();
    lastSeq = fresh[fresh.length - 1]?.seq ?? lastSeq;
    if (stick) list.scrollTop = list.scrollHeight;
  }

  return {
    update() {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(render);
    },
  };
}

function renderEntry(doc: Document, entry: LogEntry): HTMLElement {
  const item = doc.createElement("li");
  item.className = `entry entry-${entry.direction}`;
  const head = doc.createElement("div");
  head.className = "entry-head";
  const time = doc.createElement("time");
  time.dateTime = new Date(entry.time).toISOString();
  time.textContent = new Date(entry.time).toISOString().slice(11, 23);
  const direction = doc.createElement("span");
  direction.className = "entry-direction";
  direction.textContent = entry.direction === "in" ? "HubSpot →" : "→ HubSpot";
  const type = doc.createElement("strong");
  type.textContent = entry.type;
  const name = doc.createElement("code");
  name.textContent = entry.name;
  head.append(time, " ", direction, " ", type, " ", name);
  item.append(head);
  if (entry.note) {
    const note = doc.createElement("p");
    note.className = "entry-note";
    note.textContent = entry.note;
    item.append(note);
  }
  if (entry.payload) {
    const payload = doc.createElement("pre");
    payload.textContent = entry.payload;
    item.append(payload);
  }
  return item;
}
