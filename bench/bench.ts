// `npm run bench`: builds the softphone and a floor page, runs them in headless Chromium inside the
// HubSpot stand-in, and prints (and writes to bench-results/bench.json) what the softphone costs a
// HubSpot user: bytes, time to the handshake (against the floor), click-to-HubSpot latency, a
// 10,000-message burst, the check's full run on the build against the floor, and, with `--suite`, the browser suite's time (three minutes more). `--only=`
// runs some measures. Timings are medians (and p95) of many runs: quote those.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, totalmem } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Frame,
  type Page,
} from "@playwright/test";
import { build } from "vite";
import { chromiumLaunch, NO_CHROMIUM } from "../common/chromium.ts";
import { DEV_PORT, HOST_PORT, SOFTPHONE_PORT } from "../common/ports.ts";
import { BUDGET } from "./budgets.ts";
import { type CheckTimes, measureCheck, scenarioMedians } from "./checkTime.ts";
import { buildFloor } from "./floor.ts";
import { FLOOR_DIR, FLOOR_PORT, OUT_DIR, startServers } from "./servers.ts";

const BUILD = `https://localhost:${SOFTPHONE_PORT}`;
const DEV = `https://localhost:${DEV_PORT}`;
const FLOOR = `https://localhost:${FLOOR_PORT}`;
// The stand-in on 127.0.0.1 frames the apps on localhost: another site, so Chromium gives each its
// own process, as in HubSpot, and the stand-in's work is not counted as the app's.
const HOST = `https://127.0.0.1:${HOST_PORT}`;
const LOADS = 25;
const CLICKS = 50;
const BURST = 10_000;
/** Full checks of each app: each takes 10–20 s. */
const CHECK_RUNS = 3;
/** The browser suite's time is measured only when asked: it is most of the benchmark's time. */
const suite = process.argv.includes("--suite");
/** `--only=burst,handshake`: just those measures, while working on one of them. */
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const wanted = (name: string) => !only || only.includes(name);

interface Spread {
  readonly median: number;
  readonly p95: number;
  readonly runs: number;
}

function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = sorted[Math.floor(at)] ?? Number.NaN;
  const hi = sorted[Math.ceil(at)] ?? Number.NaN;
  return lo + (hi - lo) * (at - Math.floor(at));
}
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const spread = (xs: readonly number[], digits = 1): Spread => ({
  median: round(quantile(xs, 0.5), digits),
  p95: round(quantile(xs, 0.95), digits),
  runs: xs.length,
});

function files(dir: string): string[] {
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

const appFrame = (page: Page, origin: string): Frame => {
  const frame = page.frames().find((f) => f.url().startsWith(origin));
  if (!frame) throw new Error(`No frame from ${origin}`);
  return frame;
};
// `window.standIn` is set once the stand-in's script has asked its server for the registered apps,
// which may be after `load`.
const received = (page: Page) =>
  page.evaluate(() =>
    (window.standIn?.received() ?? []).map(({ type, receivedAt }) => ({ type, receivedAt })),
  );

async function waitFor(page: Page, predicate: () => Promise<boolean>, what: string) {
  const start = Date.now();
  while (!(await predicate())) {
    if (Date.now() - start > 15_000) throw new Error(`Timed out waiting for ${what}`);
    await page.waitForTimeout(10);
  }
}

/** Opens the stand-in framing `app`, and waits for the app's INITIALIZED. */
async function open(page: Page, app: string): Promise<void> {
  await page.goto(`${HOST}/?app=${encodeURIComponent(`${app}/`)}`);
  await waitFor(
    page,
    async () => (await received(page)).some((m) => m.type === "INITIALIZED"),
    `INITIALIZED from ${app}`,
  );
}

async function openPage(context: BrowserContext, app = BUILD): Promise<Page> {
  const page = await context.newPage();
  await open(page, app);
  return page;
}

/** Posts `count` VISIBILITY_CHANGED messages from the stand-in to the app, at once. */
function burst(page: Page, label: string, count = BURST): Promise<number> {
  return page.evaluate(
    ([origin, n, id]) => {
      const target = document.querySelector("iframe")?.contentWindow;
      const start = performance.timeOrigin + performance.now();
      for (let i = 0; i < n; i++) {
        const data = { isMinimized: false, isHidden: false, i };
        target?.postMessage({ type: "VISIBILITY_CHANGED", messageId: `${id}_${i}`, data }, origin);
      }
      return start;
    },
    [BUILD, count, label] as const,
  );
}

/** Milestones of one load, in ms from the stand-in creating the frame. */
const MILESTONES = [
  "requestStart",
  "responseEnd",
  "domInteractive",
  "domContentLoaded",
  "loadEventStart",
  "initialized",
] as const;
type Milestone = (typeof MILESTONES)[number];

/** The app frame's navigation timing, on the epoch clock the stand-in's times use. */
async function milestones(
  page: Page,
  origin: string,
): Promise<Omit<Record<Milestone, number>, "initialized">> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const { origin: t0, nav } = await appFrame(page, origin).evaluate(() => ({
    origin: performance.timeOrigin,
    nav: performance.getEntriesByType("navigation")[0]?.toJSON() as
      | Record<string, number>
      | undefined,
  }));
  const at = (t: number | undefined) => t0 + (t ?? Number.NaN);
  return {
    requestStart: at(nav?.requestStart),
    responseEnd: at(nav?.responseEnd),
    domInteractive: at(nav?.domInteractive),
    domContentLoaded: at(nav?.domContentLoadedEventEnd),
    loadEventStart: at(nav?.loadEventStart),
  };
}

