/**
 * Which of HubSpot's messages the app's frame has handled. The kit's probe (kit/driver/probe.ts,
 * in the app's frames when a test or the check drives the stand-in) posts each message's id back
 * once every listener of it has run: whatever the app posted while handling it comes before, in
 * postMessage's order. A step that sends a message waits for that, so an answer the app sends at
 * once is laid against the step that set it off, not the next one.
 */

/** The most ids kept: a message is waited for right after it is sent, so a few suffice. */
const KEPT = 100;

export class Handled {
  /** Whether a probe is there to say so (it has said it of a message): else nothing is waited for. */
  probed = false;
  private readonly ids: string[] = [];
  private readonly waiting = new Map<string, Set<() => void>>();

  /** The app's frame has handled the message `id`. */
  note(id: string): void {
    this.probed = true;
    this.ids.push(id);
    if (this.ids.length > KEPT) this.ids.splice(0, this.ids.length - KEPT);
    for (const done of this.waiting.get(id) ?? []) done();
    this.waiting.delete(id);
  }

  /**
   * Resolves true once the message `id` is handled; false after `timeoutMs` without it, or at once
   * where no probe says what the app handled (a person's stand-in).
   */
  wait(id: string, timeoutMs: number): Promise<boolean> {
    if (this.ids.includes(id)) return Promise.resolve(true);
    if (!this.probed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting.get(id)?.delete(done);
        resolve(false);
      }, timeoutMs);
      const set = this.waiting.get(id) ?? new Set();
      set.add(done);
      this.waiting.set(id, set);
    });
  }
}
