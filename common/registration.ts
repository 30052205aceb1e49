/**
 * The two localStorage lines that register the softphone in HubSpot (see protocol.md), for the
 * page to show when it is opened outside HubSpot. `url` is where this page is served.
 */
export const CALLING_EXTENSIONS_KEY = "LocalSettings:Calling:CallingExtensions";
export const INSTALL_DEMO_WIDGET_KEY = "LocalSettings:Calling:installDemoWidget";
export const APP_NAME = "Demo App Local";

export function registrationLines(url: string): [string, string] {
  const settings = JSON.stringify({ name: APP_NAME, url });
  return [
    `localStorage.setItem(${JSON.stringify(CALLING_EXTENSIONS_KEY)}, ${JSON.stringify(settings)});`,
    `localStorage.setItem(${JSON.stringify(INSTALL_DEMO_WIDGET_KEY)}, "local");`,
  ];
}
