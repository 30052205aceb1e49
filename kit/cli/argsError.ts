/**
 * Node's `parseArgs` errors, said plainly: which option or argument is wrong, what the option
 * takes and, for a typo, the option that was meant. (Node's own text suggests `-- "--redy"`, which
 * reads as a broken quote, and calls a value starting with a dash "ambiguous".)
 */
import { parseArgs } from "node:util";

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

/** What a command can say beyond its options' names: the line read, and what each option takes. */
export interface ArgsContext {
  /** The arguments parseArgs was given: the value after an option is read from them. */
  readonly argv?: readonly string[];
  /** Per option (without its dashes), what its value is, e.g. "a whole number of pixels". */
  readonly takes?: Readonly<Record<string, string>>;
}

/** The argument after the first `--option` (not `--option=…`) in `argv`, if any. */
function valueAfter(option: string, argv: readonly string[]): string | undefined {
  const at = argv.indexOf(option);
  return at === -1 ? undefined : argv[at + 1];
}

/** `error` from parseArgs, for a command whose options are `known` (without their dashes). */
export function argsError(
  error: unknown,
  known: readonly string[],
  { argv = [], takes = {} }: ArgsContext = {},
): string {
  const message = error instanceof Error ? error.message : "the command line cannot be read";
  const code = (error as { code?: unknown }).code;
  const named = (/'([^']{1,80})'/.exec(message)?.[1] ?? "").split(" ")[0] ?? "";
  const what = takes[named.replace(/^-+/, "")];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const bare = named.replace(/^-+/, "").split("=")[0] ?? "";
    const near = known
      .map((option) => ({ option, d: distance(bare, option) }))
      .filter(({ d }) => d <= 2)
      .sort((a, b) => a.d - b.d)[0];
    return `${named} is not an option${near ? ` (did you mean --${near.option}?)` : ""}.`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/does not take an argument/.test(message)) return `${named} takes no value.`;
    const needs = `${named} needs a value${what ? `: ${what}` : ""}.`;
    if (/argument missing/.test(message)) return needs;
    // "Ambiguous": what follows starts with a dash. Another option means the value was left out;
    // anything else (-5, -x) is a value parseArgs will not take unless written --option=-5.
    const next = valueAfter(named, argv);
    if (next === undefined || /^--?[a-z]/i.test(next)) return needs;
    const shown = `"${next.slice(0, 20)}"`;
    return what
      ? `${named} takes ${what}, not ${shown}.`
      : `${named} needs a value: to give ${shown}, write ${named}=${next.slice(0, 20)}.`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    return `${named} is not an option (options start with --).`;
  return `${message.split(". ")[0] ?? message}.`;
}

/** The options a command takes, as `parseArgs` reads them: each a string or a flag. */
export type OptionsSpec = Readonly<Record<string, { readonly type: "string" | "boolean" }>>;

/**
 * `argv` read by `parseArgs` (strict, no positionals) against `options`: the values by name, or
 * the mistake said as `argsError` says it.
 */
export function readOptions(
  argv: readonly string[],
  options: OptionsSpec,
  takes: Readonly<Record<string, string>> = {},
): { values: Record<string, string | boolean | undefined> } | { error: string } {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...options },
      strict: true,
      allowPositionals: false,
    });
    return { values };
  } catch (error) {
    return { error: argsError(error, Object.keys(options), { argv, takes }) };
  }
}
