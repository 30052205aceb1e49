import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../kit/cli/settingsArgs";

const ENV = { HUBSPOT_APP_ID: "123", HUBSPOT_DEVELOPER_API_KEY: "secret-key" };
const run = (line: string, env: Record<string, string | undefined> = ENV) =>
  parseCommand(line.split(" ").filter(Boolean), env);

describe("npm run settings: the command line", () => {
  it("create sends the name and URL given, at the widget's size and not ready unless told", () => {
    expect(run("create --name Acme --url https://acme.example/")).toEqual({
      ok: true,
      command: {
        kind: "create",
        fields: {
          name: "Acme",
          url: "https://acme.example/",
          width: 400,
          height: 650,
          isReady: false,
        },
      },
      config: { appId: 123, apiKey: "secret-key", basePath: "https://api.hubapi.com" },
    });
    expect(run("create --name A --url https://a.example/ --width 480 --ready")).toMatchObject({
      command: { fields: { width: 480, height: 650, isReady: true } },
    });
  });

  it("create needs --name and --url: no made-up app is sent", () => {
    expect(run("create")).toEqual({
      ok: false,
      error:
        "create needs --name NAME (the app's name, as HubSpot shows it) and --url URL (your app's https:// address).",
    });
    expect(run("create --url https://a.example/ --ready")).toMatchObject({
      error: "create needs --name NAME (the app's name, as HubSpot shows it).",
    });
    expect(run("create --name A --width 500")).toMatchObject({
      error: "create needs --url URL (your app's https:// address).",
    });
  });

  it("update sends only the fields given", () => {
    expect(run("update --url https://new.example/")).toMatchObject({
      ok: true,
      command: { kind: "update", fields: { url: "https://new.example/" } },
    });
    expect(run("update --no-ready")).toMatchObject({
      command: { kind: "update", fields: { isReady: false } },
    });
  });

  it("says what each option takes when its value is wrong or missing", () => {
    const error = (line: string) => {
      const parsed = run(line);
      return parsed.ok ? "(taken)" : parsed.error;
    };
    const pixels = "a whole number of pixels from 100 to 4000";
    expect(error("create --name A --url https://a.example/ --width -5")).toBe(
      `--width takes ${pixels}, not "-5".`,
    );
    expect(error("create --name A --url https://a.example/ --width=-5")).toBe(
      `--width takes ${pixels}, not "-5".`,
    );
    expect(error("update --height 5000")).toBe(`--height takes ${pixels}, not "5000".`);
    expect(error("update --height")).toBe(`--height needs a value: ${pixels}.`);
    expect(error("create --name --url https://a.example/")).toBe(
      "--name needs a value: the app's name, as HubSpot shows it.",
    );
    expect(error("create --name A --url --ready")).toBe(
      "--url needs a value: your app's https:// address.",
    );
    expect(error("create --name A --url http://a.example/")).toBe(
      `--url takes your app's https:// address, not "http://a.example/".`,
    );
  });

  it("takes every settings field, with --no- for the booleans", () => {
    const parsed = run(
      "update --name X --url https://my.app/ --width 500 --height 700 --ready --no-inbound --custom-objects --no-remote --calling-window",
    );
    expect("command" in parsed && parsed.command).toEqual({
      kind: "update",
      fields: {
        name: "X",
        url: "https://my.app/",
        width: 500,
        height: 700,
        isReady: true,
        supportsInboundCalling: false,
        supportsCustomObjects: true,
        usesRemote: false,
        usesCallingWindow: true,
      },
    });
  });

  it("answers --help with its usage, whatever else is given", () => {
    expect(run("--help")).toEqual({ ok: true, help: true });
    expect(run("create --help", {})).toEqual({ ok: true, help: true });
  });

  it("knows get, delete and the recording commands", () => {
    for (const kind of ["get", "delete", "recording get"]) {
      expect(run(kind)).toMatchObject({ ok: true, command: { kind } });
    }
    expect(run("recording set --url https://my.app/rec/%s")).toMatchObject({
      ok: true,
      command: { kind: "recording set", url: "https://my.app/rec/%s" },
    });
  });

  it("reads the API base from the environment, without its trailing slash", () => {
    const parsed = run("get", { ...ENV, HUBSPOT_API_BASE: "https://localhost:9026/" });
    expect("config" in parsed && parsed.config.basePath).toBe("https://localhost:9026");
  });

  const errors: [string, Record<string, string | undefined>, RegExp][] = [
    ["", ENV, /^Name a command/],
    ["publish", ENV, /^Unknown command: publish/],
    ["get --bogus", ENV, /^--bogus is not an option\./],
    ["get --ready", ENV, /^get takes no options/],
    ["create --url http://my.app/", ENV, /^--url takes your app's https:\/\/ address/],
    ["create --url javascript:alert(1)", ENV, /^--url takes your app's https:\/\/ address/],
    ["create --width 0", ENV, /^--width takes a whole number of pixels/],
    ["create --height 12.5", ENV, /^--height takes a whole number of pixels/],
    ["create --width -3", ENV, /^--width takes a whole number of pixels/],
    ["create --name", ENV, /^--name needs a value/],
    ["update", ENV, /^update needs at least one field/],
    ["recording set", ENV, /^recording set needs --url/],
    ["get", { HUBSPOT_DEVELOPER_API_KEY: "k" }, /^Set HUBSPOT_APP_ID/],
    ["get", { ...ENV, HUBSPOT_APP_ID: "12a" }, /^Set HUBSPOT_APP_ID/],
    ["get", { HUBSPOT_APP_ID: "1" }, /^Set HUBSPOT_DEVELOPER_API_KEY/],
    ["get", { ...ENV, HUBSPOT_API_BASE: "http://api" }, /^HUBSPOT_API_BASE must be an https/],
    ["get --key secret", ENV, /^--key is not an option\./],
  ];
  for (const [line, env, error] of errors) {
    it(`refuses "${line}"${env === ENV ? "" : ` with ${JSON.stringify(env)}`}`, () => {
      const parsed = run(line, env);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error).toMatch(error);
        expect(parsed.error).not.toContain("secret-key");
      }
    });
  }
});
