import { describe, expect, it } from "vitest";
import type { Command, Config } from "../../../kit/cli/settingsArgs";
import { clientMissing, describeFailure } from "../../../kit/cli/settingsErrors";

const CONFIG: Config = { appId: 77, apiKey: "secret-key", basePath: "https://localhost:9026" };
const GET: Command = { kind: "get" };
const CREATE: Command = { kind: "create", fields: { name: "A", url: "https://a.example/" } };

/** An error as HubSpot's client throws it for an answer: the status, and the answer's body. */
const answered = (code: number, message: string, category = "OBJECT_NOT_FOUND") =>
  Object.assign(new Error(`HTTP-Code: ${code}`), {
    code,
    body: { status: "error", message, category, correlationId: "c-1" },
  });

describe("a settings command's failure, said plainly", () => {
  it("no settings yet: says so, and how to create them, whatever HubSpot's words", () => {
    const error = answered(404, "resource not found.");
    for (const kind of ["get", "delete"] as const) {
      expect(describeFailure(error, { kind }, CONFIG)).toBe(
        [
          "App 77 has no calling settings yet (or HUBSPOT_APP_ID is not your app's id). Create them with:",
          "  calling-stand-in settings create --name NAME --url URL",
          "HubSpot answered 404: resource not found; category OBJECT_NOT_FOUND; correlationId c-1.",
        ].join("\n"),
      );
    }
    const update: Command = { kind: "update", fields: { isReady: true } };
    expect(describeFailure(error, update, CONFIG)).toMatch(/^App 77 has no calling settings yet/);
    expect(describeFailure(error, GET, CONFIG)).not.toMatch(/recording/);
  });

  it("no recording URL format yet: says that one, not missing settings", () => {
    const said = describeFailure(answered(404, "Not found"), { kind: "recording get" }, CONFIG);
    expect(said).toMatch(
      /^App 77 has no recording URL format yet\. Set one with:\n {2}calling-stand-in settings recording set --url URL\n/,
    );
    expect(said).not.toMatch(/no calling settings/);
  });

  it("settings already there: names the command that changes them", () => {
    const said = describeFailure(answered(409, "Conflict", "CONFLICT"), CREATE, CONFIG);
    expect(said).toMatch(
      /^App 77 already has calling settings\. Change them with calling-stand-in settings update/,
    );
    expect(said).not.toMatch(/PATCH/);
    expect(said).toMatch(/HubSpot answered 409: Conflict; category CONFLICT; correlationId c-1\.$/);
  });

  it("another answer is HubSpot's own words, one sentence each", () => {
    expect(
      describeFailure(
        answered(401, "The API key is invalid.", "INVALID_AUTHENTICATION"),
        GET,
        CONFIG,
      ),
    ).toBe(
      "HubSpot answered 401: The API key is invalid; category INVALID_AUTHENTICATION; correlationId c-1.",
    );
  });

  it("nothing listening: the API not reached, at which address and why, never as HubSpot's answer", () => {
    // node-fetch's error, as HubSpot's client throws it: its URL carries the key.
    const refused = Object.assign(
      new Error(
        "request to https://localhost:9026/crm/v3/extensions/calling/77/settings?hapikey=secret-key failed, reason: connect ECONNREFUSED 127.0.0.1:9026",
      ),
      { name: "FetchError", type: "system", errno: "ECONNREFUSED", code: "ECONNREFUSED" },
    );
    const said = describeFailure(refused, GET, CONFIG);
    expect(said).toMatch(
      /^Could not reach the HubSpot API at https:\/\/localhost:9026: ECONNREFUSED \(connect ECONNREFUSED 127\.0\.0\.1:9026\)\./,
    );
    expect(said).not.toMatch(/HubSpot answered/);
    expect(said).not.toContain("secret-key");
  });

  it("never prints the key, even where an answer echoes it", () => {
    const echoed = answered(400, "Bad hapikey=secret-key", "VALIDATION_ERROR");
    expect(describeFailure(echoed, GET, CONFIG)).not.toContain("secret-key");
    expect(describeFailure(new Error("at ?hapikey=secret-key"), GET, CONFIG)).not.toContain(
      "secret-key",
    );
  });
});

describe("HubSpot's client, when it cannot be loaded", () => {
  it("absent: says the command needs it, and the line that installs it", () => {
    const absent = Object.assign(
      new Error("Cannot find package '@hubspot/api-client' imported from /app/dist/chunks/x.js"),
      { code: "ERR_MODULE_NOT_FOUND" },
    );
    expect(clientMissing(absent)).toMatch(
      /needs HubSpot's Node client, which is not installed.*Install it with: npm install --save-dev @hubspot\/api-client@13\.5\.0$/,
    );
  });

  it("broken (a file of its own missing): said as what it is, not as absent", () => {
    const broken = Object.assign(new Error("Cannot find module 'node-fetch'"), {
      code: "MODULE_NOT_FOUND",
    });
    expect(clientMissing(broken)).toMatch(
      /^HubSpot's Node client could not be loaded \(Cannot find module 'node-fetch'\)\. Reinstall it with: npm install --save-dev @hubspot\/api-client@13\.5\.0$/,
    );
  });
});
