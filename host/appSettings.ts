/**
 * Which calling app the stand-in frames, read the way HubSpot reads it: `?app=URL` first, then
 * the `LocalSettings:Calling:CallingExtensions` override, then `installDemoWidget`, then the
 * softphone on https://localhost:9025/.
 */
import { isRecord } from "../src/hostMessages";
import { CALLING_EXTENSIONS_KEY, INSTALL_DEMO_WIDGET_KEY } from "../src/registration";

export interface AppSettings {
  readonly name: string;
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly usesCallingWindow?: boolean;
  /** Where the settings came from, shown on the page. */
  readonly source: string;
}

export const SOFTPHONE_URL = "https://localhost:9025/";

/** HubSpot's shortcuts for its own demos (see protocol.md). */
export const DEMO_WIDGETS: Readonly<Record<string, { name: string; url: string }>> = {
  local: { name: "Demo App Local", url: SOFTPHONE_URL },
  "app:js": {
    name: "Demo App JS",
    url: "https://github.hubspot.com/calling-extensions-sdk/demo-minimal-js.html",
  },
  app: {
    name: "Demo App React",
    url: "https://github.hubspot.com/calling-extensions-sdk/demo-react-ts.html",
  },
};

const DEFAULTS = { name: "Demo App Local", url: SOFTPHONE_URL, width: 400, height: 650 };

function size(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 100 && value <= 4000
    ? value
    : fallback;
}

function httpsUrl(value: unknown): string | undefined {
  return typeof value === "string" && URL.canParse(value) && new URL(value).protocol === "https:"
    ? value
    : undefined;
}

/**
 * `read` gets a localStorage value (or null); problems found on the way come back in `warnings`,
 * because a developer who mistyped the JSON should be told why their app did not load.
 */
export function resolveAppSettings(
  search: string,
  read: (key: string) => string | null,
): { settings: AppSettings; warnings: string[] } {
  const warnings: string[] = [];
  const override = new URLSearchParams(search).get("app");
  if (override !== null) {
    const url = httpsUrl(override);
    if (url)
      return { settings: { ...DEFAULTS, name: "App from ?app=", url, source: "?app=" }, warnings };
    warnings.push(`?app=${override.slice(0, 100)} is not an https:// URL: ignored.`);
  }
  const raw = read(CALLING_EXTENSIONS_KEY);
  if (raw !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      warnings.push(`${CALLING_EXTENSIONS_KEY} is not valid JSON: ignored.`);
    }
    if (isRecord(parsed)) {
      const url = httpsUrl(parsed.url);
      if (url) {
        return {
          settings: {
            name:
              typeof parsed.name === "string" && parsed.name
                ? parsed.name.slice(0, 100)
                : DEFAULTS.name,
            url,
            width: size(parsed.width, DEFAULTS.width),
            height: size(parsed.height, DEFAULTS.height),
            ...(typeof parsed.usesCallingWindow === "boolean"
              ? { usesCallingWindow: parsed.usesCallingWindow }
              : {}),
            source: CALLING_EXTENSIONS_KEY,
          },
          warnings,
        };
      }
      warnings.push(`${CALLING_EXTENSIONS_KEY} has no https:// url: ignored.`);
    } else if (parsed !== undefined) {
      warnings.push(`${CALLING_EXTENSIONS_KEY} is not a JSON object: ignored.`);
    }
  }
  const demo = read(INSTALL_DEMO_WIDGET_KEY);
  if (demo !== null) {
    const known = DEMO_WIDGETS[demo];
    if (known)
      return {
        settings: { ...DEFAULTS, ...known, source: `${INSTALL_DEMO_WIDGET_KEY} = ${demo}` },
        warnings,
      };
    warnings.push(
      `${INSTALL_DEMO_WIDGET_KEY} = ${demo.slice(0, 40)} is not local, app:js or app: ignored.`,
    );
  }
  return { settings: { ...DEFAULTS, source: "default" }, warnings };
}
