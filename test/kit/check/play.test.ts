import { describe, expect, it } from "vitest";
import type { SessionEvent } from "../../../common/session";
import { cameBackLoggedOut, inCall } from "../../../kit/check/play";

const app = (type: string, data?: unknown): SessionEvent => ({ at: 0, from: "app", type, data });

describe("after a reload, the app came back logged out", () => {
  it("when its INITIALIZED says it is not logged in, or it sends LOGGED_OUT", () => {
    expect(cameBackLoggedOut([app("INITIALIZED", { isLoggedIn: false })])).toBe(true);
    expect(cameBackLoggedOut([app("INITIALIZED", {})])).toBe(true);
    expect(cameBackLoggedOut([app("INITIALIZED", { isLoggedIn: true }), app("LOGGED_OUT")])).toBe(
      true,
    );
  });

  it("not when it came back logged in, or has said nothing yet", () => {
    expect(cameBackLoggedOut([app("INITIALIZED", { isLoggedIn: true })])).toBe(false);
    expect(cameBackLoggedOut([])).toBe(false);
    expect(
      cameBackLoggedOut([{ at: 0, to: "app", type: "INITIALIZED", data: { isLoggedIn: false } }]),
    ).toBe(false);
  });
});

describe("a call still going, when the app reloads", () => {
  const started = app("OUTGOING_CALL_STARTED", {
    externalCallId: "c1",
    toNumber: "+1 617-555-0101",
  });
  const on = (type: string) => app(type, { externalCallId: "c1" });

  it("from its start until it ends or is completed", () => {
    expect(inCall([])).toBe(false);
    expect(inCall([started])).toBe(true);
    expect(inCall([started, on("CALL_ANSWERED")])).toBe(true);
    expect(inCall([started, on("CALL_ENDED")])).toBe(false);
    expect(inCall([started, on("CALL_COMPLETED")])).toBe(false);
  });
});