/**
 * Handshake: from the stand-in creating the frame to it receiving INITIALIZED, both on its clock,
 * with the frame's own milestones on the way (their medians tell where the time goes). The apps
 * take turns load by load, so drift on the machine touches each alike.
 */
async function measureHandshakes<K extends string>(
  context: BrowserContext,
  apps: Record<K, string>,
): Promise<Record<K, Spread & { milestones: Record<Milestone, number> }>> {
  const names = Object.keys(apps) as K[];
  const times = Object.fromEntries(
    names.map((k) => [k, Object.fromEntries(MILESTONES.map((m) => [m, [] as number[]]))]),
  ) as Record<K, Record<Milestone, number[]>>;
  const page = await context.newPage();
  for (let i = 0; i <= LOADS; i++) {
    for (const name of names) {
      await open(page, apps[name]);
      const createdAt = await page.evaluate(() => window.standIn.frameCreatedAt());
      const init = (await received(page)).find((m) => m.type === "INITIALIZED");
      const marks = {
        ...(await milestones(page, apps[name])),
        initialized: init?.receivedAt ?? Number.NaN,
      };
      // The first load of each warms the HTTP cache and is not counted.
      if (i > 0) for (const m of MILESTONES) times[name][m].push(marks[m] - createdAt);
    }
  }
  await page.close();
  return Object.fromEntries(
    names.map((name) => {
      const median = (m: Milestone) => spread(times[name][m]).median;
      const marks = Object.fromEntries(MILESTONES.map((m) => [m, median(m)])) as Record<
        Milestone,
        number
      >;
      return [name, { ...spread(times[name].initialized), milestones: marks }];
    }),
  ) as Record<K, Spread & { milestones: Record<Milestone, number> }>;
}

async function thirdPartyRequests(context: BrowserContext): Promise<string[]> {
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await open(page, BUILD);
  await page.close();
  const own = new Set([HOST, BUILD]);
  return requests.filter((url) => !url.startsWith("data:") && !own.has(new URL(url).origin));
}

