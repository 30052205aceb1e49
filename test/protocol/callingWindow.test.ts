import { describe, expect, it } from "vitest";
import { callingWindowFor } from "../../src/core/softphone";
import {
  callingWindowUrl,
  parseAnswer,
  parseReceipt,
  parseRelayed,
  receiptOf,
  roleOf,
} from "../../src/protocol/callingWindow";
import { setup } from "../fakes";

describe("roleOf", () => {
  it("follows HubSpot's frame location and calling-window flag", () => {
    expect(roleOf({ iframeLocation: "remote", usesCallingWindow: false })).toBe("remote");
    expect(roleOf({ iframeLocation: "window", usesCallingWindow: false })).toBe("callingWindow");
    expect(roleOf({ iframeLocation: "remote", usesCallingWindow: true })).toBe("direct");
    expect(roleOf({ iframeLocation: "widget", usesCallingWindow: false })).toBe("direct");
    expect(roleOf({})).toBe("direct");
  });
});

describe("callingWindowUrl", () => {
  it("is HubSpot's calling-window page for the portal", () => {
    expect(callingWindowUrl({ hostUrl: "https://app.hubspot.com", portalId: 42 })).toBe(
      "https://app.hubspot.com/calling-integration-popup-ui/42?usesCallingWindow=false",
    );
    expect(callingWindowUrl({ hostUrl: "https://app.hubspot.com" })).toBeNull();
  });
});

describe("parseRelayed", () => {
  it("accepts call messages with an id and nothing else", () => {
    const answered = { type: "CALL_ANSWERED", data: { externalCallId: "c1" } };
    expect(parseRelayed(answered)).toEqual(answered);
    for (const bad of [
      null,
      "CALL_ANSWERED",
      { type: "LOGGED_IN" },
      { type: "CALL_ANSWERED", data: {} },
      { type: "CALL_ENDED", data: { externalCallId: "x".repeat(201) } },
      { type: "ERROR", data: { externalCallId: "c1", message: "x" } },
    ]) {
      expect(parseRelayed(bad)).toBeNull();
    }
  });
});

describe("parseReceipt", () => {
  it("accepts what a leading frame says it sent, and nothing else", () => {
    const sent = { type: "CALL_ENDED", externalCallId: "c1" };
    expect(parseReceipt({ sent })).toEqual(sent);
    expect(parseReceipt({ sent: { ...sent, extra: 1 } })).toEqual(sent);
    for (const bad of [
      null,
      "CALL_ENDED",
      { sent: null },
      { sent: { type: "LOGGED_IN", externalCallId: "c1" } },
      { sent: { type: "CALL_ENDED" } },
      { sent: { type: "CALL_ENDED", externalCallId: 7 } },
      { sent: { type: "CALL_ENDED", externalCallId: "x".repeat(201) } },
      { sent: { type: { toString: null }, externalCallId: "c1" } },
    ])
      expect(parseReceipt(bad)).toBeNull();
  });

  it("a receipt names a relayed message by its type and call", () => {
    expect(receiptOf({ type: "CALL_ANSWERED", data: { externalCallId: "c9" } })).toEqual({
      type: "CALL_ANSWERED",
      externalCallId: "c9",
    });
    expect(receiptOf({ type: "LOGGED_IN" })).toBeNull();
  });
});

describe("parseAnswer", () => {
  it("accepts HubSpot's answers about a call and nothing else", () => {
    const answer = {
      handler: "onCreateEngagementSucceeded",
      type: "CREATE_ENGAGEMENT_SUCCEEDED",
      data: { engagementId: 9 },
    };
    expect(parseAnswer({ answer })).toEqual(answer);
    for (const bad of [
      null,
      { answer: null },
      { answer: { ...answer, handler: "onReady" } },
      { answer: { ...answer, handler: "toString" } },
      { answer: { ...answer, type: 42 } },
      { answer: { ...answer, type: "X".repeat(101) } },
    ]) {
      expect(parseAnswer(bad)).toBeNull();
    }
  });
});

describe("relaying", () => {
  const ready = (iframeLocation: string) => ({
    hostUrl: "https://app.hubspot.com",
    portalId: 7,
    iframeLocation,
    usesCallingWindow: false,
  });

  it("the calling window relays call messages and sends the rest itself", () => {
    const relayed: unknown[] = [];
    const { softphone, sent, view, receive } = setup({ relay: (m) => relayed.push(m) });
    receive("onReady", "READY", ready("window"));
    softphone.act("logIn");
    softphone.act("dial");
    expect(sent.map((s) => s.method)).toEqual(["initialized", "userLoggedIn"]);
    expect(relayed).toEqual([expect.objectContaining({ type: "OUTGOING_CALL_STARTED" })]);
    expect(view.callingWindowShown).toBe(false);
  });

  it("the remote frame offers the calling window and forwards what it relays", () => {
    const { softphone, sent, view, receive, log } = setup();
    receive("onReady", "READY", ready("remote"));
    expect(view.callingWindowShown).toBe(true);
    expect(callingWindowFor(softphone.state)).toBe(
      "https://app.hubspot.com/calling-integration-popup-ui/7?usesCallingWindow=false",
    );
    softphone.run({ kind: "leader" });
    softphone.run({
      kind: "relayed",
      message: { type: "CALL_ANSWERED", data: { externalCallId: "c1" } },
    });
    expect(sent.at(-1)).toEqual({ method: "callAnswered", payload: { externalCallId: "c1" } });
    expect(log.entries().at(-1)?.note).toBe("From the calling window.");
  });

  it("a softphone that is not the remote forwards nothing", () => {
    const { softphone, sent, receive } = setup();
    receive("onReady", "READY", ready("widget"));
    softphone.run({
      kind: "relayed",
      message: { type: "CALL_ANSWERED", data: { externalCallId: "c1" } },
    });
    expect(sent.map((s) => s.method)).toEqual(["initialized"]);
  });
});
