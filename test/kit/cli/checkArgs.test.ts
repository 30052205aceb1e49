import { describe, expect, it } from "vitest";
import { parseCheckArgs } from "../../../kit/cli/checkArgs";

const APP = "https://localhost:9025/";

describe("npm run check's command line", () => {
  it("runs every scenario with a 5 s step timeout by default", () => {
    expect(parseCheckArgs(["--app", APP])).toEqual({
      ok: true,
      command: {
        kind: "run",
        app: APP,
        scenarios: [
          "handshake",
          "outbound",
          "inbound",
          "hubspot-ends",
          "engagement-failures",
          "hubspot-quirks",
          "reload",
          "visibility",
          "hostile-payloads",
          "security",
        ],
        stepTimeoutMs: 5000,
      },
    });
  });

  it("takes a subset, an actions file, a report, a record and a timeout", () => {
    const parsed = parseCheckArgs([
      "--app",
      APP,
      "--scenario",
      " outbound ",
      "--actions",
      "a.json",
      "--report",
      "r.json",
      "--record",
      "s.json",
      "--timeout",
      "2000",
      "--trace",
      "traces",
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      command: {
        scenarios: ["outbound"],
        actionsFile: "a.json",
        reportFile: "r.json",
        recordFile: "s.json",
        traceDir: "traces",
        stepTimeoutMs: 2000,
      },
    });
  });

  it("replays a session without --app (the session names it)", () => {
    expect(parseCheckArgs(["--replay", "s.json"])).toMatchObject({
      ok: true,
      command: { kind: "run", replayFile: "s.json" },
    });
  });

  it("plays every scenario with HubSpot's quirks that --quirk names", () => {
    expect(parseCheckArgs(["--app", APP, "--quirk", "engagement-created"])).toMatchObject({
      ok: true,
      command: { quirks: ["engagementCreated"] },
    });
    const none = parseCheckArgs(["--app", APP]);
    expect(none.ok && none.command.kind === "run" && "quirks" in none.command).toBe(false);
  });

  it("--list and --help need nothing else", () => {
    expect(parseCheckArgs(["--list"])).toEqual({ ok: true, command: { kind: "list" } });
    expect(parseCheckArgs(["--help"])).toEqual({ ok: true, command: { kind: "help" } });
  });

  const mistakes: [string[], RegExp][] = [
    [[], /--app is required/],
    [["--app", "http://localhost:9025/"], /not an https:\/\/ URL/],
    [["--app", "javascript:alert(1)"], /not an https:\/\/ URL/],
    [["--app", APP, "--scenario", "outbound,nope"], /no scenario nope/],
    [["--app", APP, "--timeout", "99"], /from 100 to 120000/],
    [["--app", APP, "--timeout", "1e9"], /from 100 to 120000/],
    [["--app", APP, "--record", "s.json"], /--record saves one scenario/],
    [["--app", APP, "--record", "s.json", "--scenario", "security"], /not security/],
    [["--replay", "s.json", "--scenario", "outbound"], /takes no --scenario/],
    [["--app", APP, "--nope"], /^--nope is not an option/],
    [["--app", APP, "extra"], /^extra is not an option/],
    [
      ["--app", APP, "--quirk", "dial-thrice"],
      /--quirk dial-thrice is not one of engagement-created/,
    ],
  ];
  for (const [args, message] of mistakes) {
    it(`refuses ${JSON.stringify(args)}`, () => {
      const parsed = parseCheckArgs(args);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(message);
    });
  }
});
