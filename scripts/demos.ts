// `npm run demos -- --sdk-repo PATH`: builds HubSpot's two demo calling apps from a checkout of
// HubSpot/calling-extensions-sdk (with their own webpack builds) and serves them on
// https://localhost:9031/, with the libraries their pages load from CDNs served from the same npm
// packages instead, so `npm run check` can run them on a machine with only the npm registry.
// Their code is never copied into this project: it is built in .demos/, which git ignores.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { preview } from "vite";
import { DEMOS_PORT } from "../common/ports.ts";
import { https } from "../server.config.ts";

const WORK = resolve(".demos");
const SITE = join(WORK, "site");
const SDK_VERSION: string = JSON.parse(readFileSync("package.json", "utf8")).dependencies[
  "@hubspot/calling-extensions-sdk"
];

/** Each CDN file the demos' pages load, and the npm file served in its place. */
const CDN: readonly { url: string; pkg: string; file: string }[] = [
  {
    url: "https://code.jquery.com/jquery-3.2.1.slim.min.js",
    pkg: "jquery@3.2.1",
    file: "jquery/dist/jquery.slim.min.js",
  },
  {
    url: "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js",
    pkg: "popper.js@1.12.9",
    file: "popper.js/dist/umd/popper.min.js",
  },
  {
    url: "https://maxcdn.bootstrapcdn.com/bootstrap/4.0.0/css/bootstrap.min.css",
    pkg: "bootstrap@4.0.0",
    file: "bootstrap/dist/css/bootstrap.min.css",
  },
  {
    url: "https://maxcdn.bootstrapcdn.com/bootstrap/4.0.0/js/bootstrap.min.js",
    pkg: "bootstrap@4.0.0",
    file: "bootstrap/dist/js/bootstrap.min.js",
  },
  {
    url: "https://cdn.jsdelivr.net/npm/@hubspot/calling-extensions-sdk@latest/dist/main.js",
    pkg: `@hubspot/calling-extensions-sdk@${SDK_VERSION}`,
    file: "@hubspot/calling-extensions-sdk/dist/main.js",
  },
  {
    url: "https://cdnjs.cloudflare.com/ajax/libs/react/18.2.0/umd/react.production.min.js",
    pkg: "react@18.2.0",
    file: "react/umd/react.production.min.js",
  },
  {
    url: "https://cdnjs.cloudflare.com/ajax/libs/react-dom/18.2.0/umd/react-dom.production.min.js",
    pkg: "react-dom@18.2.0",
    file: "react-dom/umd/react-dom.production.min.js",
  },
];

const DEMOS = [
  // The page loads the SDK from the CDN; the lockfile installs webpack.
  { name: "demo-minimal-js", install: [] as string[], out: "bin", page: "demo-minimal-js.html" },
  // Its lockfile pins an SDK version the registry may no longer have: the project's own is used.
  {
    name: "demo-react-ts",
    install: [`@hubspot/calling-extensions-sdk@${SDK_VERSION}`],
    out: "dist",
    page: "demo-react-ts.html",
  },
];

const run = (cwd: string, command: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(command, args, { cwd, stdio: "inherit", env: { ...process.env, ...env } });

/** The page with its CDN files swapped for local ones, and web fonts and integrity hashes dropped. */
function localPage(html: string): string {
  let page = html;
  for (const { url, file } of CDN) page = page.replaceAll(url, `cdn/${file.split("/").at(-1)}`);
  page = page
    .replace(/\s+integrity="[^"]*"/g, "")
    .replace(/<link[^>]*fonts\.(googleapis|gstatic)\.com[^>]*>/g, "");
  const left = [...page.matchAll(/(?:src|href)=["'](https?:\/\/[^"']+)/g)].map((m) => m[1]);
  // What is left only decorates the page (icons, fonts' stylesheets): the demos work without it.
  for (const url of left)
    console.warn(`Left as is (the page works without it where it cannot be loaded): ${url}`);
  return page;
}

function build(repo: string): void {
  mkdirSync(join(SITE, "cdn"), { recursive: true });
  for (const demo of DEMOS) {
    const source = join(repo, "demos", demo.name);
    if (!existsSync(join(source, "package.json")))
      throw new Error(
        `${source} has no package.json: is --sdk-repo a checkout of HubSpot/calling-extensions-sdk?`,
      );
    const dir = join(WORK, demo.name);
    rmSync(dir, { recursive: true, force: true });
    cpSync(source, dir, { recursive: true, filter: (path) => !path.includes("node_modules") });
    run(dir, "npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...demo.install]);
    run(dir, "npx", ["--no-install", "webpack"], { NODE_ENV: "production" });
    cpSync(join(dir, demo.out), SITE, { recursive: true });
    const page = join(SITE, demo.page);
    writeFileSync(page, localPage(readFileSync(page, "utf8")));
  }
  const cdn = join(WORK, "cdn");
  mkdirSync(cdn, { recursive: true });
  writeFileSync(join(cdn, "package.json"), '{ "private": true }\n');
  run(cdn, "npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    ...new Set(CDN.map((c) => c.pkg)),
  ]);
  for (const { file } of CDN)
    cpSync(join(cdn, "node_modules", file), join(SITE, "cdn", file.split("/").at(-1) ?? file));
}

const USAGE = `Usage: npm run demos -- --sdk-repo PATH [--no-build]

Builds HubSpot's two demo calling apps from a checkout of HubSpot's SDK repository and serves them
on https://localhost:${DEMOS_PORT}/ until Ctrl-C, for \`npm run check\`. First:

  git clone https://github.com/HubSpot/calling-extensions-sdk ../calling-extensions-sdk
  npm run demos -- --sdk-repo ../calling-extensions-sdk

The build takes about 30 s and 240 MB in .demos/ (ignored by git), and needs the npm registry
(each demo's own webpack build, and the libraries their pages load from CDNs). Webpack's size
warnings are the demos' own. --no-build serves what .demos/ already holds.`;

const { values } = parseArgs({
  options: {
    "sdk-repo": { type: "string" },
    "no-build": { type: "boolean" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values["no-build"]) {
  const repo = values["sdk-repo"];
  if (!repo) {
    console.error(USAGE);
    process.exit(2);
  }
  console.log("Building HubSpot's demos in .demos/ (about 30 s)…");
  build(resolve(repo));
}
const server = await preview({
  configFile: false,
  plugins: https().plugins,
  logLevel: "error",
  build: { outDir: SITE },
  preview: { port: DEMOS_PORT, strictPort: true, open: false },
});
const base = `https://localhost:${DEMOS_PORT}/`;
console.log(`HubSpot's demos are served on ${base} until Ctrl-C. Check them with:
  npm run check -- --app ${base}demo-minimal-js.html --actions kit/check/demos/demo-minimal-js.json
  npm run check -- --app ${base}demo-react-ts.html --actions kit/check/demos/demo-react-ts.json`);
process.on("SIGINT", () => server.httpServer.close(() => process.exit(0)));
