/**
 * Wires the softphone: the SDK instance, the store, the log, the view and the shell that runs the
 * pure core, each handed what it needs. Nothing else reads the global DOM.
 *
 * HubSpot sends its SYNC on the frame's `load` event, so all that runs before `load` is time the
 * user waits for the widget: the page's markup is an inert template, made live (with its styles)
 * on the first render, after INITIALIZED has left.
 */
import CallingExtensions from "@hubspot/calling-extensions-sdk";
import { copyText } from "../common/clipboard";
import { DEMO_CALLER } from "../common/demo";
import { bindActions, download } from "../common/dom";
import { createLogView, type LogView } from "../common/logView";
import { LOG_CAPACITY, MessageLog } from "../common/messageLog";
import { registrationLines } from "../common/registration";
import { SessionRecorder } from "../common/session";
import { WIDGET_SIZE } from "../common/widget";
import css from "../styles/softphone.css?inline";
import { ACTIONS } from "./core/actions";
import { firstLine } from "./core/lines";
import { callingWindowFor, initialSoftphone, type SoftphoneState } from "./core/softphone";
import {
  CHANNEL,
  type ChannelMessage,
  parseAnswer,
  parseReceipt,
  parseRelayed,
  RELAY_LOCK,
} from "./protocol/callingWindow";
import { createEventHandlers } from "./protocol/hubspotEvents";
import { guardSdkListener } from "./protocol/messageGuard";
import { createSoftphone } from "./shell";
import { createCallStore } from "./ui/callStore";
import { lazyView } from "./ui/lazyView";
import { createLineStore } from "./ui/lineStore";
import { createView, INITIAL_FORM } from "./ui/view";

/** The most events Save session keeps (each payload as bounded as the log's). */
const SOFTPHONE_SESSION_EVENTS = 1_000;
/** How long to wait for HubSpot's SYNC before saying the page is not inside HubSpot. */
const HANDSHAKE_WAIT_MS = 2_000;
/** How long the page stays unseen while it waits for the handshake (which usually takes less). */
const SHOW_WAIT_MS = 250;

const root = document.querySelector<HTMLElement>("[data-root]");
const ui = document.querySelector<HTMLTemplateElement>("template[data-ui]");
if (!root || !ui) throw new Error("index.html is missing the softphone's markup");

const store = createCallStore(() => window.sessionStorage);
const lineStore = createLineStore(() => window.localStorage);
const lines = registrationLines(`${location.origin}${location.pathname}`);
const log = new MessageLog(LOG_CAPACITY, () => logView?.update());
let logView: LogView | undefined;
// The page's hundred elements are made on the first render, after INITIALIZED has left: measured,
// the same markup live in the floor page's body cost its handshake about 15 ms (bench/floor.ts).
const view = lazyView(() => {
  // The styles come with the script, not as a second request that would hold the script back. A
  // constructed stylesheet is not inline style, so `style-src 'self'` stands; the page stays hidden
  // (an attribute) until the handshake, so it is never seen unstyled.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [sheet];
  root.append(ui.content.cloneNode(true));
  const list = root.querySelector<HTMLElement>('[data-out="log"]');
  if (!list) throw new Error("index.html is missing the softphone's log");
  logView = createLogView(list, log);
  logView.update();
  return createView(root, {
    reloadKeepsCall: store.persistent,
    registrationLines: lines,
    lines: __LINES__,
  });
}, INITIAL_FORM);
// A first call needs no typing: the From number is the line last used, or the user's first line;
// an inbound call is two clicks (Available, Incoming call), from a caller HubSpot can match.
view.fill({ fromNumber: firstLine(__LINES__, lineStore.last()), callerNumber: DEMO_CALLER });

