import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadDb, saveDb } from "../../../../kit/stand-in/server/settingsServer";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the stand-in's settings file", () => {
  it("is written whole and read back", () => {
    dir = mkdtempSync(join(tmpdir(), "stand-in-"));
    const file = join(dir, "nested", "settings.json");
    const db = { 7: { settings: { name: "A", url: "https://a.example/" } } } as never;
    saveDb(file, db);
    expect(readdirSync(join(dir, "nested"))).toEqual(["settings.json"]); // no temporary file left
    expect(loadDb(file, () => {})).toEqual(db);
  });

  it("a damaged file is set aside and said so, never silently emptied", () => {
    dir = mkdtempSync(join(tmpdir(), "stand-in-"));
    const file = join(dir, "settings.json");
    writeFileSync(file, "{ not json");
    const warnings: string[] = [];
    expect(loadDb(file, (w) => warnings.push(w))).toEqual({});
    expect(existsSync(file)).toBe(false);
    const aside = readdirSync(dir).find((name) => name.startsWith("settings.json.damaged-"));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside ?? ""), "utf8")).toBe("{ not json");
    expect(warnings[0]).toMatch(/could not be read: set aside as .*settings\.json\.damaged-/);
  });

  it("no file is no settings", () => {
    dir = mkdtempSync(join(tmpdir(), "stand-in-"));
    expect(loadDb(join(dir, "none.json"), () => {})).toEqual({});
  });
});
