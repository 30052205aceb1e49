// `npm run host`: the HubSpot stand-in on https://localhost:9026, plus the softphone on
// https://localhost:9025 unless something already serves it. Opens the stand-in unless BROWSER=none.
import { connect } from "node:net";
import { createServer } from "vite";

const SOFTPHONE_PORT = 9025;

function listening(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "localhost" });
    socket.once("connect", () => resolve(socket.end() && true));
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
const host = await createServer({ configFile: "host/vite.config.ts" });
await host.listen();
host.printUrls();
