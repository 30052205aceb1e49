// `npm run bench`: builds the softphone, runs it in headless Chromium inside the HubSpot stand-in,
// and prints (and writes to bench-results/bench.json) what it costs a HubSpot user: bytes, time to
// the handshake, click-to-HubSpot latency, a 10,000-message burst, and the browser suite's time.
// `--quick` skips the browser suite. Timings are medians (and p95) of many runs: quote those.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { build, createServer, preview } from "vite";
import { chromiumLaunch, NO_CHROMIUM } from "../scripts/chromium.js";

const OUT_DIR = "dist-bench";
const DEV = "https://localhost:9025";
const BUILD = "https://localhost:9027";
// The stand-in on 127.0.0.1 frames the softphone on localhost: another site, so Chromium gives the
// softphone its own process, as in HubSpot, and the stand-in's work is not counted as the softphone's.
const HOST = "https://127.0.0.1:9026";
const LOADS = 20;
const CLICKS = 50;
const BURST = 10_000;
const quick = process.argv.includes("--quick");
/** `--only=burst,handshake`: just those measures, while working on one of them. */
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const wanted = (name) => !only || only.includes(name);

const BUDGET = { bytes: 8 * 1024, thirdParty: 0, handshakeMs: 100, clickMs: 16, longTaskMs: 50 };

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

async function measureBytes() {
  await build({
    configFile: "vite.config.ts",
    logLevel: "silent",
    build: { outDir: OUT_DIR, emptyOutDir: true },
  });
  const perFile = files(OUT_DIR).map((path) => {
    const raw = readFileSync(path);
    return {
      file: relative(OUT_DIR, path),
      bytes: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
    };
  });
  return { perFile, gzipTotal: perFile.reduce((n, f) => n + f.gzip, 0) };
}

async function startServers() {
  const servers = [];
  const dev = await createServer({
    configFile: "vite.config.ts",
    logLevel: "error",
    server: { open: false },
  });
  await dev.listen();
  servers.push(() => dev.close());
  const built = await preview({
    configFile: "vite.config.ts",
    logLevel: "error",
    build: { outDir: OUT_DIR },
    preview: { port: 9027, open: false },
  });
  servers.push(() => new Promise((resolve) => built.httpServer.close(resolve)));
  const host = await createServer({
    configFile: "host/vite.config.ts",
    logLevel: "error",
    server: { open: false },
  });
  await host.listen();
  servers.push(() => host.close());
  return () => Promise.all(servers.map((close) => close()));
}

const appFrame = (page, origin) => page.frames().find((f) => f.url().startsWith(origin));
const received = (page) =>
  page.evaluate(() =>
    window.standIn.received().map(({ type, receivedAt }) => ({ type, receivedAt })),
  );

async function waitFor(page, predicate, what, timeout = 15_000) {
  const start = Date.now();
  for (;;) {
    if (await predicate()) return;
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await page.waitForTimeout(10);
  }
}

async function initialized(page) {
  await waitFor(
    page,
    async () => (await received(page)).some((m) => m.type === "INITIALIZED"),
    "INITIALIZED",
  );
}

/** Handshake: from the stand-in creating the frame to it receiving INITIALIZED, both on its clock. */
async function measureHandshakes(context, app) {
  const times = [];
  const page = await context.newPage();
  for (let i = 0; i <= LOADS; i++) {
    await page.goto(`${HOST}/?app=${encodeURIComponent(`${app}/`)}`);
    await initialized(page);
    const createdAt = await page.evaluate(() => window.standIn.frameCreatedAt());
    const init = (await received(page)).find((m) => m.type === "INITIALIZED");
    if (i > 0) times.push(init.receivedAt - createdAt); // the first load warms the HTTP cache
  }
  await page.close();
  return { median: round(median(times)), p95: round(quantile(times, 0.95)), runs: times.length };
}

async function thirdPartyRequests(context) {
  const page = await context.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(`${HOST}/?app=${encodeURIComponent(`${BUILD}/`)}`);
  await initialized(page);
  await page.close();
  const own = new Set([HOST, BUILD]);
  return requests.filter((url) => !url.startsWith("data:") && !own.has(new URL(url).origin));
}

/** Click-to-host: the click event's time in the app to the stand-in receiving the message. */
async function measureClicks(context) {
  const page = await context.newPage();
  await page.goto(`${HOST}/?app=${encodeURIComponent(`${BUILD}/`)}`);
  await initialized(page);
  const app = page.frameLocator("iframe");
  await app.getByRole("button", { name: "Log in" }).click();
  await app.getByText("More actions").click();
  await appFrame(page, BUILD).evaluate(() => {
    window.__clicks = [];
    addEventListener(
      "click",
      (event) => window.__clicks.push(performance.timeOrigin + event.timeStamp),
      true,
    );
  });
  const before = (await received(page)).length;
  for (let i = 0; i < CLICKS; i++) {
    const name = i % 2 === 0 ? "Available" : "Unavailable";
    await app.getByRole("button", { name, exact: true }).click();
    await waitFor(page, async () => (await received(page)).length === before + i + 1, `click ${i}`);
  }
  const clicks = await appFrame(page, BUILD).evaluate(() => window.__clicks);
  const arrivals = (await received(page)).slice(before).map((m) => m.receivedAt);
  const latencies = arrivals.map((at, i) => at - clicks[i]);
  await page.close();
  return {
    median: round(median(latencies), 2),
    p95: round(quantile(latencies, 0.95), 2),
    runs: latencies.length,
  };
}

