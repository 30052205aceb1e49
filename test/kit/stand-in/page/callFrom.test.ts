import { describe, expect, it } from "vitest";
import type { AppSettings } from "../../../../kit/stand-in/page/appSettings";
import { callFromChoices, parseRegistered } from "../../../../kit/stand-in/page/callFrom";

const softphone: AppSettings = {
  name: "Demo App Local",
  url: "https://localhost:9025/",
  width: 400,
  height: 650,
  source: "default",
};
const registered = parseRegistered([
  {
    appId: 7,
    name: "Seven",
    url: "https://seven.example/",
    width: 480,
    height: 700,
    isReady: false,
  },
  {
    appId: 8,
    name: "Eight",
    url: "https://eight.example/",
    width: 1e9,
    height: -1,
    isReady: true,
    supportsInboundCalling: true,
    usesRemote: true,
  },
  { appId: 9, name: "No https", url: "http://nine.example/" },
  null,
]);

describe("Call from", () => {
  it("keeps registered apps with an https URL, their sizes within reason", () => {
    expect(registered.map((app) => [app.name, app.width, app.height])).toEqual([
      ["Seven", 480, 700],
      ["Eight", 400, 650],
    ]);
    expect(parseRegistered("not a list")).toEqual([]);
  });

  it("offers the local app first, then the registered ones, those not ready marked", () => {
    const { choices, chosen } = callFromChoices(softphone, registered, "");
    expect(choices.map((c) => [c.key, c.label])).toEqual([
      ["local", "Demo App Local (default)"],
      ["app-7", "Seven (in testing)"],
      ["app-8", "Eight"],
    ]);
    expect(chosen.key).toBe("local");
  });

  it("frames the app the user picked, or the first when the pick is gone", () => {
    expect(callFromChoices(softphone, registered, "?callFrom=app-8").chosen.settings).toMatchObject(
      {
        url: "https://eight.example/",
        supportsInboundCalling: true,
      },
    );
    expect(callFromChoices(softphone, registered, "?callFrom=app-99").chosen.key).toBe("local");
  });
});
