/** The settings command without HubSpot's client installed: the kit leaves it optional. */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { settings } from "../../../kit/cli/settings";
import { CLIENT_VERSION } from "../../../kit/cli/settingsArgs";

const ENV = { HUBSPOT_APP_ID: "77", HUBSPOT_DEVELOPER_API_KEY: "secret-key" };

/** What a project without the client gets from the import. */
const absent = () =>
  Promise.reject(
    Object.assign(new Error("Cannot find package '@hubspot/api-client' imported from /x.js"), {
      code: "ERR_MODULE_NOT_FOUND",
    }),
  );

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
  return { out, err };
}

afterEach(() => vi.restoreAllMocks());

describe("calling-stand-in settings without @hubspot/api-client", () => {
  it("exits 2, naming the command that installs it, with nothing sent", async () => {
    const { out, err } = capture();
    expect(await settings(["get"], ENV, absent)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join("")).toMatch(
      /not installed.*Install it with: npm install --save-dev @hubspot\/api-client@13\.5\.0\n$/,
    );
    expect(err.join("")).not.toContain("secret-key");
  });

  it("loads it only to send: --help and usage errors work without it", async () => {
    const load = vi.fn(absent);
    const { out, err } = capture();
    expect(await settings(["--help"], ENV, load)).toBe(0);
    expect(await settings(["create"], ENV, load)).toBe(2);
    expect(load).not.toHaveBeenCalled();
    expect(out.join("")).toContain("Usage: calling-stand-in settings");
    expect(err.join("")).toMatch(/^create needs --name NAME \(.*\) and --url URL \(/);
  });

  it("is an optional peer of the kit, at the version the install line names", () => {
    const kit = JSON.parse(readFileSync("kit/package.json", "utf8"));
    expect(kit.dependencies?.["@hubspot/api-client"]).toBeUndefined();
    expect(kit.peerDependencies["@hubspot/api-client"]).toBe(`^${CLIENT_VERSION}`);
    expect(kit.peerDependenciesMeta["@hubspot/api-client"]).toEqual({ optional: true });
    // Still installed here, for the repository's own `npm run settings`.
    expect(kit.devDependencies["@hubspot/api-client"]).toBe(CLIENT_VERSION);
  });
});
