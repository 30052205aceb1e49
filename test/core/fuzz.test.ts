/**
 * Property-based tests: random sequences of events, actions and host payloads, with the
 * invariants every sequence must keep.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { END_STATUSES } from "../../common/protocol";
import { ACTION_RULES, ACTIONS, type Action, can } from "../../src/core/actions";
import { type CallEvent, type CallState, transition } from "../../src/core/callState";
import { initialSoftphone, type SoftphoneState } from "../../src/core/softphone";
import type { HandlerName } from "../../src/protocol/hostMessages";
import { FORM, setup } from "../fakes";

const inCall = (s: CallState) =>
  s.phase === "dialing" || s.phase === "ringing" || s.phase === "connected" || s.phase === "ended";

const hostChange: fc.Arbitrary<CallEvent> = fc.oneof(
  fc.record({
    type: fc.constant("dialNumber" as const),
    context: fc.record({ phoneNumber: fc.constantFrom(FORM.phoneNumber, "x") }),
  }),
  fc.record({
    type: fc.constant("engagementCreated" as const),
    engagementId: fc.integer({ min: 1 }),
  }),
  fc.record({
    type: fc.constant("callerIdMatched" as const),
    matches: fc.constant([]),
  }),
);

type Move =
  | { kind: "handshake"; trusted: boolean }
  | { kind: "host"; event: CallEvent }
  | { kind: "act"; action: Action; at: number; callId: string; form: typeof FORM };

const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({ kind: fc.constant("handshake" as const), trusted: fc.boolean() }),
  fc.record({ kind: fc.constant("host" as const), event: hostChange }),
  fc.record({
    kind: fc.constant("act" as const),
    action: fc.constantFrom(...ACTIONS),
    at: fc.nat(),
    callId: fc.uuid(),
    form: fc.record({
      ...Object.fromEntries(Object.entries(FORM).map(([k, v]) => [k, fc.constant(v)])),
      phoneNumber: fc.constantFrom(FORM.phoneNumber, "+44 20 7946 0101", "", "call me"),
      endStatus: fc.constantFrom(...END_STATUSES, "HUNG_UP"),
      notes: fc.constantFrom("", "Left a message", "x".repeat(70_000)),
    }) as fc.Arbitrary<typeof FORM>,
  }),
);

describe("the actions and the state machine, fuzzed", () => {
  it("keep their invariants over any sequence of clicks and host messages", () => {
    fc.assert(
      fc.property(fc.array(move, { maxLength: 60 }), (moves) => {
        let state: SoftphoneState = initialSoftphone();
        for (const m of moves) {
          let next: SoftphoneState;
          if (m.kind === "handshake") next = { ...state, host: m.trusted ? "ready" : "untrusted" };
          else if (m.kind === "host") next = transition(state, m.event) ?? state;
          else if (!can(state, m.action)) continue;
          else {
            const outcome = ACTION_RULES[m.action].take(state, m);
            next = outcome.state;
            // Taken, an action sends exactly one message; refused, it sends none and the call
            // stays where it was.
            if (outcome.taken) expect(outcome.send).toHaveLength(1);
            else {
              expect(next.phase).toBe(state.phase);
              expect(next.call).toBe(state.call);
            }
          }
          // A call exists exactly while the phase says one is in progress.
          expect(next.call !== null).toBe(inCall(next));
          // Within a call, its id never changes and an engagement id, once set, stays.
          if (state.call && next.call) {
            expect(next.call.externalCallId).toBe(state.call.externalCallId);
            if (state.call.engagementId !== undefined)
              expect(next.call.engagementId).toBe(state.call.engagementId);
          }
          // No button is enabled that the state forbids.
          const enabled = ACTIONS.filter((a) => can(next, a));
          if (next.host !== "ready") expect(enabled).toEqual([]);
          if (next.phase === "loggedOut")
            expect(
              enabled.filter(
                (a) => a !== "logIn" && a !== "sendError" && a !== "resize" && a !== "setWidgetUrl",
              ),
            ).toEqual([]);
          if (!next.call)
            for (const a of ["answer", "end", "complete", "transfer", "callData"] as Action[])
              expect(can(next, a)).toBe(false);
          if (next.phase !== "ended") expect(can(next, "complete")).toBe(false);
          state = next;
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Host messages with payloads from well-formed to anything at all. */
const hostEvent = fc.record({
  handler: fc.constantFrom<HandlerName>(
    "onReady",
    "onDialNumber",
    "onCreateEngagementSucceeded",
    "onEngagementCreated",
    "onCreateEngagementFailed",
    "onUpdateEngagementSucceeded",
    "onEndCall",
    "onVisibilityChanged",
    "onCallerIdMatchSucceeded",
    "onCallerIdMatchFailed",
    "onFinalizeEngagementSucceeded",
    "onFailed",
    "defaultEventHandler",
    "onSetCallState",
  ),
  type: fc.string({ maxLength: 30 }),
  data: fc.oneof(
    fc.anything(),
    fc.record({ hostUrl: fc.constantFrom("https://app.hubspot.com", "https://evil.example") }),
    fc.record({ engagementId: fc.oneof(fc.integer(), fc.string()) }),
    fc.record({ phoneNumber: fc.oneof(fc.string(), fc.constant("+1 617-555-0101")) }),
  ),
});

const step = fc.oneof(
  fc.record({ kind: fc.constant("act" as const), action: fc.constantFrom(...ACTIONS) }),
  fc.record({ kind: fc.constant("host" as const), event: hostEvent }),
  fc.record({
    kind: fc.constant("type" as const),
    field: fc.constantFrom("phoneNumber", "notes", "endStatus", "callerNumber") as fc.Arbitrary<
      "phoneNumber" | "notes" | "endStatus" | "callerNumber"
    >,
    value: fc.string({ maxLength: 40 }),
  }),
  // The shell's other inputs: the page going away, the wait for a handshake, the relay lock and
  // its receipts.
  fc.record({
    kind: fc.constant("other" as const),
    input: fc.constantFrom(
      { kind: "leaving", at: 2_000 } as const,
      { kind: "waiting" } as const,
      { kind: "leader" } as const,
      { kind: "receipt", receipt: { type: "CALL_ENDED", externalCallId: "c1" } } as const,
    ),
  }),
);

describe("the softphone, fuzzed", () => {
  it("never throws, sends only what the state allows, and keeps one id per call", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const { softphone, sent, view, ready } = setup();
        ready();
        softphone.act("logIn");
        for (const s of steps) {
          const before = sent.length;
          if (s.kind === "act") {
            const allowed = can(softphone.state, s.action);
            expect(() => softphone.act(s.action)).not.toThrow();
            if (!allowed) expect(sent.length).toBe(before);
          } else if (s.kind === "host") {
            expect(() => softphone.receive(s.event)).not.toThrow();
          } else if (s.kind === "other") {
            expect(() => softphone.run(s.input)).not.toThrow();
          } else {
            view.fields[s.field] = s.value;
          }
        }
        // Every message about a call carries the id the call started with.
        let current: string | undefined;
        for (const { method, payload } of sent) {
          const id = (payload as { externalCallId?: string } | undefined)?.externalCallId;
          if (method === "outgoingCall" || method === "incomingCall") current = id;
          else if (
            ["callAnswered", "callEnded", "callCompleted", "callTransferred", "callData"].includes(
              method,
            )
          )
            expect(id).toBe(current);
        }
      }),
      { numRuns: 300 },
    );
  });
});
