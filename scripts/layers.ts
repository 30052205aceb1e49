/**
 * The project's layers, as rules over its imports, read with TypeScript's own parser (so a type-only
 * import is told from one that loads code at run time). test/layers.test.ts runs them over the whole
 * tree in `npm test`; the DOM is kept out of the softphone's core by tsconfig.core.json.
 */
import { dirname, join, normalize } from "node:path";
import ts from "typescript";

export interface Import {
  readonly from: string;
  /** The file it resolves to (repository-relative), or the package it names. */
  readonly to: string;
  /** `import type`, or only types named: nothing loads at run time. */
  readonly typeOnly: boolean;
}

export interface Breach {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

const SDK = "@hubspot/calling-extensions-sdk";

/** The imports of one file, relative ones resolved against `exists`. */
export function importsOf(file: string, text: string, exists: (path: string) => boolean): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    found.push({ from: file, to: resolve(file, specifier, exists), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, onlyTypes);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const named = node.exportClause;
      const onlyTypes =
        node.isTypeOnly ||
        (named !== undefined &&
          ts.isNamedExports(named) &&
          named.elements.length > 0 &&
          named.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier.text, onlyTypes);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolve(file: string, specifier: string, exists: (path: string) => boolean): string {
  if (!specifier.startsWith(".")) return specifier;
  const base = normalize(join(dirname(file), specifier));
  for (const candidate of [base, `${base}.ts`, join(base, "index.ts")])
    if (exists(candidate)) return candidate;
  return base;
}

const under = (path: string, ...folders: string[]) =>
  folders.some((folder) => path === folder || path.startsWith(`${folder}/`));

/** The kit's public door and its fixture: on top of the rooms, beside the commands. */
const isDoor = (path: string) => path === "kit/test.ts" || path === "kit/fixture.ts";

/** What pure code may import: common/, and the SDK's types (its data is written out in common/). */
const isCommonOrTypes = (i: Import) => under(i.to, "common") || (i.typeOnly && i.to === SDK);

/** The softphone's shell and wiring: `src/*.ts`, above its layers. */
const isShell = (path: string) => /^src\/[^/]+\.ts$/.test(path);

/** Each rule: what it says, and whether an import breaks it. */
export const RULES: readonly {
  readonly id: string;
  readonly breaks: (i: Import) => boolean;
}[] = [
  {
    id: "src/core is pure: it imports no DOM layer (src/ui), no shell, and nothing of the kit",
    breaks: (i) => under(i.from, "src/core") && (under(i.to, "src/ui", "kit") || isShell(i.to)),
  },
  {
    id: "src/protocol is the SDK boundary: it imports no DOM layer (src/ui) and no shell",
    breaks: (i) => under(i.from, "src/protocol") && (under(i.to, "src/ui") || isShell(i.to)),
  },
  {
    id: "common/ is shared: it imports neither page (src/, kit/)",
    breaks: (i) => under(i.from, "common") && under(i.to, "src", "kit"),
  },
  {
    id: "the kit imports nothing from the softphone (src/)",
    breaks: (i) => under(i.from, "kit") && under(i.to, "src"),
  },
  {
    id: "outside the kit, the kit is reached by its package's name only (hubspot-calling-stand-in/test, its command)",
    breaks: (i) => !under(i.from, "kit", "test") && under(i.to, "kit"),
  },
  {
    id: "kit/contract is pure: it imports only common/ and itself (no page, server, driver, check or command)",
    breaks: (i) =>
      under(i.from, "kit/contract") &&
      (under(i.to, "kit", "src") ? !under(i.to, "kit/contract") : !isCommonOrTypes(i)),
  },
  {
    id: "the stand-in's page imports no server, driver, check or command",
    breaks: (i) =>
      under(i.from, "kit/stand-in/page") &&
      (under(i.to, "kit/stand-in/server", "kit/driver", "kit/check", "kit/cli") || isDoor(i.to)),
  },
  {
    id: "the stand-in's server imports no page, driver, check or command",
    breaks: (i) =>
      under(i.from, "kit/stand-in/server") &&
      (under(i.to, "kit/stand-in/page", "kit/driver", "kit/check", "kit/cli") || isDoor(i.to)),
  },
  {
    id: "the driver imports no check, command or server, and of the page only its types",
    breaks: (i) =>
      under(i.from, "kit/driver") &&
      (under(i.to, "kit/check", "kit/cli", "kit/stand-in/server") ||
        isDoor(i.to) ||
        (under(i.to, "kit/stand-in/page") && !i.typeOnly)),
  },
  {
    id: "the check imports no command and no server, and of the page only its types (it drives them)",
    breaks: (i) =>
      under(i.from, "kit/check") &&
      (under(i.to, "kit/cli", "kit/stand-in/server") ||
        isDoor(i.to) ||
        (under(i.to, "kit/stand-in/page") && !i.typeOnly)),
  },
  {
    id: "the commands (kit/cli) are on top: nothing in the kit imports them",
    breaks: (i) => under(i.from, "kit") && !under(i.from, "kit/cli") && under(i.to, "kit/cli"),
  },
];

/**
 * What breaks the rules in `files` (repository-relative path → text): each import against each
 * rule, and the softphone's core against the SDK's run-time code, through every file it loads.
 */
export function breaches(files: ReadonlyMap<string, string>): Breach[] {
  const exists = (path: string) => files.has(path);
  const imports = [...files].flatMap(([file, text]) => importsOf(file, text, exists));
  const found: Breach[] = [];
  for (const i of imports)
    for (const rule of RULES)
      if (rule.breaks(i)) found.push({ rule: rule.id, from: i.from, to: i.to });
  // The core loads no SDK code, even through a file it imports.
  const runtime = new Map<string, string[]>();
  for (const i of imports)
    if (!i.typeOnly) runtime.set(i.from, [...(runtime.get(i.from) ?? []), i.to]);
  for (const start of [...files.keys()].filter((f) => under(f, "src/core"))) {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const file = stack.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const to of runtime.get(file) ?? []) {
        if (to === SDK)
          found.push({
            rule: "src/core loads no SDK code at run time (types only), even through what it imports",
            from: start,
            to: file === start ? SDK : `${SDK} (through ${file})`,
          });
        else if (files.has(to)) stack.push(to);
      }
    }
  }
  return found;
}

/** The import cycles in `files`: each a list of the files that import each other round. */
export function cycles(files: ReadonlyMap<string, string>): string[][] {
  const exists = (path: string) => files.has(path);
  const graph = new Map<string, string[]>();
  for (const [file, text] of files)
    graph.set(
      file,
      importsOf(file, text, exists)
        .map((i) => i.to)
        .filter(exists),
    );
  // Tarjan's strongly connected components: each with more than one file is a cycle.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    for (const to of graph.get(file) ?? []) {
      if (!index.has(to)) visit(to);
      if (stack.includes(to))
        low.set(file, Math.min(low.get(file) ?? 0, low.get(to) ?? 0, index.get(to) ?? 0));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      component.push(top);
      if (top === file) break;
    }
    if (component.length > 1) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** The longest a function may be, outside tests: longer ones do more than one thing. */
export const MAX_FUNCTION_LINES = 80;

/** The functions in `files` longer than `MAX_FUNCTION_LINES`: file, line and lines. */
export function longFunctions(
  files: ReadonlyMap<string, string>,
): { file: string; line: number; lines: number }[] {
  const found: { file: string; line: number; lines: number }[] = [];
  for (const [file, text] of files) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && "body" in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > MAX_FUNCTION_LINES)
          found.push({ file, line: start + 1, lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
