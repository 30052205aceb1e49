import { Constants } from "@hubspot/calling-extensions-sdk";
import { describe, expect, it } from "vitest";
import type { SessionEvent } from "../../../common/session";
import { cameBackLoggedOut, handledBy, inCall, whyIgnored } from "../../../kit/check/play";

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

describe("why an app ignored HubSpot's Call twice", () => {
  const started = app("OUTGOING_CALL_STARTED", {
    externalCallId: "c1",
    toNumber: "+1 617-555-0101",
  });
  const on = (type: string) => app(type, { externalCallId: "c1" });
  const notReady =
    'an app that is not ready to call yet: name what shows when it is, as "ready" in the actions file';

  it("an app with no call yet, or whose last call is completed, is not ready to call", () => {
    expect(whyIgnored([])).toBe(notReady);
    expect(whyIgnored([started, on("CALL_ENDED"), on("CALL_COMPLETED")])).toBe(notReady);
  });

  it("an app still holding its last call (never ended, or never completed) is told to map end and complete", () => {
    expect(whyIgnored([started])).toBe(
      'the app still holds its last call, never ended: an app takes no new call while it shows one; map end and complete to its controls, or declare them "app"',
    );
    expect(whyIgnored([started, on("CALL_ENDED")])).toContain("never completed");
  });
});

describe("where an app should have answered HubSpot's own message", () => {
  it("names the SDK's handler for END_CALL (its Constants), and nothing for a step without one", () => {
    const handler = Constants.messageHandlerNames[Constants.messageType.END_CALL];
    expect(handler).toBe("onEndCall");
    expect(handledBy({ kind: "send", type: "END_CALL" })).toContain(`the SDK's ${handler}:`);
    expect(handledBy({ kind: "send", type: "VISIBILITY_CHANGED" })).toBe("");
    expect(handledBy({ kind: "reload" })).toBe("");
  });
});
