#!/usr/bin/env node
// The package's command: the built CLI (dist/), or, in a checkout where it is not built yet, how to.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    "hubspot-calling-stand-in is not built: run `npm run build` in its folder (in the softphone's repository: npm run build:kit).\n",
  );
  process.exit(2);
}
await import(cli.href);
