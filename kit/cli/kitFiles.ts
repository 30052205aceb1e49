/**
 * Where the package's own files are, whether it runs from its build (`dist/`, as installed) or
 * from its sources (in this repository): the check's Playwright config, spec and reporter are
 * files Playwright loads by path.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** `name` (e.g. `check/playwright.config`) as a `.js` file of the build, or a `.ts` source. */
export function kitFile(name: string): string {
  // The build bundles this module into `dist/` (or a chunk beside it); its sources are in `cli/`.
  for (const candidate of [`./${name}.js`, `../${name}.js`, `../${name}.ts`]) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error(`the package has no ${name}: build it (npm run build in its folder)`);
}