/**
 * The same burst under Chromium's tracing, for what the Long Tasks API cannot tell: how much of the
 * longest task was the softphone's own CPU time, and how much it waited for a core.
 */
async function traceBurst(browser, context) {
  const page = await context.newPage();
  await page.goto(`${HOST}/?app=${encodeURIComponent(`${BUILD}/`)}`);
  await initialized(page);
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"],
  });
  await page.evaluate(
    ([origin, count]) => {
      const target = document.querySelector("iframe").contentWindow;
      for (let i = 0; i < count; i++) {
        const data = { isMinimized: false, isHidden: false, i };
        target.postMessage({ type: "VISIBILITY_CHANGED", messageId: `trace_${i}`, data }, origin);
      }
    },
    [BUILD, BURST],
  );
  await page.waitForTimeout(3_000);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  await page.close();
  const frames = traceEvents.find((e) => e.name === "TracingStartedInBrowser")?.args?.data?.frames;
  const pid = frames?.find((f) => f.url?.startsWith(BUILD))?.processId;
  const main = traceEvents.find(
    (e) => e.pid === pid && e.name === "thread_name" && e.args?.name === "CrRendererMain",
  );
  const tasks = traceEvents.filter(
    (e) => e.pid === pid && e.tid === main?.tid && e.name === "RunTask" && e.dur,
  );
  if (tasks.length === 0) return null;
  const longest = tasks.reduce((a, b) => (b.dur > a.dur ? b : a));
  const ms = (us) => round(us / 1000);
  return {
    longestTaskWallMs: ms(longest.dur),
    longestTaskCpuMs: ms(longest.tdur ?? Number.NaN),
    maxTaskCpuMs: ms(Math.max(...tasks.map((t) => t.tdur ?? 0))),
    mainThreadWallMs: ms(tasks.reduce((n, t) => n + t.dur, 0)),
    mainThreadCpuMs: ms(tasks.reduce((n, t) => n + (t.tdur ?? 0), 0)),
  };
}

/** A burst of host messages: time until the last is shown, the longest task, DOM and heap after. */
async function measureBurst(context) {
  const page = await context.newPage();
  await page.goto(`${HOST}/?app=${encodeURIComponent(`${BUILD}/`)}`);
  await initialized(page);
  const frame = appFrame(page, BUILD);
  await frame.evaluate((last) => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        window.__longTasks.push({ duration: entry.duration, name: entry.name });
    }).observe({ type: "longtask" });
    const log = document.querySelector('[role="log"]');
    new MutationObserver(() => {
      if (
        window.__lastShownAt === undefined &&
        log.lastElementChild?.textContent.includes(`"i": ${last}`)
      ) {
        window.__lastShownAt = performance.timeOrigin + performance.now();
      }
    }).observe(log, { childList: true });
  }, BURST - 1);
  const startedAt = await page.evaluate(
    ([origin, count]) => {
      const target = document.querySelector("iframe").contentWindow;
      const start = performance.timeOrigin + performance.now();
      for (let i = 0; i < count; i++) {
        target.postMessage(
          {
            type: "VISIBILITY_CHANGED",
            messageId: `burst_${i}`,
            data: { isMinimized: false, isHidden: false, i },
          },
          origin,
        );
      }
      return start;
    },
    [BUILD, BURST],
  );
  await waitFor(
    page,
    () => frame.evaluate(() => window.__lastShownAt !== undefined),
    "the burst's last message",
  );
  await page.waitForTimeout(200);
  const result = await frame.evaluate(() => ({
    lastShownAt: window.__lastShownAt,
    longTasks: window.__longTasks,
    domNodes: document.getElementsByTagName("*").length,
  }));
  let heapBytes = null;
  try {
    const cdp = await context.newCDPSession(frame);
    await cdp.send("HeapProfiler.collectGarbage");
    heapBytes = (await cdp.send("Runtime.getHeapUsage")).usedSize;
  } catch {
    // Not an out-of-process frame here: no heap of its own to read.
  }
  await page.close();
  const selfTasks = result.longTasks.filter((t) => t.name === "self");
  return {
    messages: BURST,
    lastShownMs: round(result.lastShownAt - startedAt),
    longestTaskMs: round(Math.max(0, ...selfTasks.map((t) => t.duration))),
    longTasks: selfTasks.length,
    domNodes: result.domNodes,
    heapBytes,
  };
}

function suiteTime() {
  const start = Date.now();
  const run = spawnSync("npx", ["playwright", "test"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CI: "" },
  });
  return { seconds: round((Date.now() - start) / 1000), passed: run.status === 0 };
}

