/**
 * Node's `parseArgs` errors, said plainly: which option or argument is wrong and, for a typo, the
 * option that was meant. (Node's own text suggests `-- "--redy"`, which reads as a broken quote.)
 */

/** How many single-character edits turn `a` into `b`. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(
        current + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** `error` from parseArgs, for a command whose options are `known` (without their dashes). */
export function argsError(error: unknown, known: readonly string[]): string {
  const message = error instanceof Error ? error.message : "the command line cannot be read";
  const code = (error as { code?: unknown }).code;
  const named = (/'([^']{1,80})'/.exec(message)?.[1] ?? "").split(" ")[0] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const bare = named.replace(/^-+/, "").split("=")[0] ?? "";
    const near = known
      .map((option) => ({ option, d: distance(bare, option) }))
      .filter(({ d }) => d <= 2)
      .sort((a, b) => a.d - b.d)[0];
    return `${named} is not an option${near ? ` (did you mean --${near.option}?)` : ""}.`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return /argument missing/.test(message)
      ? `${named} needs a value.`
      : `${named} takes no value.`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    return `${named} is not an option (options start with --).`;
  return `${message.split(". ")[0] ?? message}.`;
}
