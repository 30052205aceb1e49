/** `step` alone: inputs in, state and messages out, no SDK, DOM or clock. */
import { describe, expect, it } from "vitest";
import {
  type Config,
  callingWindowFor,
  decide,
  type Form,
  type Input,
  initialSoftphone,
  isShown,
  type SoftphoneState,
} from "../../src/core/softphone";
import type { HostEvent } from "../../src/protocol/hostMessages";
import { FORM } from "../fakes";

const config: Config = {
  trustedHosts: ["https://*.hubspot.com"],
  sizeInfo: { width: 400, height: 650 },
  canRelay: true,
};
const form = FORM;
const act = (action: Extract<Input, { kind: "act" }>["action"], fields: Partial<Form> = {}) =>
  ({
    kind: "act",
    action,
    form: { ...form, ...fields },
    at: 1_000,
    callId: `id-${action}`,
  }) as const;
const host = (handler: HostEvent["handler"], type: string, data?: unknown): Input => ({
  kind: "host",
  event: { handler, type, data },
  form,
  at: 1_000,
});
const READY = host("onReady", "READY", {
  hostUrl: "https://app.hubspot.com",
  portalId: 7,
  iframeLocation: "widget",
});

/** Runs the inputs from a fresh state; returns the last step and every message type sent. */
function run(...inputs: Input[]) {
  let state: SoftphoneState = initialSoftphone();
  let last = decide(state, READY, config);
  const sent = [...last.send];
  state = last.state;
  for (const input of inputs) {
    last = decide(state, input, config);
    sent.push(...last.send);
    state = last.state;
  }
  return { last, state, types: sent.map((s) => s.message.type) };
}

