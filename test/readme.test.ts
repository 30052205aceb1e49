/**
 * The README a newcomer reads: short, the no-account path first, every shell block runnable as
 * written or saying why not (scripts/readme-commands.ts runs them), no secret typed on a command line.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { githubJob } from "../kit/cli/ciJob";
import { commandsOf, readmeBlocks, reportOf } from "../scripts/readme-commands";

const README = readFileSync("README.md", "utf8");
const PAGES = [
  "README.md",
  "kit/README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

describe("the README", () => {
  it("is at most 2,000 words", () => {
    expect(README.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(2_000);
  });

  it("gives the no-account path on its first screen, before anything that needs an account", () => {
    const firstScreen = README.split("\n").slice(0, 40).join("\n");
    expect(firstScreen).toContain("npm install && npm run host");
    expect(README.indexOf("npm run host")).toBeLessThan(README.indexOf("localStorage.setItem"));
  });

  it("says of every shell block whether it runs, and runs the servers, the tools and the checks", () => {
    const blocks = readmeBlocks(README);
    expect(blocks.map((b) => [b.run, b.script.split("\n")[0]])).toEqual([
      ["server", "npm install && npm run host"],
      ["server", "npm start"],
      ["not run", "npm install && npm test"],
      ["command", "npm run build && (npm run preview > preview.log 2>&1 &)"],
    ]);
    expect(() => readmeBlocks("```sh\nnpm run anything\n```")).toThrow(/no run marker/);
  });

  it("runs the check as the README writes it, with the reports it names", () => {
    const ran = readmeBlocks(README)
      .filter((b) => b.run !== "not run")
      .flatMap((b) => commandsOf(b.script));
    expect(reportOf(ran)).toBe("check-report");
    expect(reportOf(["npx calling-stand-in host --app https://x/"])).toBeUndefined();
  });

  it("shows, in the package's README, the CI job init writes, as it writes it", () => {
    const kitReadme = readFileSync("kit/README.md", "utf8");
    const shown = /<!-- ci-job -->\n```yaml\n([\s\S]*?)\n```/.exec(kitReadme)?.[1];
    const written = githubJob({
      app: "https://localhost:3000/",
      actionsFile: "calling-actions.json",
      scripts: { build: "vite build", start: "node server.mjs" },
    });
    expect(`${shown}\n`).toBe(written);
  });

  it("reads a block's commands line by line, split at &&, a backgrounded one out of its parentheses", () => {
    expect(commandsOf("npm run build && (npm run preview > p.log 2>&1 &)\nnpx x check\n")).toEqual([
      "npm run build",
      "npm run preview > p.log 2>&1 &",
      "npx x check",
    ]);
  });

  it("never puts an API key on a command line (only the stand-in's documented one)", () => {
    for (const page of PAGES) {
      const text = readFileSync(page, "utf8");
      const keys = [...text.matchAll(/HUBSPOT_DEVELOPER_API_KEY=([^\s`]*)/g)].map((m) => m[1]);
      expect(
        keys.filter((key) => key !== "stand-in-developer-key"),
        page,
      ).toEqual([]);
    }
  });

  it("links only to pages that exist", () => {
    for (const page of PAGES) {
      const text = readFileSync(page, "utf8");
      const dir = page.includes("/") ? page.slice(0, page.lastIndexOf("/") + 1) : "";
      for (const [, target] of text.matchAll(/\]\(((?!https?:|#)[^)#\s]+)\)/g)) {
        const path = `${dir}${target}`.replace(/[^/]+\/\.\.\//g, "");
        expect(() => readFileSync(path), `${page} → ${target}`).not.toThrow();
      }
    }
  });
});