/** Click-to-host: the click event's time in the app to the stand-in receiving the message. */
async function measureClicks(context: BrowserContext): Promise<Spread> {
  const page = await openPage(context);
  const app = page.frameLocator("iframe");
  await app.getByRole("button", { name: "Log in" }).click();
  await app.getByText("More actions").click();
  const frame = appFrame(page, BUILD);
  await frame.evaluate(() => {
    const clicks: number[] = [];
    (window as unknown as { __clicks: number[] }).__clicks = clicks;
    addEventListener(
      "click",
      (event) => clicks.push(performance.timeOrigin + event.timeStamp),
      true,
    );
  });
  const before = (await received(page)).length;
  for (let i = 0; i < CLICKS; i++) {
    const name = i % 2 === 0 ? "Available" : "Unavailable";
    await app.getByRole("button", { name, exact: true }).click();
    await waitFor(page, async () => (await received(page)).length === before + i + 1, `click ${i}`);
  }
  const clicks = await frame.evaluate(() => (window as unknown as { __clicks: number[] }).__clicks);
  const arrivals = (await received(page)).slice(before).map((m) => m.receivedAt);
  await page.close();
  return spread(
    arrivals.map((at, i) => at - (clicks[i] ?? Number.NaN)),
    2,
  );
}

interface SessionEvent {
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { url?: string; processId?: number }[] } };
}

/**
 * The same burst under Chromium's tracing, for what the Long Tasks API cannot tell: how much of the
 * longest task was the softphone's own CPU time, and how much it waited for a core.
 */
async function traceBurst(browser: Browser, context: BrowserContext) {
  const page = await openPage(context);
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"],
  });
  await burst(page, "trace");
  await page.waitForTimeout(3_000);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: SessionEvent[];
  };
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
  const longest = tasks.reduce((a, b) => ((b.dur ?? 0) > (a.dur ?? 0) ? b : a));
  const ms = (us: number) => round(us / 1000);
  return {
    longestTaskWallMs: ms(longest.dur ?? 0),
    longestTaskCpuMs: ms(longest.tdur ?? Number.NaN),
    maxTaskCpuMs: ms(Math.max(...tasks.map((t) => t.tdur ?? 0))),
    mainThreadWallMs: ms(tasks.reduce((n, t) => n + (t.dur ?? 0), 0)),
    mainThreadCpuMs: ms(tasks.reduce((n, t) => n + (t.tdur ?? 0), 0)),
  };
}

interface BurstWindow {
  __longTasks: { duration: number; name: string }[];
  __lastShownAt?: number;
}

/** A burst of host messages: time until the last is shown, the longest task, DOM and heap after. */
async function measureBurst(context: BrowserContext) {
  const page = await openPage(context);
  const frame = appFrame(page, BUILD);
  await frame.evaluate((last) => {
    const w = window as unknown as BurstWindow;
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__longTasks.push({ duration: entry.duration, name: entry.name });
    }).observe({ type: "longtask" });
    const log = document.querySelector('[role="log"] ol');
    if (!log) throw new Error("The softphone has no log");
    new MutationObserver(() => {
      if (
        w.__lastShownAt === undefined &&
        log.lastElementChild?.textContent?.includes(`"i": ${last}`)
      )
        w.__lastShownAt = performance.timeOrigin + performance.now();
    }).observe(log, { childList: true });
  }, BURST - 1);
  const startedAt = await burst(page, "burst");
  const shown = () =>
    frame.evaluate(() => (window as unknown as BurstWindow).__lastShownAt !== undefined);
  await waitFor(page, shown, "the burst's last message");
  await page.waitForTimeout(200);
  const result = await frame.evaluate(() => {
    const w = window as unknown as BurstWindow;
    return {
      lastShownAt: w.__lastShownAt ?? Number.NaN,
      longTasks: w.__longTasks,
      domNodes: document.getElementsByTagName("*").length,
    };
  });
  let heapBytes: number | null = null;
  try {
    const cdp = await context.newCDPSession(frame);
    await cdp.send("HeapProfiler.collectGarbage");
    heapBytes = (await cdp.send("Runtime.getHeapUsage")).usedSize;
  } catch {
    // Not an out-of-process frame here: no heap of its own to read.
  }
  await page.close();
  const own = result.longTasks.filter((t) => t.name === "self");
  return {
    messages: BURST,
    lastShownMs: round(result.lastShownAt - startedAt),
    longestTaskMs: round(Math.max(0, ...own.map((t) => t.duration))),
    longTasks: own.length,
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

type Figures = Awaited<ReturnType<typeof measure>> & {
  bytes: Awaited<ReturnType<typeof measureBytes>>;
  check?: CheckTimes;
  suite?: ReturnType<typeof suiteTime>;
};

async function measure(browser: Browser) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const none: Spread = { median: Number.NaN, p95: Number.NaN, runs: 0 };
  const noMarks = { ...none, milestones: {} as Record<Milestone, number> };
  console.log("Measuring requests, handshakes, clicks and a burst…");
  const thirdParty = wanted("requests") ? await thirdPartyRequests(context) : [];
  const handshake = wanted("handshake")
    ? await measureHandshakes(context, { floor: FLOOR, build: BUILD, dev: DEV })
    : { floor: noMarks, build: noMarks, dev: noMarks };
  const clicks = wanted("clicks") ? await measureClicks(context) : none;
  const burstFigures = wanted("burst")
    ? { ...(await measureBurst(context)), trace: await traceBurst(browser, context) }
    : null;
  return { thirdParty, handshake, clicks, burst: burstFigures };
}

