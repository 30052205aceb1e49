/**
 * Renders a `MessageLog` into its `role="log"` list. Work is batched into animation frames, so
 * a burst of thousands of host messages costs a bounded DOM update per frame, never one per
 * message, and the list never holds more entries than the log keeps.
 */
import type { LogEntry, MessageLog } from "./messageLog";

/**
 * How long one frame may spend building entries; the rest wait for the next frames. Measured on
 * the benchmark machine: building 200 entries in one frame took 45 ms, and with the layout it
 * causes, frames of 100 ms and more during a burst; without the log's rendering, none over 50 ms.
 */
const FRAME_BUDGET_MS = 6;

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
  // Whether the list follows new entries: until the user scrolls up, and again once they scroll
  // back to the bottom. Only scrolls the user asked for count, and of those only a move up
  // unsticks: the list's own scrolling to the bottom (during a burst, within a second of the
  // user's wheel) can land short of a bottom that content-visibility's estimated heights keep
  // moving, and counting that as "scrolled up" left the log behind on a busy machine.
  let stick = true;
  let userScrollUntil = 0;
  // Not read from the list: reading scrollTop lays out the whole page, 3 to 5 ms (measured) that
  // would hold back the handshake. A new list is at its top.
  let lastTop = 0;
  const intent = () => {
    userScrollUntil = performance.now() + 1_000;
  };
  for (const type of ["wheel", "touchstart", "pointerdown", "keydown"]) {
    list.addEventListener(type, intent, { passive: true });
  }
  list.addEventListener(
    "scroll",
    () => {
      const top = list.scrollTop;
      const movedUp = top < lastTop - 1;
      lastTop = top;
      if (performance.now() > userScrollUntil) return;
      if (movedUp) stick = false;
      else if (top + list.clientHeight >= list.scrollHeight - 8) stick = true;
    },
    { passive: true },
  );

  /** Once entries near the bottom have their real heights, the bottom may have moved. */
  function settle() {
    if (stick) list.scrollTop = list.scrollHeight;
  }

  function render() {
    scheduled = false;
    if (generation !== log.generation) {
      generation = log.generation;
      list.replaceChildren();
    }
    // Only entries the log still keeps: those a burst pushed out are never drawn.
    const pending = log.entries(lastSeq);
    if (pending.length === 0) return;
    const fragment = doc.createDocumentFragment();
    const start = performance.now();
    let drawn = 0;
    for (const entry of pending) {
      fragment.append(renderEntry(doc, entry));
      lastSeq = entry.seq;
      drawn++;
      if (performance.now() - start > FRAME_BUDGET_MS) break;
    }
    list.append(fragment);
    while (list.childElementCount > log.capacity) list.firstElementChild?.remove();
    if (stick) list.scrollTop = list.scrollHeight;
    if (drawn < pending.length) schedule();
    else requestAnimationFrame(settle);
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(render);
  }

  return { update: schedule };
}

/**
 * One element per entry (two with a note): the head line, styled by `::first-line`, and the
 * payload share one text node, because style and layout cost grows with elements and a burst
 * draws hundreds of entries.
 */
function renderEntry(doc: Document, entry: LogEntry): HTMLElement {
  const item = doc.createElement("li");
  item.className = `entry entry-${entry.direction}`;
  const time = new Date(entry.time).toISOString().slice(11, 23);
  const direction = entry.direction === "in" ? "HubSpot →" : "→ HubSpot";
  item.textContent = `${time} ${direction} ${entry.type} ${entry.name}`;
  if (entry.note) {
    const note = doc.createElement("p");
    note.className = "entry-note";
    note.textContent = entry.note;
    item.append(note);
  } else if (entry.payload) {
    item.append("\n");
  }
  if (entry.payload) item.append(entry.payload);
  return item;
}
