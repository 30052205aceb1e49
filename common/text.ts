/** `value` at most `max` characters long, saying how much was cut: what a page shows stays small. */
export function cut(value: string, max: number): string {
  return value.length > max
    ? `${value.slice(0, max)}… (${value.length - max} more characters)`
    : value;
}

/** An error's first line, at most 300 characters: Playwright's and Node's run to many lines. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]?.slice(0, 300) ?? "";
}
