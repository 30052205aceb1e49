/**
 * What the stand-in learns from inside the app's frames: a script run in every frame before its
 * own, which reports uncaught errors with the last message from HubSpot the frame received, so an
 * error is laid against the step that set it off without comparing clocks.
 */
/** What the probe in the app's frames reports of an uncaught error. */
export interface ProbeReport {
  readonly top: boolean;
  readonly text: string;
  /**
   * The last message the app's frame received from HubSpot (none in nested frames): its type and
   * id when it is an envelope, else how many raw values the frame had received by then.
   */
  readonly after: {
    readonly type: string | null;
    readonly id: string | null;
    readonly raw: number;
  } | null;
  /** A person's input came after that message: the error is the user's step's. */
  readonly input: boolean;
}

/** The binding the stand-in's page tells each event of its session to (its `window.standInObserver`). */
export const OBSERVER = "standInObserver";
/** The binding the probe reports an app's uncaught error to. */
export const PROBE = "__hubspotStandInError";

/** What the probe is told: the binding it reports errors to, and the key of its note of a message handled. */
export interface ProbeNames {
  readonly name: string;
  readonly handledKey: string;
}

/**
 * Runs in every frame before its own scripts. In the app's frame it notes the last message from
 * HubSpot (the frame's parent) and whether a person's input came since, and once every listener of
 * a message from HubSpot has run, posts its id back (common/handledNote.ts): what the app posted
 * while handling it comes first. In every frame it reports uncaught errors. Plain JavaScript,
 * total over whatever the page throws or receives.
 */
export function probe({ name, handledKey }: ProbeNames) {
  const top = window === window.top;
  const fromHubSpot = !top && window.parent === window.top;
  let after: ProbeReport["after"] = null;
  let raws = 0;
  let input = false;
  const text = (value: unknown): string => {
    try {
      if (value instanceof Error) return String(value.message).slice(0, 300);
      if (typeof value === "string") return value.slice(0, 300);
      return `a thrown ${value === null ? "null" : typeof value}`;
    } catch {
      return "a thrown value that cannot be read";
    }
  };
  if (fromHubSpot)
    addEventListener(
      "message",
      (event) => {
        if (event.source !== window.parent) return;
        try {
          const d = event.data;
          const envelope =
            typeof d === "object" && d !== null && !Array.isArray(d) && typeof d.type === "string";
          if (!envelope) raws++;
          const id = envelope && typeof d.messageId === "string" ? d.messageId.slice(0, 100) : null;
          after = { type: envelope ? String(d.type).slice(0, 60) : null, id, raw: raws };
          // After this message's every listener (a task of its own): in postMessage's order,
          // behind whatever the app posted to HubSpot while it handled it.
          if (id !== null)
            setTimeout(() => {
              try {
                window.parent.postMessage({ [handledKey]: id }, "*");
              } catch {
                // The frame is going: nothing to say.
              }
            }, 0);
        } catch {
          after = { type: null, id: null, raw: ++raws };
        }
        input = false;
      },
      true,
    );
  for (const type of ["pointerdown", "keydown"])
    addEventListener(
      type,
      (event) => {
        if (event.isTrusted) input = true;
      },
      true,
    );
  const report = (value: unknown) => {
    try {
      const send = (window as unknown as Record<string, (r: ProbeReport) => Promise<void>>)[name];
      send?.({ top, text: text(value), after, input })?.catch(() => {});
    } catch {
      // The test is gone: nobody to tell.
    }
  };
  addEventListener("error", (event) => {
    if (event instanceof ErrorEvent) report(event.error ?? event.message);
  });
  addEventListener("unhandledrejection", (event) => report(event.reason));
}
