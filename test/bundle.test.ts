/**
 * The production build, built here with the project's own Vite config: what the page loads must
 * all come from its own origin. (The browser test `e2e/production-build.spec.ts` checks the same at
 * run time, request by request.)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUDGET } from "../bench/budgets";

let outDir: string;
const files = () => readdirSync(join(outDir, "assets")).map((name) => `assets/${name}`);
const read = (file: string) => readFileSync(join(outDir, file), "utf8");

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "softphone-dist-"));
  await build({
    configFile: "vite.config.ts",
    logLevel: "silent",
    build: { outDir, emptyOutDir: true },
  });
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the production build", () => {
  // Two requests: the styles travel inside the script (a constructed stylesheet), because a
  // separate stylesheet was one more request on the way to the handshake (BENCHMARKS.md).
  it("is one HTML page and one script, which carries the styles", () => {
    expect(files()).toHaveLength(1);
    expect(files()[0]).toMatch(/\.js$/);
    expect(read(files()[0] ?? "")).toContain(".phone[hidden]");
  });

  it("references only its own files from the HTML", () => {
    const html = read("index.html");
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(references.length).toBeGreaterThan(1);
    // Relative, so the build works under any path (a GitHub Pages project site, say).
    for (const reference of references) expect(reference).toMatch(/^(\.\/(?!\/)|data:)/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("loads nothing from its styles", () => {
    expect(read(files()[0] ?? "")).not.toMatch(/@import|url\(\s*["']?(?!data:)/);
  });

  /** Bytes are deterministic, so they are a test; timings stay in `npm run bench`. */
  it(`loads at most ${BUDGET.bytes.toLocaleString("en")} B gzipped on first load`, () => {
    const sizes = ["index.html", ...files()].map(
      (file) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length,
    );
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(BUDGET.bytes);
  });

  it("bundles the SDK rather than loading it", () => {
    const script = read(files().find((f) => f.endsWith(".js")) ?? "");
    expect(script).toContain("SYNC_ACK");
    expect(script).not.toMatch(/import\s*\(|from\s*["']https?:/);
  });
});