function row(name, value, budget, ok) {
  const status = ok === undefined ? "" : ok ? "✓" : "✗";
  return `| ${name} | ${value} | ${budget} | ${status} |`;
}

async function main() {
  const launch = chromiumLaunch();
  if (!launch) throw new Error(NO_CHROMIUM);
  console.log("Building…");
  const bytes = await measureBytes();
  const stop = await startServers();
  const browser = await chromium.launch(launch);
  let figures;
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    console.log("Measuring requests, handshakes, clicks and a burst…");
    const skipped = { median: Number.NaN, p95: Number.NaN, runs: 0 };
    const thirdParty = wanted("requests") ? await thirdPartyRequests(context) : [];
    const handshakeBuild = wanted("handshake") ? await measureHandshakes(context, BUILD) : skipped;
    const handshakeDev = wanted("handshake") ? await measureHandshakes(context, DEV) : skipped;
    const clicks = wanted("clicks") ? await measureClicks(context) : skipped;
    const noBurst = { messages: 0, lastShownMs: Number.NaN, longestTaskMs: Number.NaN };
    const burst = wanted("burst")
      ? { ...(await measureBurst(context)), trace: await traceBurst(browser, context) }
      : { ...noBurst, longTasks: 0, domNodes: 0, heapBytes: null, trace: null };
    figures = { bytes, thirdParty, handshakeBuild, handshakeDev, clicks, burst };
  } finally {
    await browser.close();
    await stop();
  }
  if (!quick && !only) {
    console.log("Running the browser suite…");
    figures.suite = suiteTime();
  }
  figures.machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: launch.executablePath ?? "Playwright's",
  };
  figures.date = new Date().toISOString();

  const { perFile, gzipTotal } = figures.bytes;
  const lines = [
    "| measure | value | budget | |",
    "|---|---|---|---|",
    ...perFile.map((f) =>
      row(`first load: ${f.file}`, `${f.gzip} B gzip (${f.bytes} B)`, "", undefined),
    ),
    row(
      "first load, total",
      `${gzipTotal} B gzip`,
      `≤ ${BUDGET.bytes} B`,
      gzipTotal <= BUDGET.bytes,
    ),
    row(
      "requests to other hosts",
      String(figures.thirdParty.length),
      "0",
      figures.thirdParty.length === BUDGET.thirdParty,
    ),
    row(
      `handshake, build (median / p95 of ${figures.handshakeBuild.runs})`,
      `${figures.handshakeBuild.median} / ${figures.handshakeBuild.p95} ms`,
      `median ≤ ${BUDGET.handshakeMs} ms`,
      figures.handshakeBuild.median <= BUDGET.handshakeMs,
    ),
    row(
      `handshake, dev server (median / p95 of ${figures.handshakeDev.runs})`,
      `${figures.handshakeDev.median} / ${figures.handshakeDev.p95} ms`,
      "",
      undefined,
    ),
    row(
      `click to host (median / p95 of ${figures.clicks.runs})`,
      `${figures.clicks.median} / ${figures.clicks.p95} ms`,
      `median ≤ ${BUDGET.clickMs} ms`,
      figures.clicks.median <= BUDGET.clickMs,
    ),
    row(`burst of ${BURST}: last shown after`, `${figures.burst.lastShownMs} ms`, "", undefined),
    row(
      "burst: longest task",
      `${figures.burst.longestTaskMs} ms (${figures.burst.longTasks} over 50 ms)`,
      `≤ ${BUDGET.longTaskMs} ms`,
      figures.burst.longestTaskMs <= BUDGET.longTaskMs,
    ),
    row(
      "burst, traced: longest task, wall / its CPU (most CPU in one task)",
      figures.burst.trace
        ? `${figures.burst.trace.longestTaskWallMs} / ${figures.burst.trace.longestTaskCpuMs} ms (${figures.burst.trace.maxTaskCpuMs} ms)`
        : "n/a",
      "",
      undefined,
    ),
    row(
      "burst, traced: main thread busy, wall / CPU",
      figures.burst.trace
        ? `${figures.burst.trace.mainThreadWallMs} / ${figures.burst.trace.mainThreadCpuMs} ms`
        : "n/a",
      "",
      undefined,
    ),
    row("burst: DOM nodes after", String(figures.burst.domNodes), "", undefined),
    row(
      "burst: JS heap after (GC'd)",
      figures.burst.heapBytes === null
        ? "n/a"
        : `${round(figures.burst.heapBytes / 2 ** 20, 2)} MiB`,
      "",
      undefined,
    ),
  ];
  if (figures.suite)
    lines.push(
      row(
        "browser test suite",
        `${figures.suite.seconds} s${figures.suite.passed ? "" : " (FAILED)"}`,
        "",
        undefined,
      ),
    );
  console.log(`\n${lines.join("\n")}\n`);
  console.log(
    `Machine: ${figures.machine.cpus} × ${figures.machine.cpu}, ${figures.machine.memoryGiB} GiB, Node ${figures.machine.node}`,
  );
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/bench.json", `${JSON.stringify(figures, null, 2)}\n`);
  console.log("Figures written to bench-results/bench.json");
}

await main();