describe("decide", () => {
  it("answers the handshake with initialized and records where HubSpot put the app", () => {
    const { state, types } = run();
    expect(types).toEqual(["INITIALIZED"]);
    expect(state.host).toBe("ready");
    expect(state.hostInfo).toEqual({
      hostUrl: "https://app.hubspot.com",
      portalId: 7,
      iframeLocation: "widget",
    });
    expect(state.role).toBe("direct");
  });

  it("an outbound call, end to end, sends the documented sequence", () => {
    const { types, state } = run(
      act("logIn"),
      host("onDialNumber", "DIAL_NUMBER", { phoneNumber: "+1 617-555-0101", objectId: 101 }),
      act("dial"),
      host("onCreateEngagementSucceeded", "CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 9 }),
      act("answer"),
      act("end"),
      act("complete", { notes: "Call back Friday" }),
    );
    expect(types).toEqual([
      "INITIALIZED",
      "LOGGED_IN",
      "OUTGOING_CALL_STARTED",
      "CALL_ANSWERED",
      "CALL_ENDED",
      "CALL_COMPLETED",
    ]);
    expect(state.phase).toBe("ready");
    expect(state.lastCall?.engagementId).toBe(9);
    expect(state.notice).toBe("HubSpot created engagement 9.");
  });

  it("fills the dialled number, and clears the notes after Complete", () => {
    const dialled = run(
      act("logIn"),
      host("onDialNumber", "DIAL_NUMBER", { phoneNumber: "+44 20 7946 0101" }),
    );
    expect(dialled.last.fill).toEqual({ phoneNumber: "+44 20 7946 0101" });
    const completed = run(act("logIn"), act("dial"), act("end"), act("complete"));
    expect(completed.last.fill).toEqual({ notes: "" });
  });

  it("clears the caller of an inbound call when the next outbound call starts", () => {
    const match = {
      callerIdType: "CONTACT",
      objectCoordinates: { portalId: 7, objectId: 102, objectTypeId: "0-2" },
      firstName: "Grace",
      lastName: "Hopper",
    };
    const inbound = run(
      act("logIn"),
      act("available"),
      act("incoming"),
      host("onCallerIdMatchSucceeded", "CALLER_ID_MATCH_SUCCEEDED", { callerIdMatches: [match] }),
      act("answer"),
      act("end"),
      act("complete"),
    );
    expect(inbound.state.lastCall?.callerIdMatches?.[0]?.name).toBe("Grace Hopper");
    const next = decide(inbound.state, act("dial"), config).state;
    expect(next.call?.direction).toBe("OUTBOUND");
    expect(next.call?.callerIdMatches).toBeUndefined();
    expect(next.lastCall).toBeNull();
  });

  it("an unknown caller is an empty match list, shown as a failure", () => {
    const { state } = run(
      act("logIn"),
      act("available"),
      act("incoming"),
      host("onCallerIdMatchFailed", "CALLER_ID_MATCH_FAILED", { error: { message: "No match" } }),
    );
    expect(state.call?.callerIdMatches).toEqual([]);
    expect(state.failure).toBe("CALLER_ID_MATCH_FAILED: No match");
  });

  it("keeps the widget's visibility in the state, and the same state when nothing changed", () => {
    const { state } = run(
      host("onVisibilityChanged", "VISIBILITY_CHANGED", { isMinimized: true, isHidden: false }),
    );
    expect(state.visibility).toBe("minimised");
    const again = host("onVisibilityChanged", "VISIBILITY_CHANGED", { isMinimized: true });
    expect(decide(state, again, config).state).toBe(state);
  });

  it("a refused action returns the same call and sends nothing", () => {
    const { last, state } = run(act("answer"), act("complete"), act("transfer"));
    expect(last.send).toEqual([]);
    expect(state.phase).toBe("loggedOut");
  });

  it("a calling window relays call messages and sends the rest to HubSpot itself", () => {
    const window = host("onReady", "READY", {
      hostUrl: "https://app.hubspot.com",
      portalId: 7,
      iframeLocation: "window",
      usesCallingWindow: false,
    });
    const { last: ready } = run(window);
    const logIn = decide(ready.state, act("logIn"), config);
    expect(logIn.send).toEqual([{ message: { type: "LOGGED_IN" }, to: "hubspot" }]);
    const dial = decide(logIn.state, act("dial"), config);
    expect(dial.send[0]?.to).toBe("relay");
    expect(callingWindowFor(dial.state)).toBeNull();
  });

  it("a remote frame offers HubSpot's calling window and sends what it relays", () => {
    const remote = host("onReady", "READY", {
      hostUrl: "https://app.hubspot.com",
      portalId: 7,
      iframeLocation: "remote",
      usesCallingWindow: false,
    });
    const { state } = run(remote);
    expect(callingWindowFor(state)).toBe(
      "https://app.hubspot.com/calling-integration-popup-ui/7?usesCallingWindow=false",
    );
    const message = { type: "CALL_ANSWERED", data: { externalCallId: "c1" } } as const;
    // Until it holds the relay lock, another HubSpot tab's remote frame may be the one sending.
    expect(decide(state, { kind: "relayed", message }, config).send).toEqual([]);
    const leader = decide(state, { kind: "leader" }, config).state;
    expect(decide(leader, { kind: "relayed", message }, config).send).toEqual([
      { message, to: "hubspot", note: "From the calling window." },
    ]);
    const created = host("onCreateEngagementSucceeded", "CREATE_ENGAGEMENT_SUCCEEDED", {
      engagementId: 9,
    });
    expect(decide(leader, created, config).passBack).toMatchObject({
      type: "CREATE_ENGAGEMENT_SUCCEEDED",
    });
    expect(decide(state, created, config).passBack).toBeUndefined();
  });

  it("says the page is outside HubSpot only while no handshake has come", () => {
    const outside: Input = { kind: "outside", reason: "Open on its own." };
    expect(decide(initialSoftphone(), outside, config).state.outside).toBe("Open on its own.");
    const { state } = run();
    expect(decide(state, outside, config).state).toBe(state);
  });

  it("an action clears the last failure", () => {
    const { state } = run(host("onUpdateEngagementFailed", "UPDATE_ENGAGEMENT_FAILED", {}));
    expect(state.failure).toBe("UPDATE_ENGAGEMENT_FAILED: no reason given");
    expect(decide(state, act("logIn"), config).state.failure).toBe("");
  });

  it("ignores the same DIAL_NUMBER delivered twice, before and after Dial", () => {
    const payload = { phoneNumber: "+1 617-555-0101", objectId: 101, startTimestamp: 5 };
    const dial = host("onDialNumber", "DIAL_NUMBER", payload);
    const once = run(act("logIn"), dial);
    const twice = decide(once.state, dial, config);
    expect(twice.note).toBe(
      "The same DIAL_NUMBER again (HubSpot delivered one click twice): ignored.",
    );
    expect(twice.fill).toBeUndefined();
    const dialled = decide(once.state, act("dial"), config).state;
    expect(decide(dialled, dial, config).note).toMatch(/^The same DIAL_NUMBER again/);
    // Another click (a new timestamp) is a new DIAL_NUMBER.
    const again = host("onDialNumber", "DIAL_NUMBER", { ...payload, startTimestamp: 6 });
    expect(decide(once.state, again, config).fill).toEqual({ phoneNumber: "+1 617-555-0101" });
  });

  it("a cyclic DIAL_NUMBER is not taken for a duplicate, nor thrown on", () => {
    const cyclic: Record<string, unknown> = { phoneNumber: "+1 617" };
    cyclic.self = cyclic;
    const dial = host("onDialNumber", "DIAL_NUMBER", cyclic);
    const first = run(act("logIn"), dial);
    // It cannot be compared as JSON, so it is never "the same again": it fills the number anew.
    const again = decide(first.state, dial, config);
    expect(again.fill).toEqual({ phoneNumber: "+1 617" });
    expect(again.note).toBeUndefined();
  });

  it("news belongs to the call it is about: a new call starts without the last one's", () => {
    const created = host("onCreateEngagementSucceeded", "CREATE_ENGAGEMENT_SUCCEEDED", {
      engagementId: 50_001,
    });
    const first = run(act("logIn"), act("dial"), created, act("end"), act("complete"));
    expect(first.state.notice).toBe("HubSpot created engagement 50001.");
    const next = decide(first.state, act("dial"), config);
    expect(next.state.phase).toBe("dialing");
    expect(next.state.notice).toBe("");
    // A refused start keeps the news: nothing new happened.
    const refused = decide(next.state, act("dial"), config);
    expect(refused.state.notice).toBe("");
  });

  it("back from a reload in a call, the form shows its numbers again", () => {
    const live = run(act("logIn"), act("dial"), act("answer"));
    const reloaded = decide(live.state, READY, config);
    expect(reloaded.fill).toEqual({ phoneNumber: form.phoneNumber, fromNumber: form.fromNumber });
    expect(reloaded.state.phase).toBe("connected");
    const ringing = run(act("logIn"), act("available"), act("incoming"));
    expect(decide(ringing.state, READY, config).fill).toEqual({
      callerNumber: form.callerNumber,
      fromNumber: form.fromNumber,
    });
    // No call, nothing to fill; an untrusted host, nothing at all.
    expect(decide(run().state, READY, config).fill).toBeUndefined();
    const untrusted = host("onReady", "READY", { hostUrl: "https://evil.example" });
    expect(decide(live.state, untrusted, config).fill).toBeUndefined();
  });

  it("a page leaving with a call it cannot keep ends and completes it", () => {
    const live = run(act("logIn"), act("dial"), act("answer"));
    const left = decide(live.state, { kind: "leaving", at: 2_000 }, config);
    expect(left.send.map((s) => s.message.type)).toEqual(["CALL_ENDED", "CALL_COMPLETED"]);
    expect(left.send[0]?.message).toMatchObject({ data: { callEndStatus: "CANCELED" } });
    expect(left.state.call).toBeNull();
    const ended = run(act("logIn"), act("dial"), act("end"));
    const types = decide(ended.state, { kind: "leaving", at: 2_000 }, config).send.map(
      (s) => s.message.type,
    );
    expect(types).toEqual(["CALL_COMPLETED"]);
    expect(decide(run().state, { kind: "leaving", at: 2_000 }, config).send).toEqual([]);
  });

  it("stays unseen until the handshake, the page found outside HubSpot, or a wait", () => {
    const waiting = initialSoftphone();
    expect(isShown(waiting)).toBe(false);
    expect(isShown(decide(waiting, { kind: "waiting" }, config).state)).toBe(true);
    expect(isShown(decide(waiting, { kind: "outside", reason: "alone" }, config).state)).toBe(true);
    expect(isShown(run().state)).toBe(true);
  });

  it("opens the caller's record where the user chose, current tab by default", () => {
    const match = {
      callerIdType: "COMPANY",
      objectCoordinates: { portalId: 7, objectId: 201, objectTypeId: "0-2" },
      name: "Cobol Inc",
    };
    const ringing = run(
      act("logIn"),
      act("available"),
      act("incoming"),
      host("onCallerIdMatchSucceeded", "CALLER_ID_MATCH_SUCCEEDED", { callerIdMatches: [match] }),
    );
    const open = (openIn: string) =>
      decide(ringing.state, act("openRecord", { openIn }), config).send[0]?.message;
    expect(open("NEW_TAB")).toMatchObject({ data: { openIn: "NEW_TAB" } });
    expect(open("CURRENT_TAB")).toMatchObject({ data: { openIn: "CURRENT_TAB" } });
    expect(open("<script>")).toMatchObject({ data: { openIn: "CURRENT_TAB" } });
  });
});

describe("decide, input by input", () => {
  const windowReady = host("onReady", "READY", {
    hostUrl: "https://app.hubspot.com",
    portalId: 7,
    iframeLocation: "window",
    usesCallingWindow: false,
  });
  const remoteReady = host("onReady", "READY", {
    hostUrl: "https://app.hubspot.com",
    portalId: 7,
    iframeLocation: "remote",
    usesCallingWindow: false,
  });
  const message = { type: "CALL_ANSWERED", data: { externalCallId: "c1" } } as const;

  it("starts direct, visible, with no news, no failure and nothing typed wrong", () => {
    expect(initialSoftphone()).toEqual({
      host: "pending",
      phase: "loggedOut",
      available: false,
      call: null,
      lastCall: null,
      dialingContext: null,
      role: "direct",
      hostInfo: null,
      visibility: "visible",
      notice: "",
      failure: "",
      errors: {},
      outside: null,
      leader: false,
      held: [],
      waited: false,
    });
  });

  it("sends what the calling window relays only as the leading remote frame of a trusted HubSpot", () => {
    const relay = (state: SoftphoneState) =>
      decide(state, { kind: "relayed", message }, config).send;
    const remote = run(remoteReady).state;
    expect(relay({ ...remote, leader: true })).toHaveLength(1);
    expect(relay({ ...run().state, leader: true })).toEqual([]);
    expect(relay({ ...remote, leader: true, host: "pending" })).toEqual([]);
    expect(relay({ ...remote, leader: true, host: "untrusted" })).toEqual([]);
  });

  it("a remote frame that does not lead holds what the window relays until the leader says it sent it, and sends the rest when it leads", () => {
    const remote = run(remoteReady).state;
    const ended = { type: "CALL_ENDED", data: { externalCallId: "c1" } } as const;
    const completed = { type: "CALL_COMPLETED", data: { externalCallId: "c1" } } as const;
    const held = [ended, completed].reduce(
      (state, message) => decide(state, { kind: "relayed", message }, config).state,
      remote,
    );
    expect(held.held).toEqual([ended, completed]);
    // The leader sent CALL_ENDED; its tab closed before CALL_COMPLETED.
    const receipt = { type: "CALL_ENDED", externalCallId: "c1" } as const;
    const after = decide(held, { kind: "receipt", receipt }, config);
    expect(after).toEqual({ state: { ...held, held: [completed] }, send: [] });
    // A receipt for the same message of another call changes nothing.
    const otherCall = { type: "CALL_ENDED", externalCallId: "c2" } as const;
    expect(decide(held, { kind: "receipt", receipt: otherCall }, config).state).toBe(held);
    // A receipt for another call, or another message of this one, changes nothing.
    const other = { type: "CALL_ENDED", externalCallId: "c2" } as const;
    expect(decide(after.state, { kind: "receipt", receipt: other }, config).state).toBe(
      after.state,
    );
    expect(decide(after.state, { kind: "receipt", receipt }, config).state).toBe(after.state);
    expect(decide(after.state, { kind: "leader" }, config)).toEqual({
      state: { ...after.state, leader: true, held: [] },
      send: [{ message: completed, to: "hubspot", note: "From the calling window." }],
      receipts: [{ type: "CALL_COMPLETED", externalCallId: "c1" }],
    });
  });

  it("the leading remote frame says on the channel what it sent; a frame outside a trusted HubSpot holds nothing", () => {
    const leader = { ...run(remoteReady).state, leader: true };
    expect(decide(leader, { kind: "relayed", message }, config).state).toBe(leader);
    expect(decide(leader, { kind: "relayed", message }, config).receipts).toEqual([
      { type: message.type, externalCallId: message.data.externalCallId },
    ]);
    const pending = run().state;
    expect(decide(pending, { kind: "relayed", message }, config).state).toBe(pending);
    expect(decide(pending, { kind: "leader" }, config)).toEqual({
      state: { ...pending, leader: true },
      send: [],
    });
  });

  it("a frame that does not lead holds the last 20 relayed messages at most", () => {
    let state = run(remoteReady).state;
    for (let i = 0; i < 25; i++) {
      const relayed = { type: "CALL_DATA", data: { externalCallId: `c${i}` } } as const;
      state = decide(state, { kind: "relayed", message: relayed }, config).state;
    }
    expect(state.held.map((m) => ("data" in m ? m.data : null))).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ externalCallId: `c${i + 5}` })),
    );
  });

  it("a calling window relays call messages only where a relay exists", () => {
    const logged = decide(run(windowReady).state, act("logIn"), config).state;
    expect(decide(logged, act("dial"), config).send).toEqual([
      expect.objectContaining({
        to: "relay",
        note: "Relayed to the remote frame, which sends it to HubSpot.",
      }),
    ]);
    const noRelay = decide(logged, act("dial"), { ...config, canRelay: false }).send;
    expect(noRelay).toEqual([expect.objectContaining({ to: "hubspot" })]);
    expect(noRelay[0]?.note).toBeUndefined();
    const direct = decide(run(act("logIn")).state, act("dial"), config).send;
    expect(direct).toEqual([expect.objectContaining({ to: "hubspot" })]);
  });

  it("the page's own inputs: outside, waiting, leader and copied change only what they name", () => {
    const outside = decide(initialSoftphone(), { kind: "outside", reason: "alone" }, config);
    expect(outside.send).toEqual([]);
    const waited = decide(initialSoftphone(), { kind: "waiting" }, config);
    expect(waited).toEqual({ state: { ...initialSoftphone(), waited: true }, send: [] });
    expect(decide(waited.state, { kind: "waiting" }, config).state).toBe(waited.state);
    expect(decide(initialSoftphone(), { kind: "leader" }, config)).toEqual({
      state: { ...initialSoftphone(), leader: true },
      send: [],
    });
    const copied = decide(
      initialSoftphone(),
      { kind: "copied", what: "the log", ok: true },
      config,
    );
    expect(copied).toEqual({
      state: { ...initialSoftphone(), notice: "Copied the log." },
      send: [],
    });
    const refused = decide(
      initialSoftphone(),
      { kind: "copied", what: "the log", ok: false },
      config,
    );
    expect(refused).toEqual({
      state: {
        ...initialSoftphone(),
        failure: "Could not copy the log: select it and copy by hand.",
      },
      send: [],
    });
  });

  it("leaving with no call changes nothing; with a call, completes it saying why", () => {
    const { state } = run(act("logIn"));
    expect(decide(state, { kind: "leaving", at: 2_000 }, config)).toEqual({ state, send: [] });
    const live = run(act("logIn"), act("dial"));
    const left = decide(live.state, { kind: "leaving", at: 2_000 }, config);
    expect(left.send.map((s) => s.to)).toEqual(["hubspot", "hubspot"]);
    expect(left.send[1]?.message).toMatchObject({
      type: "CALL_COMPLETED",
      data: {
        engagementProperties: {
          hs_call_body:
            "The page closed before the call was completed; the softphone completed it.",
        },
      },
    });
    expect(left.state.phase).toBe("ready");
  });

  it("a handshake from an untrusted host: says who framed the page, and sends nothing", () => {
    const evil = decide(
      initialSoftphone(),
      host("onReady", "READY", { hostUrl: "https://evil.example" }),
      config,
    );
    expect(evil.state.host).toBe("untrusted");
    expect(evil.state.failure).toBe(
      "This page is framed by https://evil.example, which is not a trusted HubSpot host: the softphone will send it nothing.",
    );
    expect(evil.send).toEqual([]);
    const anonymous = decide(initialSoftphone(), host("onReady", "READY", {}), config);
    expect(anonymous.state.failure).toMatch(/^This page is framed by a host that gave no address,/);
  });

  it("a trusted handshake: initialized to HubSpot, and news of a call kept across a reload", () => {
    const first = decide(initialSoftphone(), READY, config);
    expect(first.send.map((s) => s.to)).toEqual(["hubspot"]);
    expect(first.state.notice).toBe("");
    const live = run(act("logIn"), act("dial"));
    expect(decide(live.state, READY, config).state.notice).toBe(
      "Back in the call id-dial after a reload.",
    );
  });

  it("DIAL_NUMBER: from an untrusted host ignored, during a call kept, otherwise fills and clears", () => {
    const dial = (phoneNumber: string) => host("onDialNumber", "DIAL_NUMBER", { phoneNumber });
    const untrusted = decide(
      initialSoftphone(),
      host("onReady", "READY", { hostUrl: "https://evil.example" }),
      config,
    ).state;
    const ignored = decide(untrusted, dial("+1 617"), config);
    expect(ignored).toEqual({
      state: untrusted,
      send: [],
      note: "Ignored: the host is not trusted.",
    });
    const live = run(act("logIn"), act("dial"));
    const kept = decide(live.state, dial("+1 212"), config);
    expect(kept.note).toBe("Kept for the next call: a call is in progress.");
    expect(kept.state.dialingContext).toEqual({ phoneNumber: "+1 212" });
    expect(kept.fill).toBeUndefined();
    const wrong = decide(run(act("logIn")).state, act("dial", { phoneNumber: "" }), config).state;
    expect(wrong.errors.phoneNumber).not.toBe("");
    const filled = decide(wrong, dial("+1 617"), config);
    expect(filled.state.errors.phoneNumber).toBe("");
    expect(filled.fill).toEqual({ phoneNumber: "+1 617" });
  });

  it("HubSpot's engagement news: created for a call, or ignored with none waiting", () => {
    const created = (engagementId: unknown) =>
      host("onCreateEngagementSucceeded", "CREATE_ENGAGEMENT_SUCCEEDED", { engagementId });
    expect(decide(run(act("logIn")).state, created(5), config).note).toBe(
      "Engagement 5 ignored: no call is waiting for one.",
    );
    const updated = (data: unknown) =>
      decide(
        run().state,
        host("onUpdateEngagementSucceeded", "UPDATE_ENGAGEMENT_SUCCEEDED", data),
        config,
      ).state.notice;
    expect(updated({ engagementId: 5 })).toBe("HubSpot updated engagement 5.");
    expect(updated({})).toBe("HubSpot updated engagement (no id).");
    const finalized = (data: unknown) =>
      decide(
        run().state,
        host("onPublishToChannelSucceeded", "PUBLISH_TO_CHANNEL_SUCCEEDED", data),
        config,
      ).state.notice;
    expect(finalized({ engagementId: 5 })).toBe("HubSpot finalized engagement 5");
    expect(finalized({})).toBe("HubSpot finalized engagement");
  });

  it("END_CALL ends the call in progress with the status chosen, or says there is none", () => {
    const none = decide(run(act("logIn")).state, host("onEndCall", "END_CALL"), config);
    expect(none.note).toBe("HubSpot asked to end a call, but none is in progress.");
    expect(none.send).toEqual([]);
    const live = run(act("logIn"), act("dial")).state;
    const ended = decide(
      live,
      {
        kind: "host",
        event: { handler: "onEndCall", type: "END_CALL", data: undefined },
        form: { ...form, endStatus: "BUSY" },
        at: 3_000,
      },
      config,
    );
    expect(ended.send[0]?.message).toMatchObject({
      type: "CALL_ENDED",
      data: { callEndStatus: "BUSY" },
    });
    expect(ended.state.phase).toBe("ended");
  });

  it("each visibility HubSpot reports", () => {
    const seen = (data: unknown) =>
      decide(run().state, host("onVisibilityChanged", "VISIBILITY_CHANGED", data), config).state
        .visibility;
    expect(seen({ isHidden: true, isMinimized: true })).toBe("hidden");
    expect(seen({ isMinimized: true })).toBe("minimised");
    expect(seen({ isMinimized: false, isHidden: false })).toBe("visible");
    const hidden = decide(
      run().state,
      host("onVisibilityChanged", "VISIBILITY_CHANGED", { isHidden: true }),
      config,
    ).state;
    expect(
      decide(hidden, host("onVisibilityChanged", "VISIBILITY_CHANGED", {}), config).state
        .visibility,
    ).toBe("visible");
  });

  it("HubSpot's failures show as the failure, with their reason", () => {
    for (const [handler, type] of [
      ["onCreateEngagementFailed", "CREATE_ENGAGEMENT_FAILED"],
      ["onNavigateToRecordFailed", "NAVIGATE_TO_RECORD_FAILED"],
      ["onFinalizeEngagementFailed", "FINALIZE_ENGAGEMENT_FAILED"],
      ["onPublishToChannelFailed", "PUBLISH_TO_CHANNEL_FAILED"],
      ["onSetWidgetUrlFailed", "SET_WIDGET_URL_FAILED"],
      ["onInitiateCallIdFailed", "INITIATE_CALL_ID_FAILED"],
      ["onFailed", "FAILED"],
    ] as const) {
      const failed = decide(
        run().state,
        host(handler, type, { error: { message: "nope" } }),
        config,
      );
      expect(failed.state.failure, handler).toBe(`${type}: nope`);
      expect(failed.note, handler).toBe(`${type}: nope`);
    }
  });

  it("what the softphone has nothing to do with changes nothing; the unknown is noted", () => {
    const { state } = run();
    for (const [handler, type] of [
      ["onInitiateCallIdSucceeded", "INITIATE_CALL_ID_SUCCEEDED"],
      ["onSetCallState", "SET_CALL_STATE"],
    ] as const)
      expect(decide(state, host(handler, type, {}), config), handler).toEqual({ state, send: [] });
    expect(decide(state, host("defaultEventHandler", "WHATEVER"), config)).toEqual({
      state,
      send: [],
      note: "Unknown to the SDK, which answered HubSpot with ERROR (UNKNOWN_MESSAGE_TYPE).",
    });
  });

  it("only HubSpot's answers to a call go back to the calling window", () => {
    const leader = { ...run(remoteReady).state, leader: true };
    const visibility = host("onVisibilityChanged", "VISIBILITY_CHANGED", { isHidden: true });
    expect(decide(leader, visibility, config).passBack).toBeUndefined();
  });
});
