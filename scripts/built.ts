// `npm run preview` serves the build in dist/: said plainly when there is none, instead of a
// server that answers every request with 404.
import { existsSync } from "node:fs";

if (!existsSync("dist/index.html")) {
  process.stderr.write(
    "There is no build to serve: run `npm run build` first (it writes dist/).\n",
  );
  process.exit(1);
}
