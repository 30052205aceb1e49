/**
 * What the benchmark holds the softphone to. The byte budget is also a test
 * (`test/bundle.test.ts`): bytes are deterministic, timings are not, so only bytes fail `npm test`.
 */
export const BUDGET = {
  /**
   * First-load bytes, gzipped. Issue 6 aimed at 8 KB; the SDK alone is 3.4 KB and the page's HTML
   * and CSS 3 KB before any logic (BENCHMARKS.md), so the build is held here against regressions:
   * 15 KB until issue 10 added the user's lines, one relay across HubSpot tabs, HubSpot's quirks
   * and `openIn` (+0.9 KB, BENCHMARKS.md), 16.5 KB until issue 18 added Save session (the session
   * recorded as it happens, +0.55 KB: 16,630 → 17,197 B), 17 KB until the relay's handover between
   * HubSpot tabs kept what a closing tab had not sent (+265 B: 17,181 → 17,446 B), 17.5 KB since.
   */
  bytes: 17.5 * 1024,
  thirdPartyRequests: 0,
  /** The handshake, as a multiple of the floor measured in the same run (a page with only the SDK). */
  handshakeRatio: 1.1,
  clickMs: 16,
  longTaskMs: 50,
  /** `calling-stand-in check`'s full run on the build, default workers (issue 28). */
  checkSeconds: 15,
  /** The same, as a multiple of the floor page's full run in the same session. */
  checkRatio: 2,
} as const;
