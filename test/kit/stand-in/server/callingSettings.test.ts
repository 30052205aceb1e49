import { describe, expect, it } from "vitest";
import {
  handleSettings,
  parseDb,
  type SettingsDb,
} from "../../../../kit/stand-in/server/callingSettings";

const KEY = "key";
const NOW = "2026-11-29T12:00:00.000Z";
const PATH = "/crm/v3/extensions/calling/77/settings";
const call = (
  db: SettingsDb,
  method: string,
  body?: unknown,
  path = PATH,
  apiKey: string | null = KEY,
) => handleSettings(db, { method, path, apiKey, body }, KEY, NOW);

describe("the stand-in's calling settings endpoints", () => {
  it("create, read, change and delete, in HubSpot's shapes", () => {
    const created = call({}, "POST", { name: "My app", url: "https://my.app/" });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      name: "My app",
      url: "https://my.app/",
      width: 400,
      height: 650,
      isReady: false,
      supportsCustomObjects: false,
      supportsInboundCalling: false,
      usesCallingWindow: false,
      usesRemote: false,
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(call(created.db, "GET").body).toEqual(created.body);
    const patched = call(created.db, "PATCH", { isReady: true, width: 500 });
    expect(patched.body).toMatchObject({ isReady: true, width: 500, name: "My app" });
    const deleted = call(patched.db, "DELETE");
    expect(deleted.status).toBe(204);
    expect(call(deleted.db, "GET").status).toBe(404);
  });

  it("each resource's 404 names that resource: no settings yet is not a missing recording format", () => {
    const settings = call({}, "GET");
    expect(settings.status).toBe(404);
    expect(settings.body).toMatchObject({
      category: "OBJECT_NOT_FOUND",
      message: "This app has no calling settings yet: create them first (POST, with name and url).",
    });
    for (const method of ["PATCH", "DELETE"]) {
      expect(call({}, method, { isReady: true }).body).toMatchObject({
        message: expect.stringMatching(/^This app has no calling settings yet/),
      });
    }
    // An app with settings and no recording URL format: that one is named.
    const { db } = call({}, "POST", { name: "A", url: "https://a.example/" });
    expect(call(db, "GET", undefined, `${PATH}/recording`).body).toMatchObject({
      message: expect.stringMatching(/^This app has no recording URL format yet/),
    });
  });

  it("the dated path works too", () => {
    const path = "/crm/extensions/calling/2026-03/77/settings";
    expect(call({}, "POST", { name: "A", url: "https://a.example/" }, path).status).toBe(200);
  });

  it("a second POST is refused as HubSpot does", () => {
    const { db } = call({}, "POST", { name: "A", url: "https://a.example/" });
    expect(call(db, "POST", { name: "B", url: "https://b.example/" }).body).toMatchObject({
      status: "error",
      category: "CONFLICT",
      subCategory: "SETTINGS_ALREADY_EXISTS",
      correlationId: expect.any(String),
    });
  });

  it("checks hapikey", () => {
    for (const key of [null, "", "wrong"]) {
      const response = call({}, "GET", undefined, PATH, key);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: "error", category: "INVALID_AUTHENTICATION" });
    }
  });

  const bad: [unknown, string][] = [
    [{ url: "https://a.example/" }, "name is required"],
    [{ name: "A" }, "url is required"],
    [{ name: "A", url: "http://a.example/" }, "url must be an https:// URL"],
    [
      { name: "", url: "https://a.example/" },
      "name must be a non-empty string of at most 200 characters",
    ],
    [{ name: "A", url: "https://a.example/", width: -1 }, "width must be a positive whole number"],
    [
      { name: "A", url: "https://a.example/", height: 1.5 },
      "height must be a positive whole number",
    ],
    [{ name: "A", url: "https://a.example/", isReady: "yes" }, "isReady must be true or false"],
    [
      { name: "A", url: "https://a.example/", colour: "red" },
      "colour is not a calling settings field",
    ],
    [[], "The request body must be a JSON object."],
    [null, "The request body must be a JSON object."],
  ];
  for (const [body, message] of bad) {
    it(`400 names what is wrong: ${message}`, () => {
      const response = call({}, "POST", body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        status: "error",
        category: "VALIDATION_ERROR",
        message,
      });
    });
  }

  it("the recording URL format", () => {
    const path = `${PATH}/recording`;
    expect(call({}, "GET", undefined, path).status).toBe(404);
    const set = call({}, "POST", { urlToRetrieveAuthedRecording: "https://my.app/rec/%s" }, path);
    expect(set.body).toMatchObject({ urlToRetrieveAuthedRecording: "https://my.app/rec/%s" });
    expect(call(set.db, "GET", undefined, path).body).toEqual(set.body);
    expect(call(set.db, "PATCH", { urlToRetrieveAuthedRecording: "ftp://x" }, path).status).toBe(
      400,
    );
  });

  it("reads back only well-formed settings", () => {
    const { db } = call({}, "POST", { name: "A", url: "https://a.example/" });
    expect(parseDb(JSON.parse(JSON.stringify(db)))).toEqual(db);
    for (const damaged of [
      null,
      [],
      { abc: {} },
      { 77: { settings: { name: "A", url: "http://x" } } },
    ]) {
      expect(parseDb(damaged)).toBeNull();
    }
  });
});
