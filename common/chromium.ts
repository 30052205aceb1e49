// Which Chromium the browser tests, the check and the benchmark run: Playwright's own where it is
// installed, otherwise a system one (CHROMIUM_PATH, else Debian's headless shell or its Chromium).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "@playwright/test";

/**
 * Debian's packages: `chromium-headless-shell` is what Playwright itself runs headless (a browser
 * without a window's UI: measured here, a test of the stand-in took 28 % less CPU in it than in the
 * full browser's headless mode); `chromium` is the whole browser, with a user's profile and its
 * cookie settings.
 */
const DEBIAN_SHELL = "/usr/lib/chromium/chromium-headless-shell";
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** The system browser: CHROMIUM_PATH, else Debian's headless shell, else its Chromium. */
export const SYSTEM_CHROMIUM =
  process.env.CHROMIUM_PATH ?? (existsSync(DEBIAN_SHELL) ? DEBIAN_SHELL : DEBIAN_CHROMIUM);

export interface ChromiumLaunch {
  readonly executablePath?: string;
  /** Playwright's own whole browser (`chromium`) rather than its headless shell. */
  readonly channel?: string;
  readonly args: string[];
}

export interface ChromiumChoice {
  /**
   * Third-party storage partitioned, as in the Chrome HubSpot's users run (Playwright turns
   * partitioning off, which leaves a cross-site frame with no storage at all); the check runs apps
   * that way.
   */
  readonly asUsersHaveIt?: boolean;
  /**
   * The whole browser, not a headless shell: its default profile blocks third-party storage, as
   * Chrome does in Incognito or with that setting (what the softphone's degraded mode is for).
   */
  readonly wholeBrowser?: boolean;
}

/** Launch options for Chromium, or null when there is none. */
export function chromiumLaunch(options: ChromiumChoice = {}): ChromiumLaunch | null {
  const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  const partitioned = options.asUsersHaveIt === true;
  if (existsSync(chromium.executablePath())) {
    const own = { args: partitioned ? [...args, ...disabledFeatures(true, false)] : args };
    // Playwright runs its headless shell unless asked for its whole browser.
    return options.wholeBrowser ? { ...own, channel: "chromium" } : own;
  }
  const executablePath = options.wholeBrowser ? wholeSystemBrowser() : SYSTEM_CHROMIUM;
  if (!existsSync(executablePath)) return null;
  // A system Chromium on a closed network: keep it from reaching out at start.
  return {
    executablePath,
    args: [
      ...args,
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      ...disabledFeatures(partitioned, true),
    ],
  };
}

function wholeSystemBrowser(): string {
  const chosen = process.env.CHROMIUM_PATH;
  return chosen && !chosen.includes("headless-shell") ? chosen : DEBIAN_CHROMIUM;
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

export const NO_CHROMIUM = `No Chromium for the browser tests. Run \`npx playwright install chromium\`, or install Chromium (Debian: apt-get install chromium chromium-headless-shell) and, if it is not at /usr/bin/chromium, set CHROMIUM_PATH to it.`;
