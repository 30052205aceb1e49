/**
 * Builds the package into dist/: the stand-in's page (Vite, once, so nothing builds it at run
 * time), the commands, the check's Playwright config, spec and reporter, and the test fixture
 * (esbuild: JavaScript for Node 20, with what they share from the repository's common/ inside),
 * and the fixture's type declarations (tsc, then rolled into one file). `--if-stale` does nothing when dist/ is newer than
 * every source it is built from.
 *
 * It builds beside dist/ and swaps the result in at the end: a stand-in or check already serving
 * from dist/ (a test run, `npm run host`) keeps its files while `npm pack` rebuilds them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const kit = fileURLToPath(new URL(".", import.meta.url));
const repo = join(kit, "..");
const dist = join(kit, "dist");
const stamp = join(dist, ".built");

/** What dist/ is made from: a change to any of them makes it stale. */
const SOURCES = [kit, join(repo, "common"), join(repo, "styles"), join(repo, "server.config.ts")];

function newest(path: string): number {
  // Not inputs: dependencies, the build itself, and the API report (written from the build).
  if (path.endsWith("/node_modules") || path === dist || path.startsWith(`${dist}.`)) return 0;
  if (path === join(kit, "api")) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (process.argv.includes("--if-stale") && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  if (SOURCES.every((source) => newest(source) <= built)) process.exit(0);
}

// The builders are loaded only to build: a check that finds dist/ up to date (every `npm test`,
// `npm run host` and `npm install` asks) takes a fraction of a second instead of two.
const [{ Extractor, ExtractorConfig }, { build: bundle }, { build: buildPage }] = await Promise.all(
  [import("@microsoft/api-extractor"), import("esbuild"), import("vite")],
);

const started = Date.now();
const next = `${dist}.${process.pid}`;
rmSync(next, { recursive: true, force: true });

await buildPage({
  configFile: join(kit, "stand-in/vite.config.ts"),
  logLevel: "warn",
  build: { outDir: join(next, "stand-in"), emptyOutDir: true },
});

await bundle({
  entryPoints: {
    cli: join(kit, "cli/main.ts"),
    test: join(kit, "test.ts"),
    "check/playwright.config": join(kit, "check/playwright.config.ts"),
    "check/scenarios.spec": join(kit, "check/scenarios.spec.ts"),
    "check/reporter": join(kit, "check/reporter.ts"),
  },
  outdir: next,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  // Smaller, with names kept, so a stack trace from a team's run still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // The team's own Playwright (the fixture must be theirs), and HubSpot's client, installed beside.
  external: ["@playwright/test", "playwright-core", "@hubspot/api-client"],
  banner: {
    // Bundled CommonJS code (the certificate maker) calls require(); ES modules have none.
    js: "import { createRequire as __kitRequire } from 'node:module'; const require = __kitRequire(import.meta.url);",
  },
  logLevel: "warning",
});

execFileSync(
  process.execPath,
  [
    join(repo, "node_modules/typescript/bin/tsc"),
    ...["-p", join(kit, "tsconfig.types.json"), "--outDir", join(next, "types")],
  ],
  { stdio: "inherit" },
);

// The fixture's types as one file (API Extractor's rollup of tsc's), so that a team's TypeScript
// resolves them under any moduleResolution (NodeNext reads no extensionless relative import). Its
// API report is checked apart (npm test's "API report"), not rewritten by a build.
const extractor = ExtractorConfig.loadFile(join(kit, "api-extractor.json"));
const rollup = Extractor.invoke(
  ExtractorConfig.prepare({
    configObject: {
      ...extractor,
      projectFolder: kit,
      mainEntryPointFilePath: join(next, "types/kit/test.d.ts"),
      compiler: { tsconfigFilePath: join(kit, "tsconfig.types.json") },
      apiReport: { enabled: false, reportFileName: "unused" },
      dtsRollup: { enabled: true, untrimmedFilePath: join(next, "test.d.ts") },
    },
    configObjectFullPath: join(kit, "api-extractor.json"),
    packageJsonFullPath: join(kit, "package.json"),
  }),
  {
    localBuild: true,
    // Its notes (which types are not exported) are the report's to show, not the build's.
    messageCallback: (message) => {
      message.handled = true;
    },
  },
);
if (!rollup.succeeded) throw new Error(`API Extractor: ${rollup.errorCount} errors in the types`);

// Two renames: the old build is gone from dist/ only for the instant between them.
const old = `${dist}.old.${process.pid}`;
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
// After the renames, which touch kit/ itself: the stamp must be no older than every source (the
// clock may give both the same time).
writeFileSync(stamp, new Date().toISOString());
process.stdout.write(`Built ${dist} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