const row = (name: string, value: string, budget = "", ok?: boolean) =>
  `| ${name} | ${value} | ${budget} | ${ok === undefined ? "" : ok ? "✓" : "✗"} |`;

function handshakeRows(f: Figures): string[] {
  const { floor, build: built, dev } = f.handshake;
  if (floor.runs === 0) return [];
  const ratio = round(built.median / floor.median, 2);
  return [
    row(
      `handshake, floor: the SDK alone (median / p95 of ${floor.runs})`,
      `${floor.median} / ${floor.p95} ms`,
    ),
    row(`handshake, build (median / p95 of ${built.runs})`, `${built.median} / ${built.p95} ms`),
    row(
      "handshake, build ÷ floor (medians)",
      `${ratio}`,
      `≤ ${BUDGET.handshakeRatio}`,
      ratio <= BUDGET.handshakeRatio,
    ),
    row(`handshake, dev server (median / p95 of ${dev.runs})`, `${dev.median} / ${dev.p95} ms`),
    ...(["floor", "build"] as const).map((name) =>
      row(
        `handshake, ${name}: milestones (medians, ms from the frame's creation)`,
        MILESTONES.map((m) => `${m} ${f.handshake[name].milestones[m]}`).join(", "),
      ),
    ),
  ];
}

function table(f: Figures): string[] {
  const b = f.burst;
  const t = b?.trace;
  return [
    "| measure | value | budget | |",
    "|---|---|---|---|",
    ...f.bytes.perFile.map((p) => row(`first load: ${p.file}`, `${p.gzip} B gzip (${p.bytes} B)`)),
    row(
      "first load, total",
      `${f.bytes.gzipTotal} B gzip`,
      `≤ ${BUDGET.bytes} B`,
      f.bytes.gzipTotal <= BUDGET.bytes,
    ),
    row("requests to other hosts", String(f.thirdParty.length), "0", f.thirdParty.length === 0),
    ...handshakeRows(f),
    ...(f.clicks.runs > 0
      ? [
          row(
            `click to host (median / p95 of ${f.clicks.runs})`,
            `${f.clicks.median} / ${f.clicks.p95} ms`,
            `median ≤ ${BUDGET.clickMs} ms`,
            f.clicks.median <= BUDGET.clickMs,
          ),
        ]
      : []),
    ...(b
      ? [
          row(`burst of ${b.messages}: last shown after`, `${b.lastShownMs} ms`),
          row(
            "burst: longest task",
            `${b.longestTaskMs} ms (${b.longTasks} over 50 ms)`,
            `≤ ${BUDGET.longTaskMs} ms`,
            b.longestTaskMs <= BUDGET.longTaskMs,
          ),
          row(
            "burst, traced: longest task, wall / its CPU (most CPU in one task)",
            t ? `${t.longestTaskWallMs} / ${t.longestTaskCpuMs} ms (${t.maxTaskCpuMs} ms)` : "n/a",
          ),
          row(
            "burst, traced: main thread busy, wall / CPU",
            t ? `${t.mainThreadWallMs} / ${t.mainThreadCpuMs} ms` : "n/a",
          ),
          row("burst: DOM nodes after", String(b.domNodes)),
          row(
            "burst: JS heap after (GC'd)",
            b.heapBytes === null ? "n/a" : `${round(b.heapBytes / 2 ** 20, 2)} MiB`,
          ),
        ]
      : []),
    ...(f.check ? checkRows(f.check) : []),
    ...(f.suite
      ? [row("browser test suite", `${f.suite.seconds} s${f.suite.passed ? "" : " (FAILED)"}`)]
      : []),
  ];
}

