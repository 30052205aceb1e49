// `npm run bench:trace [app URL]`: where a handshake's time goes, from Chromium's own trace. Loads
// the app (default: the build, as `npm run bench` serves it) in the stand-in on 127.0.0.1 eight
// times, traces each load, and prints the median main-thread time of the app's renderer by kind
// of work, then one load's timeline. Run `npm run bench` first: it builds what this serves.
import { type Browser, chromium, type Page } from "@playwright/test";
import { chromiumLaunch, NO_CHROMIUM } from "../common/chromium.ts";
import { HOST_PORT, SOFTPHONE_PORT } from "../common/ports.ts";
import { startServers } from "./servers.ts";

const APP = process.argv[2] ?? `https://localhost:${SOFTPHONE_PORT}/`;
const LOADS = 8;
const KINDS = [
  "ParseHTML",
  "v8.compileModule",
  "v8.evaluateModule",
  "UpdateLayoutTree",
  "Layout",
  "PrePaint",
  "Paint",
  "Commit",
  "FunctionCall",
  "FireAnimationFrame",
] as const;

interface SessionEvent {
  name: string;
  pid: number;
  tid: number;
  ts: number;
  ph: string;
  dur?: number;
  args?: unknown;
}

async function traceLoad(
  browser: Browser,
  page: Page,
): Promise<{ events: SessionEvent[]; ms: number }> {
  const url = `https://127.0.0.1:${HOST_PORT}/?app=${encodeURIComponent(APP)}`;
  const initialized = () =>
    page.waitForFunction(() => window.standIn.received().some((m) => m.type === "INITIALIZED"));
  await page.goto(url); // warms the HTTP cache, as the benchmark's first load does
  await initialized();
  await page.goto("about:blank");
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute"],
  });
  await page.goto(url);
  await initialized();
  const ms = await page.evaluate(
    () =>
      (window.standIn.received().find((m) => m.type === "INITIALIZED")?.receivedAt ?? 0) -
      window.standIn.frameCreatedAt(),
  );
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: SessionEvent[];
  };
  // The app's main thread is the one that parsed its page.
  const origin = new URL(APP).origin;
  const parse = trace.traceEvents.find(
    (e) => e.name === "ParseHTML" && JSON.stringify(e.args ?? {}).includes(origin),
  );
  const events = trace.traceEvents.filter(
    (e) => e.pid === parse?.pid && e.tid === parse?.tid && e.ph === "X" && (e.dur ?? 0) > 0,
  );
  return { events, ms };
}

const launch = chromiumLaunch();
if (!launch) throw new Error(NO_CHROMIUM);
const stop = await startServers({ dev: false });
const browser = await chromium.launch(launch);
const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
const totals = new Map<string, number[]>();
const add = (kind: string, ms: number) => totals.set(kind, [...(totals.get(kind) ?? []), ms]);
let timeline: SessionEvent[] = [];
for (let i = 0; i < LOADS; i++) {
  const { events, ms } = await traceLoad(browser, page);
  add("handshake (traced)", ms);
  add(
    "main thread, all tasks",
    events.filter((e) => e.name === "RunTask").reduce((n, e) => n + (e.dur ?? 0), 0) / 1000,
  );
  for (const kind of KINDS) {
    add(kind, events.filter((e) => e.name === kind).reduce((n, e) => n + (e.dur ?? 0), 0) / 1000);
  }
  if (i === LOADS - 1) timeline = events;
}
const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(`${APP}: medians of ${LOADS} traced loads, ms`);
for (const [kind, xs] of totals) console.log(`  ${kind.padEnd(24)} ${median(xs).toFixed(1)}`);
const start = timeline.find((e) => e.name === "ParseHTML")?.ts ?? 0;
console.log("One load, ms from the start of parsing (tasks over 0.3 ms):");
for (const e of timeline.filter(
  (e) => (KINDS as readonly string[]).includes(e.name) && (e.dur ?? 0) > 300,
)) {
  console.log(
    `  ${((e.ts - start) / 1000).toFixed(1).padStart(6)} +${((e.dur ?? 0) / 1000).toFixed(1)} ${e.name}`,
  );
}
await browser.close();
await stop();
