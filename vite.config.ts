import { defineConfig } from "vite";
import { https, SOFTPHONE_PORT, securityHeaders } from "./server.config.ts";
import { parseTrustedHosts } from "./src/trustedHosts.ts";

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

export default defineConfig({
  plugins: tls.plugins,
  define: { __TRUSTED_HOSTS__: JSON.stringify(trustedHosts) },
  server,
  preview: server,
  build: { target: "es2022", modulePreload: { polyfill: false } },
});
