// Which Chromium the browser tests and the benchmark run: Playwright's own where it is installed,
// otherwise a system one (CHROMIUM_PATH, or Debian's /usr/bin/chromium).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "@playwright/test";

export const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface ChromiumLaunch {
  readonly executablePath?: string;
  readonly args: string[];
}

/**
 * Launch options for Chromium, or null when there is none. `asUsersHaveIt`: third-party storage
 * partitioned, as in the Chrome HubSpot's users run (Playwright turns partitioning off, which
 * leaves a cross-site frame with no storage at all); `npm run check` runs apps that way.
 */
export function chromiumLaunch(options: { asUsersHaveIt?: boolean } = {}): ChromiumLaunch | null {
  const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  const partitioned = options.asUsersHaveIt === true;
  if (existsSync(chromium.executablePath()))
    return { args: partitioned ? [...args, ...disabledFeatures(true, false)] : args };
  if (!existsSync(SYSTEM_CHROMIUM)) return null;
  // A system Chromium on a closed network: keep it from reaching out at start.
  return {
    executablePath: SYSTEM_CHROMIUM,
    args: [
      ...args,
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      ...disabledFeatures(partitioned, true),
    ],
  };
}

/**
 * A full Chromium in headless mode still builds its omnibox popups: two WebUI renderers for every
 * new context, that is for every test. Measured, 15 contexts took 4.5 s with them and 2.9 s
 * without. Chromium keeps only the last `--disable-features`, so this one must repeat the list
 * Playwright passes (it disables third-party storage partitioning, paint holding, ...), read from
 * Playwright's own code; when that list cannot be found, the popups stay.
 */
function disabledFeatures(partitioned: boolean, omniboxOff: boolean): string[] {
  const playwrightFeatures = playwrightDisabledFeatures();
  if (!playwrightFeatures) return [];
  const features = [
    ...playwrightFeatures.filter((f) => !(partitioned && f === "ThirdPartyStoragePartitioning")),
    ...(omniboxOff ? ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"] : []),
  ];
  return [`--disable-features=${features.join(",")}`];
}

function playwrightDisabledFeatures(): string[] | null {
  try {
    const bundle = readFileSync(
      createRequire(import.meta.url).resolve("playwright-core/lib/coreBundle"),
      "utf8",
    );
    const list = /\bdisabledFeatures = \[([^\]]*)\]/.exec(bundle)?.[1];
    const names = list ? [...list.matchAll(/^\s*"(\w+)",?\s*$/gm)].map((m) => m[1] ?? "") : [];
    return names.includes("ThirdPartyStoragePartitioning") ? names : null;
  } catch {
    return null;
  }
}

export const NO_CHROMIUM = `No Chromium for the browser tests. Run \`npx playwright install chromium\`, or install Chromium (Debian: apt-get install chromium) and, if it is not at /usr/bin/chromium, set CHROMIUM_PATH to it.`;
