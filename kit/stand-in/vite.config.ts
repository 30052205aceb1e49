import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { HOST_PORT } from "../../common/ports.ts";
import { https, securityHeaders } from "../../server.config.ts";
import { DEFAULT_API_KEY, DEFAULT_SETTINGS_FILE, settingsServer } from "./server/settingsServer.ts";

const tls = https();
const server = {
  port: HOST_PORT,
  strictPort: true,
  https: tls.https,
  // The stand-in is HubSpot's page: nobody frames it, and it frames whichever app it is told to.
  headers: securityHeaders(["'none'"], ["frame-src https:"]),
  open: true,
};

export default defineConfig({
  // The page is its own folder; this config serves it, with the settings endpoints (server/).
  root: fileURLToPath(new URL("./page/", import.meta.url)),
  publicDir: false,
  plugins: [
    ...tls.plugins,
    settingsServer({
      file: process.env.STAND_IN_SETTINGS_FILE ?? DEFAULT_SETTINGS_FILE,
      apiKey: process.env.STAND_IN_API_KEY ?? DEFAULT_API_KEY,
    }),
  ],
  server,
  preview: server,
});
