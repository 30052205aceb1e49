/**
 * The softphone's shell: runs each input through the pure `decide` and performs what it returns, in
 * order: log (and record in the session) the host message that came in, send and log each
 * message, fill fields, save the state and render it. It gets everything passed in (the SDK, the view, the log, the clock and
 * ids), so it runs the same against the real SDK in a page and against fakes in a unit test.
 */
import type { LogEntry, MessageLog } from "../common/messageLog";
import type { SessionRecorder } from "../common/session";
import type { UserStep } from "../common/steps";
import type { Action } from "./core/actions";
import {
  type Config,
  type Decision,
  decide,
  type Input,
  initialSoftphone,
  type Outgoing,
  type SoftphoneState,
} from "./core/softphone";
import { type HubSpotMethods, METHOD_OF, sendToHubSpot } from "./protocol/appMessages";
import type { ChannelMessage } from "./protocol/callingWindow";
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
  readonly relay?: (message: ChannelMessage) => void;
  readonly now?: () => number;
  readonly newCallId?: () => string;
  /**
   * Records the session as the softphone sees it: HubSpot's messages and its own, and the user's
   * steps, for **Save session** (what HubSpot sent, replayable against any app in the stand-in).
   */
  readonly session?: SessionRecorder;
}

/** The user's actions a replay takes again, by the session's names for them. */
const USER_STEP_OF: Readonly<Partial<Record<Action, UserStep>>> = {
  logIn: "logIn",
  logOut: "logOut",
  available: "available",
  dial: "dial",
  incoming: "incomingCall",
  answer: "answer",
  end: "end",
  complete: "complete",
};

/** A log entry's payload (bounded JSON text, made once for the log) as the session keeps it. */
function payloadOf(entry: LogEntry): unknown {
  if (entry.payload === "") return undefined;
  try {
    return JSON.parse(entry.payload);
  } catch {
    return entry.payload;
  }
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
    const entry = log.add("out", message.type, METHOD_OF[message.type], data, note);
    if (to === "relay") return deps.relay?.(message);
    deps.session?.add({ from: "app", type: message.type, data: payloadOf(entry) });
    sendToHubSpot(deps.hubspot, message);
  }

  /** A host message is logged before the answers it causes, so the log reads in causal order. */
  function run(input: Input, event?: HostEvent, from?: string) {
    let result: Decision;
    try {
      result = decide(state, input, deps.config);
    } catch (error) {
      // Parsers do not throw; this keeps a bug from reaching the SDK, which would drop the message.
      const note = `The softphone failed on this: ${error instanceof Error ? error.message : String(error)}`;
      result = { state: { ...state, failure: note }, send: [], note };
    }
    if (event) {
      const note = [from, result.note].filter(Boolean).join(" ");
      const entry = log.add("in", event.type, event.handler, event.data, note || undefined);
      // What came from HubSpot itself, not passed on by the remote frame.
      if (!from) record(event, entry);
    }
    const userStep = input.kind === "act" ? USER_STEP_OF[input.action] : undefined;
    if (userStep && result.send.length > 0) deps.session?.add({ by: "user", step: userStep });
    for (const outgoing of result.send) perform(outgoing);
    if (result.passBack) deps.relay?.({ answer: result.passBack });
    for (const sent of result.receipts ?? []) deps.relay?.({ sent });
    if (result.fill) view.fill(result.fill);
    if (result.state !== state) {
      state = result.state;
      deps.save?.(state);
      view.render(state);
    }
  }

  function record(event: HostEvent, entry: LogEntry) {
    if (event.type === "READY") deps.session?.add({ frame: "handshake" });
    else deps.session?.add({ to: "app", type: event.type, data: payloadOf(entry) });
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
