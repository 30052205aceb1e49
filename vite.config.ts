import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";
import { SOFTPHONE_PORT } from "./common/ports.ts";
import { parseTrustedHosts } from "./common/trustedHosts.ts";
import { https, securityHeaders } from "./server.config.ts";
import { parseLines } from "./src/core/lines.ts";

const trustedHosts = parseTrustedHosts(process.env.SOFTPHONE_TRUSTED_HOSTS);
const tls = https();
const server = {
  port: SOFTPHONE_PORT,
  strictPort: true,
  https: tls.https,
  headers: securityHeaders(["'self'", ...trustedHosts]),
  // Vite itself skips opening a browser when BROWSER=none.
  open: true,
};

/**
 * Drops the page's indentation from the build: bytes every HubSpot user loads for nothing. Only
 * leading white space goes (a line break still separates words); the page has no `<pre>` text.
 */
const trimHtml: Plugin = {
  name: "trim-html",
  apply: "build",
  transformIndexHtml: (html) => html.replace(/\n\s+/g, "\n"),
};

/**
 * `npm run preview` serves the build's hashed files (`assets/`) as a production host should: for a
 * year, never asked again (their names change with their content). Vite's preview asks again on
 * every load (`no-cache`), a round trip before the script runs on each opening of the widget,
 * which is what a HubSpot user does all day. The page itself is still asked for every time.
 */
const immutableAssets: Plugin = {
  name: "immutable-assets",
  configurePreviewServer(server) {
    const dir = resolve(server.config.root, server.config.build.outDir, "assets");
    server.middlewares.use("/assets", (req, res, next) => {
      const name = decodeURIComponent((req.url ?? "").split("?")[0] ?? "").replace(/^\//, "");
      const file = join(dir, name);
      if (!/^[\w-]+\.js$/.test(name) || !existsSync(file)) return next();
      for (const [header, value] of Object.entries(server.config.preview.headers ?? {}))
        if (value !== undefined) res.setHeader(header, value);
      res.setHeader("Content-Type", "text/javascript");
      res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      res.end(readFileSync(file));
    });
  },
};

export default defineConfig({
  // Relative asset paths: the same `dist/` works from any path, e.g. a GitHub Pages project site
  // (`/<repo>/`), where HubSpot's own demos live. (The dev server serves from `/` whatever this says.)
  base: "./",
  plugins: [...tls.plugins, trimHtml, immutableAssets],
  define: {
    __TRUSTED_HOSTS__: JSON.stringify(trustedHosts),
    __LINES__: JSON.stringify(parseLines(process.env.SOFTPHONE_LINES)),
  },
  server,
  preview: server,
  build: { target: "es2022", modulePreload: { polyfill: false } },
});
