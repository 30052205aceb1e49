import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../kit/cli/settingsArgs";

const ENV = { HUBSPOT_APP_ID: "123", HUBSPOT_DEVELOPER_API_KEY: "secret-key" };
const run = (line: string, env: Record<string, string | undefined> = ENV) =>
  parseCommand(line.split(" ").filter(Boolean), env);

describe("npm run settings: the command line", () => {
  it("create defaults to the softphone, not ready, at the widget's size", () => {
    expect(run("create")).toEqual({
      ok: true,
      command: {
        kind: "create",
        fields: {
          name: "Demo App",
          url: "https://localhost:9025/",
          width: 400,
          height: 650,
          isReady: false,
        },
      },
      config: { appId: 123, apiKey: "secret-key", basePath: "https://api.hubapi.com" },
    });
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
    ["create --url http://my.app/", ENV, /^--url must be an https:\/\/ URL/],
    ["create --url javascript:alert(1)", ENV, /^--url must be an https:\/\/ URL/],
    ["create --width 0", ENV, /^--width must be a positive whole number/],
    ["create --height 12.5", ENV, /^--height must be a positive whole number/],
    ["create --width -3", ENV, /--width/],
    ["create --name", ENV, /--name/],
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
