/** `value` at most `max` characters long, saying how much was cut: what a page shows stays small. */
export function cut(value: string, max: number): string {
  return value.length > max
    ? `${value.slice(0, max)}… (${value.length - max} more characters)`
    : value;
}
