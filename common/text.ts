/** `value` at most `max` characters long, saying how much was cut: what a page shows stays small. */
export function cut(value: string, max: number): string {
  return value.length > max
    ? `${value.slice(0, max)}… (${value.length - max} more characters)`
    : value;
}

/**
 * A short description of any value, never throwing: what an app or a host posts may be any value
 * `postMessage` carries (an object whose `toString` is `null`, a Map, a BigInt, a cycle), and
 * `String()` or a template throws on some of them. Strings are quoted and cut at `max`.
 */
export function brief(value: unknown, max = 40): string {
  try {
    switch (typeof value) {
      case "string":
        return `"${value.slice(0, max)}"`;
      case "number":
      case "boolean":
      case "bigint":
        // Primitives: a template cannot throw on these (no user-defined toString).
        return `${typeof value} ${value}${typeof value === "bigint" ? "n" : ""}`;
      case "undefined":
        return "undefined";
      case "symbol":
        return "a symbol";
      case "function":
        return "a function";
    }
    if (value === null) return "null";
    if (Array.isArray(value)) return `an array of ${value.length}`;
    // The built-in tag (Map, Set, Date, Uint8Array, ...), read without the value's own methods.
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    return tag === "Object" ? "an object" : `${/^[AEIOU]/.test(tag) ? "an" : "a"} ${tag}`;
  } catch {
    return "a value that cannot be described";
  }
}

/** An error's first line, at most 300 characters: Playwright's and Node's run to many lines. */
export function errorText(error: unknown): string {
  let message: string;
  try {
    message = error instanceof Error ? String(error.message) : brief(error, 300);
  } catch {
    message = brief(error, 300);
  }
  return message.split("\n")[0]?.slice(0, 300) ?? "";
}

/** A payload as a report quotes it: JSON on one line, cut short; never throws (cycles, BigInts). */
export function excerpt(data: unknown, max = 300): string {
  if (data === undefined) return "(no data)";
  try {
    return cut(JSON.stringify(data) ?? "(not JSON)", max);
  } catch {
    return "(not JSON)";
  }
}
