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

export default defineConfig({
  // Relative asset paths: the same `dist/` works from any path, e.g. a GitHub Pages project site
  // (`/<repo>/`), where HubSpot's own demos live. (The dev server serves from `/` whatever this says.)
  base: "./",
  plugins: [...tls.plugins, trimHtml],
  define: {
    __TRUSTED_HOSTS__: JSON.stringify(trustedHosts),
    __LINES__: JSON.stringify(parseLines(process.env.SOFTPHONE_LINES)),
  },
  server,
  preview: server,
  build: { target: "es2022", modulePreload: { polyfill: false } },
});
