/**
 * Wires the softphone: the SDK instance, the call state, the log and the view, each handed what
 * it needs. Nothing else reads the global DOM.
 */
import CallingExtensions from "@hubspot/calling-extensions-sdk";
import type { AppMessage } from "./appMessages";
import { CHANNEL, parseRelayed } from "./callingWindow";
import { ACTIONS, type Action } from "./callState";
import { createCallStore } from "./callStore";
import { copyText } from "./clipboard";
import { createEventHandlers } from "./hubspotEvents";
import { createLogView } from "./logView";
import { guardSdkListener } from "./messageGuard";
import { LOG_CAPACITY, MessageLog } from "./messageLog";
import { END_STATUSES } from "./payloads";
import { registrationLines } from "./registration";
import { createSoftphone } from "./softphone";
import { bindActions, createView, fillOptions } from "./view";

/** HubSpot's calling widget is about this size; `initialized` asks for it. */
const WIDGET_SIZE = { width: 400, height: 650 };
/** How long to wait for HubSpot's SYNC before saying the page is not inside HubSpot. */
const HANDSHAKE_WAIT_MS = 2_000;

const root = document.querySelector<HTMLElement>("[data-root]");
const list = root?.querySelector<HTMLElement>('[data-out="log"]');
const endStatus = root?.querySelector<HTMLSelectElement>('[data-options="endStatus"]');
if (!root || !list || !endStatus) throw new Error("index.html is missing the softphone's markup");

fillOptions(endStatus, END_STATUSES);
const view = createView(root);
const log = new MessageLog(LOG_CAPACITY, () => logView.update());
const logView = createLogView(list, log);

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
const store = createCallStore(() => window.sessionStorage);
// HubSpot's calling window and the remote frame it works for talk over this channel.
const channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;
const softphone = createSoftphone({
  hubspot,
  view,
  log,
  trustedHosts: __TRUSTED_HOSTS__,
  sizeInfo: () => WIDGET_SIZE,
  initial: store.load(),
  onChange: store.save,
  ...(channel ? { relay: (message: AppMessage) => channel.postMessage(message) } : {}),
});
channel?.addEventListener("message", (event) => {
  const message = parseRelayed(event.data);
  if (message) softphone.forward(message);
});
view.render(softphone.state);
view.show(
  "reload",
  store.persistent
    ? "keeps the call"
    : "loses the call: this browser blocks storage in frames from another site",
);

const lines = registrationLines(`${location.origin}${location.pathname}`);
view.show("registrationLine1", lines[0]);
view.show("registrationLine2", lines[1]);

async function copy(text: string, what: string) {
  const copied = await copyText(text, document);
  view.notify(
    copied ? `Copied ${what}.` : `Could not copy ${what}: select it and copy by hand.`,
    copied ? "info" : "error",
  );
}

bindActions(root, {
  ...Object.fromEntries(ACTIONS.map((action: Action) => [action, () => softphone.act(action)])),
  openCallingWindow: () => {
    const url = softphone.callingWindowUrl;
    if (url) window.open(url, "hubspot-calling-window", "popup,width=420,height=700");
  },
  clearLog: () => log.clear(),
  copyLog: () => copy(log.toJSON(), `${log.size} log entries as JSON`),
  copyRegistration1: () => copy(lines[0], "the CallingExtensions line"),
  copyRegistration2: () => copy(lines[1], "the installDemoWidget line"),
});

if (window.top === window) {
  view.showOutside(
    "This page is open on its own: HubSpot loads it in a frame of its calling widget.",
  );
} else {
  setTimeout(() => {
    if (softphone.state.host === "pending") {
      view.showOutside(
        `The page that frames this one sent no HubSpot handshake within ${HANDSHAKE_WAIT_MS / 1000} seconds.`,
      );
    }
  }, HANDSHAKE_WAIT_MS);
}
