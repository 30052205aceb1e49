/**
 * HubSpot's "Call from" menu, as the stand-in offers it: the local override (`?app=`, the
 * `LocalSettings:Calling:CallingExtensions` line or `installDemoWidget`, else the softphone) first,
 * as in HubSpot, then every app registered through the calling settings endpoints. Pure.
 */
import { isHttpsUrl, isRecord } from "../../../common/guards";
import { isFrameSide, WIDGET_SIZE } from "../../../common/widget";
import type { AppSettings } from "./appSettings";

export interface Choice {
  /** What `?callFrom=` names: `local`, or `app-<appId>`. */
  readonly key: string;
  readonly label: string;
  readonly settings: AppSettings;
}

/** The registered apps from the stand-in's `/__stand-in/apps`, checked like any input. */
export function parseRegistered(data: unknown): AppSettings[] {
  if (!Array.isArray(data)) return [];
  return data.slice(0, 100).flatMap((app): AppSettings[] => {
    if (!isRecord(app) || !isHttpsUrl(app.url) || typeof app.name !== "string") return [];
    const flag = (name: string) => app[name] === true;
    return [
      {
        name: app.name.slice(0, 100),
        url: app.url,
        width: isFrameSide(app.width) ? app.width : WIDGET_SIZE.width,
        height: isFrameSide(app.height) ? app.height : WIDGET_SIZE.height,
        isReady: flag("isReady"),
        supportsInboundCalling: flag("supportsInboundCalling"),
        usesRemote: flag("usesRemote"),
        usesCallingWindow: flag("usesCallingWindow"),
        supportsCustomObjects: flag("supportsCustomObjects"),
        source: `calling settings of app ${Number(app.appId)}`,
        appId: Number(app.appId),
      },
    ];
  });
}

export function callFromChoices(
  local: AppSettings,
  registered: readonly AppSettings[],
  search: string,
): { choices: Choice[]; chosen: Choice } {
  const localChoice = { key: "local", label: `${local.name} (${local.source})`, settings: local };
  const apps = registered.map((settings) => ({
    key: `app-${settings.appId}`,
    label: `${settings.name}${settings.isReady === false ? " (in testing)" : ""}`,
    settings,
  }));
  // The local override wins, as in HubSpot; with none, the softphone stays the default, so a
  // registered app is framed only when the user picks it.
  const choices = [localChoice, ...apps];
  const wanted = new URLSearchParams(search).get("callFrom");
  const chosen = choices.find((c) => c.key === wanted) ?? choices[0] ?? localChoice;
  return { choices, chosen };
}

/** The host command's app, as its server answers it (untrusted until checked). */
export function startedApp(value: unknown): { name: string; url: string } | undefined {
  if (!isRecord(value) || typeof value.url !== "string" || typeof value.name !== "string")
    return undefined;
  return { name: value.name.slice(0, 100), url: value.url.slice(0, 2_000) };
}
