/**
 * Every message between HubSpot and the softphone, newest last, in a bounded buffer: a long
 * session or a flood from the host keeps only the most recent `capacity` entries. Payloads are
 * kept as bounded JSON text, never as the host's objects, so memory stays bounded too.
 */
import { cut } from "./text";

/** `in`: HubSpot → softphone; `out`: softphone → HubSpot. */
export type Direction = "in" | "out";

export interface LogEntry {
  readonly seq: number;
  readonly time: number;
  readonly direction: Direction;
  /** The message type, e.g. `DIAL_NUMBER`. */
  readonly type: string;
  /** The SDK handler that received it, or the SDK method that sent it. */
  readonly name: string;
  /** The payload as indented JSON, with long strings, arrays and objects cut short. */
  readonly payload: string;
  /** What the softphone made of it, when that is worth saying (ignored, invalid, ...). */
  readonly note?: string;
}

export const LOG_CAPACITY = 200;
const MAX_STRING = 1_000;
const MAX_ITEMS = 50;

/** JSON that stays small whatever it is given: cycles, BigInts and deep nesting included. */
export function boundedJson(value: unknown): string {
  if (value === undefined) return "";
  try {
    return JSON.stringify(value, shorten, 2) ?? String(value);
  } catch {
    return '"[a payload that cannot be shown as JSON]"';
  }
}

function shorten(_key: string, value: unknown): unknown {
  if (typeof value === "string") return cut(value, MAX_STRING);
  if (typeof value === "bigint") return `${value}n`;
  if (Array.isArray(value) && value.length > MAX_ITEMS) {
    return [...value.slice(0, MAX_ITEMS), `… (${value.length - MAX_ITEMS} more items)`];
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length > MAX_ITEMS) {
      const kept = Object.fromEntries(
        keys.slice(0, MAX_ITEMS).map((k) => [k, (value as Record<string, unknown>)[k]]),
      );
      return { ...kept, "…": `${keys.length - MAX_ITEMS} more keys` };
    }
  }
  return value;
}

export class MessageLog {
  private readonly ring: LogEntry[] = [];
  private start = 0;
  private nextSeq = 1;
  /** Counts `clear()` calls, so a view can tell its rows are stale. */
  generation = 0;

  constructor(
    readonly capacity = LOG_CAPACITY,
    private readonly onChange: () => void = () => {},
  ) {}

  add(direction: Direction, type: string, name: string, payload: unknown, note?: string): LogEntry {
    const entry: LogEntry = {
      seq: this.nextSeq++,
      time: Date.now(),
      direction,
      type: type.slice(0, 100),
      name,
      payload: boundedJson(payload),
      ...(note ? { note } : {}),
    };
    if (this.ring.length < this.capacity) {
      this.ring.push(entry);
    } else {
      this.ring[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
    }
    this.onChange();
    return entry;
  }

  /** The kept entries, oldest first; only those after `afterSeq` when given. */
  entries(afterSeq = 0): LogEntry[] {
    const ordered = [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)];
    return afterSeq > 0 ? ordered.filter((entry) => entry.seq > afterSeq) : ordered;
  }

  get size(): number {
    return this.ring.length;
  }

  clear(): void {
    this.ring.length = 0;
    this.start = 0;
    this.generation++;
    this.onChange();
  }

  /** The entries as a JSON array, payloads as objects again, for the Copy button. */
  toJSON(): string {
    const entries = this.entries().map((entry) => ({
      time: new Date(entry.time).toISOString(),
      direction: entry.direction === "in" ? "HubSpot → softphone" : "softphone → HubSpot",
      type: entry.type,
      name: entry.name,
      payload: entry.payload === "" ? undefined : JSON.parse(entry.payload),
      note: entry.note,
    }));
    return JSON.stringify(entries, null, 2);
  }
}
