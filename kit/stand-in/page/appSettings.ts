/**
 * Which calling app the stand-in frames, read the way HubSpot reads it: `?app=URL` first, then
 * the `LocalSettings:Calling:CallingExtensions` override, then `installDemoWidget`, then the app
 * the stand-in was started for (`calling-stand-in host --app`), then the softphone on
 * https://localhost:9025/.
 */

import { isHttpsUrl, isRecord } from "../../../common/guards";
import { SOFTPHONE_URL } from "../../../common/ports";
import type { FrameLocation } from "../../../common/protocol";
import {
  APP_NAME,
  CALLING_EXTENSIONS_KEY,
  INSTALL_DEMO_WIDGET_KEY,
} from "../../../common/registration";
import { isFrameSide, WIDGET_SIZE } from "../../../common/widget";

export interface AppSettings {
  readonly name: string;
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly usesCallingWindow?: boolean;
  /** Registered settings only: whether users may pick the app (false while testing). */
  readonly isReady?: boolean;
  readonly supportsInboundCalling?: boolean;
  readonly usesRemote?: boolean;
  readonly supportsCustomObjects?: boolean;
  /** The app registered through the calling settings endpoints, if it was. */
  readonly appId?: number;
  /** Where the settings came from, shown on the page. */
  readonly source: string;
}

/** HubSpot's shortcuts for its own demos (see protocol.md). */
export const DEMO_WIDGETS: Readonly<Record<string, { name: string; url: string }>> = {
  local: { name: APP_NAME, url: SOFTPHONE_URL },
  "app:js": {
    name: "Demo App JS",
    url: "https://github.hubspot.com/calling-extensions-sdk/demo-minimal-js.html",
  },
  app: {
    name: "Demo App React",
    url: "https://github.hubspot.com/calling-extensions-sdk/demo-react-ts.html",
  },
};

const DEFAULTS = { name: APP_NAME, url: SOFTPHONE_URL, ...WIDGET_SIZE };

const size = (value: unknown, fallback: number): number => (isFrameSide(value) ? value : fallback);

const httpsUrl = (value: unknown) => (isHttpsUrl(value) ? value : undefined);

/** `?app=` (a test's, or the check's): the app to frame, sized by `?width=&height=`. */
function fromQuery(params: URLSearchParams, warnings: string[]): AppSettings | null {
  const override = params.get("app");
  if (override === null) return null;
  const url = httpsUrl(override);
  if (!url) {
    warnings.push(`?app=${override.slice(0, 100)} is not an https:// URL: ignored.`);
    return null;
  }
  const side = (name: string, fallback: number) => {
    const value = params.get(name);
    return value === null ? fallback : size(Number(value), fallback);
  };
  return {
    ...DEFAULTS,
    name: "App from ?app=",
    url,
    width: side("width", DEFAULTS.width),
    height: side("height", DEFAULTS.height),
    source: "?app=",
  };
}

/** HubSpot's general override of the app's calling settings, from its localStorage line. */
function fromCallingExtensions(raw: string | null, warnings: string[]): AppSettings | null {
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    warnings.push(`${CALLING_EXTENSIONS_KEY} is not valid JSON: ignored.`);
    return null;
  }
  if (!isRecord(parsed)) {
    warnings.push(`${CALLING_EXTENSIONS_KEY} is not a JSON object: ignored.`);
    return null;
  }
  const url = httpsUrl(parsed.url);
  if (!url) {
    warnings.push(`${CALLING_EXTENSIONS_KEY} has no https:// url: ignored.`);
    return null;
  }
  return {
    name:
      typeof parsed.name === "string" && parsed.name ? parsed.name.slice(0, 100) : DEFAULTS.name,
    url,
    width: size(parsed.width, DEFAULTS.width),
    height: size(parsed.height, DEFAULTS.height),
    ...(typeof parsed.usesCallingWindow === "boolean"
      ? { usesCallingWindow: parsed.usesCallingWindow }
      : {}),
    source: CALLING_EXTENSIONS_KEY,
  };
}

/** HubSpot's shortcut for its demo apps, from its other localStorage line. */
function fromDemoWidget(demo: string | null, warnings: string[]): AppSettings | null {
  if (demo === null) return null;
  const known = DEMO_WIDGETS[demo];
  if (known) return { ...DEFAULTS, ...known, source: `${INSTALL_DEMO_WIDGET_KEY} = ${demo}` };
  warnings.push(
    `${INSTALL_DEMO_WIDGET_KEY} = ${demo.slice(0, 40)} is not local, app:js or app: ignored.`,
  );
  return null;
}

/**
 * Which app to frame, the first that names one: `?app=`, HubSpot's localStorage lines, the app
 * `calling-stand-in host --app` was started for, else the demo softphone. `read` gets a
 * localStorage value (or null); problems found on the way come back in `warnings`, because a
 * developer who mistyped the JSON should be told why their app did not load.
 */
export function resolveAppSettings(
  search: string,
  read: (key: string) => string | null,
  /** The app the stand-in was started for (`calling-stand-in host --app`), below the overrides. */
  started?: { readonly name: string; readonly url: string },
): { settings: AppSettings; warnings: string[] } {
  const warnings: string[] = [];
  const settings =
    fromQuery(new URLSearchParams(search), warnings) ??
    fromCallingExtensions(read(CALLING_EXTENSIONS_KEY), warnings) ??
    fromDemoWidget(read(INSTALL_DEMO_WIDGET_KEY), warnings) ??
    (started && isHttpsUrl(started.url)
      ? {
          ...DEFAULTS,
          name: started.name.slice(0, 100) || DEFAULTS.name,
          url: started.url,
          source: "calling-stand-in host --app",
        }
      : { ...DEFAULTS, source: "default" });
  return { settings, warnings };
}

export type { FrameLocation } from "../../../common/protocol";

/**
 * Where HubSpot puts the app: `?iframeLocation=remote&usesCallingWindow=false` plays the remote
 * frame of an app without a calling window, and HubSpot's calling-window page (which such an app
 * opens on this host), or `?iframeLocation=window`, plays the calling window.
 */
export function frameLocationOf(
  pathname: string,
  search: string,
  settings: AppSettings,
): { iframeLocation: FrameLocation; usesCallingWindow: boolean } {
  const params = new URLSearchParams(search);
  const asked = params.get("iframeLocation");
  // An app that takes inbound calls in a remote (its settings say so) loads as the remote frame.
  const remote =
    asked !== null
      ? asked === "remote"
      : settings.supportsInboundCalling === true && settings.usesRemote === true;
  const iframeLocation =
    pathname.startsWith("/calling-integration-popup-ui/") || asked === "window"
      ? "window"
      : remote
        ? "remote"
        : "widget";
  const usesCallingWindow = params.has("usesCallingWindow")
    ? params.get("usesCallingWindow") !== "false"
    : (settings.usesCallingWindow ?? false);
  return { iframeLocation, usesCallingWindow };
}