guardSdkListener(window);
const debug = new URLSearchParams(location.search).has("debug");
const hubspot = new CallingExtensions({
  debugMode: debug,
  eventHandlers: createEventHandlers((event) => softphone.receive(event)),
});
// The SDK writes every message to the console, and an open DevTools (any attached inspector)
// keeps each one: measured, 1.1 KB a message, without bound. The log panel shows them all already;
// `?debug` brings the SDK's own logging back.
if (!debug) hubspot.iFrameManager.logDebugMessage = () => {};
// HubSpot's calling window and the remote frame it works for talk over this channel.
const channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;
// The session as this frame sees it (inside HubSpot: what HubSpot really sent), for Save session:
// its first 1,000 events (a hundred calls), so a flood from the host keeps memory flat.
const session = new SessionRecorder(
  `${location.origin}${location.pathname}`,
  () => performance.now(),
  undefined,
  undefined,
  SOFTPHONE_SESSION_EVENTS,
);
const softphone = createSoftphone({
  hubspot,
  view,
  log,
  session,
  config: { trustedHosts: __TRUSTED_HOSTS__, sizeInfo: WIDGET_SIZE, canRelay: channel !== null },
  initial: initialSoftphone(store.load()),
  save(state) {
    store.save(state);
    leadIfRemote(state);
    if (state.phase === "dialing" && state.call?.direction === "OUTBOUND") {
      lineStore.save(state.call.fromNumber);
    }
  },
  ...(channel ? { relay: (message: ChannelMessage) => channel.postMessage(message) } : {}),
});
channel?.addEventListener("message", (event) => {
  const message = parseRelayed(event.data);
  if (message) softphone.run({ kind: "relayed", message });
  const answer = parseAnswer(event.data);
  if (answer) softphone.answered(answer);
  const receipt = parseReceipt(event.data);
  if (receipt) softphone.run({ kind: "receipt", receipt });
});

/** A remote frame asks for the relay lock once, and holds it until its page goes. */
let lockRequested = false;
function leadIfRemote(state: SoftphoneState) {
  if (lockRequested || state.role !== "remote" || !("locks" in navigator)) return;
  lockRequested = true;
  const lead = () => softphone.run({ kind: "leader" });
  // Where the browser refuses the lock (a rejection, or a throw in a frame denied storage), this
  // frame sends, as every frame did before locks.
  try {
    navigator.locks
      .request(RELAY_LOCK, () => {
        lead();
        return new Promise<never>(() => {});
      })
      .catch(lead);
  } catch {
    queueMicrotask(lead);
  }
}
async function copy(text: string, what: string) {
  softphone.run({ kind: "copied", what, ok: await copyText(text, document) });
}

bindActions(root, {
  ...Object.fromEntries(ACTIONS.map((action) => [action, () => softphone.act(action)])),
  openCallingWindow: () => {
    const url = callingWindowFor(softphone.state);
    if (url) window.open(url, "hubspot-calling-window", "popup,width=420,height=700");
  },
  clearLog: () => log.clear(),
  copyLog: () => copy(log.toJSON(), `${log.size} log entries as JSON`),
  saveSession: () =>
    download(document, "hubspot-calling-session.json", JSON.stringify(session, null, 2)),
  copyRegistration1: () => copy(lines[0], "the CallingExtensions line"),
  copyRegistration2: () => copy(lines[1], "the installDemoWidget line"),
});

// Where the browser refuses storage, a reload or a closed tab loses the call: complete it first.
if (!store.persistent) {
  addEventListener("pagehide", () => softphone.run({ kind: "leaving", at: Date.now() }));
}

const outside = (reason: string) => softphone.run({ kind: "outside", reason });
if (window.top === window) {
  outside("This page is open on its own: HubSpot loads it in a frame of its calling widget.");
} else {
  setTimeout(() => softphone.run({ kind: "waiting" }), SHOW_WAIT_MS);
  setTimeout(
    () =>
      outside(
        `The page that frames this one sent no HubSpot handshake within ${HANDSHAKE_WAIT_MS / 1000} seconds.`,
      ),
    HANDSHAKE_WAIT_MS,
  );
}
