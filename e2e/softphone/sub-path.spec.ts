import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { extname, join, normalize } from "node:path";
import { expect, test } from "hubspot-calling-stand-in/test";
import { STATIC_PORT } from "../../common/ports";
import { securityHeaders } from "../../server.config";
import { callStatus, fact, lastReceived } from "../standIn";

/** Where HubSpot's demos live: a GitHub Pages project site serves a build under `/<repo>/`. */
const BASE = "/calling-extensions-sdk/";
const DIST = ".e2e/softphone"; // the build the Playwright config made
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };

let server: Server;

test.beforeAll(async () => {
  // The same self-signed certificate as the other servers; a static host sends its own headers.
  const pem = readFileSync("node_modules/.cache/https/_cert.pem");
  server = createServer({ key: pem, cert: pem }, (request, response) => {
    const path = new URL(request.url ?? "/", "https://localhost").pathname;
    const file = path.startsWith(BASE) ? normalize(path.slice(BASE.length) || "index.html") : "";
    if (!file || file.startsWith("..")) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(DIST, file));
      const headers = securityHeaders(["https://localhost:*", "https://127.0.0.1:*"]);
      response.writeHead(200, {
        ...headers,
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(STATIC_PORT, "localhost", resolve));
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test.describe("The build on a static host, under a sub-path", () => {
  test("loads from the sub-path and completes a call inside the stand-in", async ({ page }) => {
    const app = `https://localhost:${STATIC_PORT}${BASE}`;
    await page.goto(`/?app=${encodeURIComponent(app)}`);
    const softphone = page.frameLocator("#hubspot-calling-extension-iframe");
    await expect(callStatus(softphone)).toHaveText("Logged out");
    await softphone.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("button", { name: "Call Ada Lovelace at +1 617-555-0101" }).click();
    await softphone.getByRole("button", { name: "Dial" }).click();
    await expect(fact(softphone, "Engagement")).toHaveText(/^\d+$/);
    await softphone.getByRole("button", { name: "Answer" }).click();
    await softphone.getByRole("button", { name: "End", exact: true }).click();
    await softphone.getByRole("button", { name: "Complete" }).click();
    expect(await lastReceived(page, "CALL_COMPLETED")).toMatchObject({
      engagementProperties: { hs_call_to_number: "+1 617-555-0101" },
    });
    await expect(callStatus(softphone)).toHaveText("Ready");
  });
});