/** How many scenarios failed in each run, as "8, 8, 8". */
const failedOf = (runs: CheckTimes["floor"]) =>
  runs.map((r) => r.scenarios.filter((s) => s.status === "failed").length).join(", ");

function checkRows(c: CheckTimes): string[] {
  const slowest = scenarioMedians(c.build).slice(0, 3);
  return [
    row(
      `check, full run of the build (median of ${c.runs}, default workers)`,
      `${c.buildMedian} s (${c.build.map((r) => r.seconds).join(", ")})`,
      `≤ ${BUDGET.checkSeconds} s`,
      c.buildMedian <= BUDGET.checkSeconds,
    ),
    row(
      `check, full run of the floor page (median of ${c.runs})`,
      `${c.floorMedian} s (${c.floor.map((r) => r.seconds).join(", ")}; ${failedOf(c.floor)} failed)`,
    ),
    row(
      "check, build ÷ floor (medians)",
      String(c.ratio),
      `≤ ${BUDGET.checkRatio}`,
      c.ratio <= BUDGET.checkRatio,
    ),
    row("check: the build's verdicts the same in every run", c.sameVerdicts ? "yes" : "NO"),
    row(
      "check: the build's slowest scenarios (median ms)",
      slowest.map((s) => `${s.id} ${s.ms}`).join(", "),
    ),
  ];
}

async function main() {
  const launch = chromiumLaunch();
  if (!launch) throw new Error(NO_CHROMIUM);
  const busy = await busyPort();
  if (busy) {
    console.error(busy);
    process.exit(1);
  }
  console.log("Building the softphone and the floor page…");
  const bytes = await measureBytes();
  await buildFloor(FLOOR_DIR);
  const stop = await startServers({ dev: true });
  const browser = await chromium.launch(launch);
  let figures: Figures;
  try {
    figures = { bytes, ...(await measure(browser)) };
    if (wanted("check")) {
      await browser.close();
      console.log("Running the check on the build and on the floor page, interleaved…");
      figures.check = await measureCheck({ build: `${BUILD}/`, floor: `${FLOOR}/` }, CHECK_RUNS);
    }
  } finally {
    await browser.close();
    await stop();
  }
  if (suite && !only) {
    console.log("Running the browser suite (about three minutes)…");
    figures.suite = suiteTime();
  } else {
    console.log("The browser suite's time is not measured: add --suite (about three minutes).");
  }
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: launch.executablePath ?? "Playwright's",
  };
  console.log(`\n${table(figures).join("\n")}\n`);
  console.log(
    `Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`,
  );
  mkdirSync("bench-results", { recursive: true });
  const json = { ...figures, machine, date: new Date().toISOString() };
  writeFileSync("bench-results/bench.json", `${JSON.stringify(json, null, 2)}\n`);
  console.log("Figures written to bench-results/bench.json");
}

/**
 * The benchmark serves on the project's ports: one already taken (the README's `npm start` or
 * `npm run host` still running) is said in a sentence, before anything is built.
 */
async function busyPort(): Promise<string | null> {
  const servers: readonly [number, string][] = [
    [SOFTPHONE_PORT, "npm start or npm run preview (the softphone)"],
    [HOST_PORT, "npm run host (the stand-in)"],
    [DEV_PORT, "a browser test run's dev server"],
    [FLOOR_PORT, "another benchmark"],
  ];
  for (const [port, who] of servers) {
    const taken = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(true));
      probe.listen(port, () => probe.close(() => resolve(false)));
    });
    if (taken)
      return `Port ${port} is in use, probably by ${who}: stop it (Ctrl-C in its terminal), then run the benchmark again.`;
  }
  return null;
}

await main();
