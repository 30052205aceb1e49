// Which Chromium the browser tests and the benchmark run: Playwright's own where it is installed,
// otherwise a system one (CHROMIUM_PATH, or Debian's /usr/bin/chromium).
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface ChromiumLaunch {
  readonly executablePath?: string;
  readonly args: string[];
}

/** Launch options for Chromium, or null when there is none. */
export function chromiumLaunch(): ChromiumLaunch | null {
  const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  if (existsSync(chromium.executablePath())) return { args };
  if (!existsSync(SYSTEM_CHROMIUM)) return null;
  // A system Chromium on a closed network: keep it from reaching out at start.
  return {
    executablePath: SYSTEM_CHROMIUM,
    args: [
      ...args,
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  };
}

export const NO_CHROMIUM = `No Chromium for the browser tests. Run \`npx playwright install chromium\`, or install Chromium (Debian: apt-get install chromium) and, if it is not at /usr/bin/chromium, set CHROMIUM_PATH to it.`;
