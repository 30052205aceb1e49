import { afterEach, describe, expect, it, vi } from "vitest";
import { Handled } from "../../../../kit/stand-in/page/handled";

describe("which of HubSpot's messages the app's frame has handled", () => {
  afterEach(() => vi.useRealTimers());

  it("waits for nothing where no probe has said anything (a stand-in opened by hand)", async () => {
    vi.useFakeTimers();
    const handled = new Handled();
    expect(handled.probed).toBe(false);
    await expect(handled.wait("m-1", 1_000)).resolves.toBe(false);
  });

  it("resolves once the probe says the message is handled, at once if it already has", async () => {
    vi.useFakeTimers();
    const handled = new Handled();
    handled.note("sync");
    expect(handled.probed).toBe(true);
    const waited = handled.wait("m-1", 1_000);
    const twice = handled.wait("m-1", 1_000);
    handled.note("m-0");
    await vi.advanceTimersByTimeAsync(10);
    handled.note("m-1");
    await expect(waited).resolves.toBe(true);
    await expect(twice).resolves.toBe(true);
    await expect(handled.wait("m-1", 1_000)).resolves.toBe(true);
  });

  it("gives up after its time (a busy or gone app), and a note after that changes nothing", async () => {
    vi.useFakeTimers();
    const handled = new Handled();
    handled.note("sync");
    const waited = handled.wait("m-1", 1_000);
    await vi.advanceTimersByTimeAsync(999);
    let settled = false;
    void waited.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(waited).resolves.toBe(false);
    handled.note("m-1");
  });

  it("keeps the last 100 ids only: a flood of messages does not grow it", async () => {
    const handled = new Handled();
    for (let i = 0; i < 1_000; i++) handled.note(`m-${i}`);
    vi.useFakeTimers();
    await expect(handled.wait("m-999", 10)).resolves.toBe(true);
    await expect(handled.wait("m-900", 10)).resolves.toBe(true);
    const forgotten = handled.wait("m-899", 10);
    await vi.advanceTimersByTimeAsync(10);
    await expect(forgotten).resolves.toBe(false);
  });
});
