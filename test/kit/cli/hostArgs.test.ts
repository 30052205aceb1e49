import { describe, expect, it } from "vitest";
import { parseHostArgs } from "../../../kit/cli/hostArgs";

describe("calling-stand-in host's command line", () => {
  it("serves on 9026 for localhost by default, framing the app given, under its name", () => {
    expect(parseHostArgs(["--app", "https://localhost:3000/"])).toEqual({
      ok: true,
      command: {
        kind: "serve",
        app: "https://localhost:3000/",
        name: "Your app",
        port: 9026,
        host: "localhost",
        open: false,
      },
    });
  });

  it("takes a name, a port, a host, a settings file, a command to start the app, and --open", () => {
    expect(
      parseHostArgs([
        "--app",
        "https://localhost:3000/",
        "--name",
        "Acme Phone",
        "--port",
        "9100",
        "--host",
        "127.0.0.1",
        "--settings",
        "s.json",
        "--with",
        "npm run dev",
        "--open",
      ]),
    ).toMatchObject({
      ok: true,
      command: {
        name: "Acme Phone",
        port: 9100,
        host: "127.0.0.1",
        settingsFile: "s.json",
        with: "npm run dev",
        open: true,
      },
    });
    expect(parseHostArgs(["--help"])).toEqual({ ok: true, command: { kind: "help" } });
  });

  const mistakes: [string[], RegExp][] = [
    [["--app", "http://localhost:3000/"], /not an https:\/\/ URL/],
    [["--port", "0"], /--port is a port number/],
    [["--port", "99999"], /--port is a port number/],
    [["--host", "a b"], /--host is a host name/],
    [["--with", "npm run dev"], /give its address with --app/],
    [["--app", "https://x/", "--with", " "], /--with is the command/],
    [["--app", "https://x/", "--name", " "], /--name is the app's name/],
    [["--prot", "9100"], /--prot is not an option \(did you mean --port\?\)/],
  ];
  for (const [args, message] of mistakes) {
    it(`refuses ${args.join(" ")}`, () => {
      const parsed = parseHostArgs(args);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.error).toMatch(message);
    });
  }
});
