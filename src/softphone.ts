/**
 * The softphone's shell: runs each input through the pure `step` and performs what it returns, in
 * order: log the host message that came in, send and log each message, fill fields, save the
 * state and render it. It gets everything passed in (the SDK, the view, the log, the clock and
 * ids), so it runs the same against the real SDK in a page and against fakes in a unit test.
 */
import type { MessageLog } from "../common/messageLog";
import type { Action } from "./core/callState";
import {
  type Config,
  type Input,
  initialSoftphone,
  type Outgoing,
  type SoftphoneState,
  type Step,
  step,
} from "./core/softphone";
import {
  type AppMessage,
  type HubSpotMethods,
  METHOD_OF,
  sendToHubSpot,
} from "./protocol/appMessages";
import type { HostEvent } from "./protocol/hostMessages";
import type { SoftphoneView } from "./ui/view";

export interface SoftphoneDeps {
  readonly hubspot: HubSpotMethods;
  readonly view: SoftphoneView;
  readonly log: MessageLog;
  readonly config: Config;
  /** The state to start from, e.g. a call restored after the frame reloaded. */
  readonly initial?: SoftphoneState;
  /** Called with every new state, e.g. to keep the call across a reload. */
  readonly save?: (state: SoftphoneState) => void;
  /**
   * Posts to the other softphone over the channel: a call message to the remote frame (from the
   * calling window), or HubSpot's answer back to the calling window (from the remote frame).
   */
  readonly relay?: (message: AppMessage | { readonly answer: HostEvent }) => void;
  readonly now?: () => number;
  readonly newCallId?: () => string;
}

export interface Softphone {
  readonly state: SoftphoneState;
  act(action: Action): void;
  receive(event: HostEvent): void;
  /** Any other input: a relayed message, the page found outside HubSpot, a copy's outcome. */
  run(input: Exclude<Input, { kind: "act" | "host" }>): void;
  /** HubSpot's answer, passed back by the remote frame to this calling window. */
  answered(event: HostEvent): void;
}

export function createSoftphone(deps: SoftphoneDeps): Softphone {
  const { view, log } = deps;
  const now = deps.now ?? Date.now;
  const newCallId = deps.newCallId ?? (() => crypto.randomUUID());
  let state = deps.initial ?? initialSoftphone();

  function perform({ message, to, note }: Outgoing) {
    const data = "data" in message ? message.data : undefined;
    log.add("out", message.type, METHOD_OF[message.type], data, note);
    if (to === "relay") deps.relay?.(message);
    else sendToHubSpot(deps.hubspot, message);
  }

  /** A host message is logged before the answers it causes, so the log reads in causal order. */
  function run(input: Input, event?: HostEvent, from?: string) {
    let result: Step;
    try {
      result = step(state, input, deps.config);
    } catch (error) {
      // Parsers do not throw; this keeps a bug from reaching the SDK, which would drop the message.
      const note = `The softphone failed on this: ${error instanceof Error ? error.message : String(error)}`;
      result = { state: { ...state, failure: note }, send: [], note };
    }
    if (event) {
      const note = [from, result.note].filter(Boolean).join(" ");
      log.add("in", event.type, event.handler, event.data, note || undefined);
    }
    for (const outgoing of result.send) perform(outgoing);
    if (result.answer) deps.relay?.({ answer: result.answer });
    if (result.fill) view.fill(result.fill);
    if (result.state !== state) {
      state = result.state;
      deps.save?.(state);
      view.render(state);
    }
  }

  return {
    get state() {
      return state;
    },
    act(action) {
      const startsCall = action === "dial" || action === "incoming";
      const callId = startsCall ? { callId: newCallId() } : {};
      run({ kind: "act", action, form: view.form(), at: now(), ...callId });
    },
    receive(event) {
      run({ kind: "host", event, form: view.form(), at: now() }, event);
    },
    run,
    answered(event) {
      if (state.role !== "callingWindow") return;
      const input: Input = { kind: "host", event, form: view.form(), at: now() };
      run(input, event, "Passed on by the remote frame.");
    },
  };
}
