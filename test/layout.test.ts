/** docs/layout.md, against the tree: what it lists exists, and every source file is listed. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The listing's paths: files, and folders (ending in `/`), each from the repository's root. */
export function listed(markdown: string): string[] {
  const block = /```\n([\s\S]*?)\n```/.exec(markdown)?.[1] ?? "";
  const paths: string[] = [];
  let folder = "";
  for (const line of block.split("\n")) {
    if (line.trim() === "") continue;
    const indented = line.startsWith("  ");
    if (indented && !line.slice(2).match(/^\S/)) continue; // a description carried on
    const names = line.trim().split(/\s{2,}/)[0] ?? "";
    for (const name of names.split(/,\s*/).filter(Boolean)) {
      const path = indented ? `${folder}${name}` : name;
      paths.push(path);
      if (!indented && path.endsWith("/")) folder = path;
    }
  }
  return paths;
}

const SOURCES = ["src", "common", "kit", "bench", "scripts", "types", "e2e"];
const LEFT_OUT = ["kit/dist", "kit/node_modules"];

function files(dir: string): string[] {
  if (LEFT_OUT.includes(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A listed name may hold one `*`, for any part of a file's name in its folder. */
const pattern = (path: string) =>
  new RegExp(`^${path.replaceAll(".", "\\.").replace("*", "[^/]*")}$`);

const exists = (path: string) => {
  if (!path.includes("*")) return existsSync(path.replace(/\/$/, ""));
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
  return readdirSync(dir).some((f) => pattern(path).test(dir === "." ? f : `${dir}/${f}`));
};

describe("docs/layout.md", () => {
  const paths = listed(readFileSync("docs/layout.md", "utf8"));

  it("names only what exists", () => {
    expect(paths.length).toBeGreaterThan(80);
    expect(paths.filter((p) => !exists(p))).toEqual([]);
  });

  it("names every source file, or the folder that holds it with nothing of it named", () => {
    const named = paths.filter((p) => !p.endsWith("/")).map((p) => pattern(p));
    const folders = paths.filter((p) => p.endsWith("/"));
    // A folder covers its files only where the listing names nothing inside it.
    const leaves = folders.filter((f) => !paths.some((p) => p !== f && p.startsWith(f)));
    const missing = SOURCES.flatMap(files).filter(
      (file) => !named.some((p) => p.test(file)) && !leaves.some((f) => file.startsWith(f)),
    );
    expect(missing).toEqual([]);
  });

  it("reads its own listing as written", () => {
    expect(listed("```\nsrc/  x\n  a.ts, b.ts  y\n    more of y\nc.ts  z\n```")).toEqual([
      "src/",
      "src/a.ts",
      "src/b.ts",
      "c.ts",
    ]);
  });
});
