/**
 * The handshake's floor: a page holding nothing but the SDK and `initialized()`, its script inlined
 * in the HTML, so one request. The benchmark builds it here (with the same Vite and SDK as the
 * softphone) and serves it, so the softphone's handshake is measured against it in the same run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Rollup } from "vite";

const ENTRY = `
import CallingExtensions from "@hubspot/calling-extensions-sdk";
const extensions = new CallingExtensions({
  debugMode: false,
  eventHandlers: {
    onReady: () => extensions.initialized({ isLoggedIn: false, isAvailable: false }),
  },
});
`;

/** Builds the floor page into `outDir/index.html`. */
export async function buildFloor(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, "floor-entry.js");
  writeFileSync(entry, ENTRY);
  const result = (await build({
    configFile: false,
    logLevel: "silent",
    build: {
      write: false,
      target: "es2022",
      modulePreload: false,
      rollupOptions: { input: entry },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === "chunk");
  if (chunk?.type !== "chunk") throw new Error("The floor page's build made no script");
  const script = chunk.code.replaceAll("</script", "<\\/script");
  writeFileSync(
    join(outDir, "index.html"),
    `<!doctype html><meta charset="utf-8"><title>Floor</title><script type="module">${script}</script>`,
  );
}
