// `npm run host`: the HubSpot stand-in, plus the softphone unless something already serves it.
// Opens the stand-in unless BROWSER=none.
import { connect } from "node:net";
import { createServer } from "vite";
import { SOFTPHONE_PORT } from "../common/ports.ts";

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "localhost" });
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

if (await listening(SOFTPHONE_PORT)) {
  console.log(`Softphone already served on port ${SOFTPHONE_PORT}: using it.`);
} else {
  const softphone = await createServer({ configFile: "vite.config.ts", server: { open: false } });
  await softphone.listen();
  softphone.printUrls();
}
const host = await createServer({ configFile: "kit/host/vite.config.ts" });
await host.listen();
host.printUrls();
