import { describe, expect, it } from "vitest";
import { resolveAppSettings } from "../../../../kit/stand-in/page/appSettings";

/** Where HubSpot's `installDemoWidget: "local"` loads the app (protocol.md). */
const SOFTPHONE_URL = "https://localhost:9025/";

const storage = (values: Record<string, string>) => (key: string) => values[key] ?? null;
const EXTENSIONS = "LocalSettings:Calling:CallingExtensions";
const DEMO = "LocalSettings:Calling:installDemoWidget";

describe("which app the stand-in frames", () => {
  it("defaults to the softphone", () => {
    expect(resolveAppSettings("", storage({}))).toEqual({
      settings: {
        name: "Demo App Local",
        url: SOFTPHONE_URL,
        width: 400,
        height: 650,
        source: "default",
      },
      warnings: [],
    });
  });

  it("reads HubSpot's CallingExtensions override, with its size", () => {
    const value = JSON.stringify({
      name: "My app",
      url: "https://my.app/phone",
      width: 500,
      height: 700,
      usesCallingWindow: true,
    });
    expect(resolveAppSettings("", storage({ [EXTENSIONS]: value })).settings).toEqual({
      name: "My app",
      url: "https://my.app/phone",
      width: 500,
      height: 700,
      usesCallingWindow: true,
      source: EXTENSIONS,
    });
  });

  it("maps installDemoWidget like HubSpot", () => {
    expect(resolveAppSettings("", storage({ [DEMO]: "local" })).settings.url).toBe(SOFTPHONE_URL);
    expect(resolveAppSettings("", storage({ [DEMO]: "app:js" })).settings.name).toBe("Demo App JS");
    expect(resolveAppSettings("", storage({ [DEMO]: "app" })).settings.name).toBe("Demo App React");
  });

  it("lets ?app= override both", () => {
    const result = resolveAppSettings(
      "?app=https%3A%2F%2Fother.app%2F",
      storage({ [DEMO]: "app", [EXTENSIONS]: '{"url":"https://x.y/"}' }),
    );
    expect(result.settings.url).toBe("https://other.app/");
    expect(result.settings.source).toBe("?app=");
  });

  it("says why it ignored a setting", () => {
    const cases: { search: string; values: Record<string, string>; warning: string }[] = [
      { search: "?app=javascript:alert(1)", values: {}, warning: "is not an https:// URL" },
      { search: "", values: { [EXTENSIONS]: "{name:" }, warning: "is not valid JSON" },
      { search: "", values: { [EXTENSIONS]: '["https://a.b/"]' }, warning: "is not a JSON object" },
      {
        search: "",
        values: { [EXTENSIONS]: '{"url":"http://a.b/"}' },
        warning: "has no https:// url",
      },
      { search: "", values: { [DEMO]: "remote" }, warning: "is not local, app:js or app" },
    ];
    for (const { search, values, warning } of cases) {
      const result = resolveAppSettings(search, storage(values));
      expect(result.settings.source).toBe("default");
      expect(result.warnings.join(" ")).toContain(warning);
    }
  });

  it("keeps sizes within reason", () => {
    const value = JSON.stringify({ url: "https://a.b/", width: 1e9, height: "tall" });
    expect(resolveAppSettings("", storage({ [EXTENSIONS]: value })).settings).toMatchObject({
      width: 400,
      height: 650,
    });
  });
});
