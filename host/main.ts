/**
 * Wires the stand-in: which app to frame, the SDK's host-mode frame, HubSpot's side, the view,
 * the message log and the fault switches. `window.standIn` exposes it to tests.
 */
import { copyText } from "../common/clipboard";
import { bindActions } from "../common/dom";
import { createLogView } from "../common/logView";
import { LOG_CAPACITY, MessageLog } from "../common/messageLog";
import { APP_TO_HUBSPOT_TYPES, handlerOf } from "../common/protocol";
import { frameLocationOf, resolveAppSettings } from "./appSettings";
import { callFromChoices, parseRegistered } from "./callFrom";
import { OWNER_ID, PORTAL_ID, RECORDS, USER_ID } from "./crm";
import { type FrameMessage, HostFrame } from "./hostFrame";
import { HubSpotSide, kept, MAX_RECEIVED, type Received } from "./hubspot";
import { SessionRecorder } from "./session";
import { APPS_PATH } from "./settingsPaths";
import { createStandInApi } from "./standInApi";
import { createStandInView, type WidgetVisibility } from "./view";

const root = document.querySelector<HTMLElement>("[data-root]");
const logList = root?.querySelector<HTMLElement>('[data-out="log"]');
if (!root || !logList) throw new Error("host/index.html is missing the stand-in's markup");

const view = createStandInView(root);
const local = resolveAppSettings(location.search, (key) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
});
const registered = await fetch(APPS_PATH)
  .then((response) => (response.ok ? response.json() : []))
  .then(parseRegistered, () => []);
const { choices, chosen } = callFromChoices(local.settings, registered, location.search);
const { settings } = chosen;
const { warnings } = local;
view.showCallFrom(choices, chosen.key, (key) => {
  const url = new URL(location.href);
  url.searchParams.set("callFrom", key);
  location.assign(url);
});
const where = frameLocationOf(location.pathname, location.search, settings);
view.showApp(
  settings,
  warnings,
  `${where.iframeLocation}, calling window: ${where.usesCallingWindow ? "yes" : "no"}`,
);

const log = new MessageLog(LOG_CAPACITY, () => logView.update());
const session = new SessionRecorder(settings.url, () => performance.now());
const logView = createLogView(logList, log);
const sent: { type: string; data?: unknown }[] = [];
const frameState = { frame: null as HostFrame | null, handshakes: 0, createdAt: 0 };

function sendToApp(type: string, data?: unknown): boolean {
  const { frame } = frameState;
  if (!frame?.isReady) {
    log.add("in", type, handlerOf(type), data, "Not sent: the app has not answered the handshake.");
    return false;
  }
  frame.sendMessage({ type, data } as Parameters<HostFrame["sendMessage"]>[0]);
  // Bounded like the messages received: a flood of app messages each answered (NAVIGATE_TO_RECORD
  // → NAVIGATE_TO_RECORD_FAILED, ...) must not grow it without end.
  const payload = kept(data);
  sent.push({ type, data: payload });
  if (sent.length > MAX_RECEIVED) sent.splice(0, sent.length - MAX_RECEIVED);
  session.add({ to: "app", type, data: payload });
  log.add("in", type, handlerOf(type), data);
  return true;
}

const side = new HubSpotSide({
  send: sendToApp,
  onReceive: logReceived,
  faults: () => view.faults(),
  records: RECORDS,
  ui: {
    alert: (message) => view.showAlert(message),
    showRecord(record, newTab) {
      if (!newTab) return view.showRecord(record);
      const url = new URL(location.href);
      url.searchParams.set("record", String(record.objectId));
      window.open(url, "_blank");
    },
    resize: (width, height) => frameState.frame?.updateIFrameSize({ width, height }),
    loadUrl: (url) => openFrame(url),
    hideWidget: () => view.setVisibility("hidden"),
    changed: showStatus,
  },
});

function showStatus() {
  view.showStatus(side.context, side.violationCount, side.engagements);
}

function logReceived(entry: Received) {
  session.add({ from: "app", type: entry.type, data: entry.data });
  window.standInObserver?.(entry);
  const note = entry.violations.map((v) => `✗ ${v.rule}: ${v.text} (${v.detail})`).join("\n");
  const known = APP_TO_HUBSPOT_TYPES.includes(entry.type);
  log.add(
    "out",
    entry.type,
    known ? "from the app" : "(not an SDK message type)",
    entry.data,
    note || undefined,
  );
}

function onFrameMessage(message: FrameMessage) {
  if (message.type === "READY") {
    frameState.handshakes++;
    side.handshake();
    const { handshakes } = frameState;
    view.showHandshake(handshakes > 1 ? `done (${handshakes} times: the app reloaded)` : "done");
  } else if (message.type === "SYNC_ACK_FAILED") {
    view.showHandshake("failed: the app did not answer SYNC within 30 seconds");
  } else {
    side.receive({ type: message.type, data: message.data });
  }
}

function openFrame(url: string) {
  frameState.frame?.remove();
  frameState.handshakes = 0;
  frameState.createdAt = performance.timeOrigin + performance.now();
  view.showHandshake("waiting");
  frameState.frame = new HostFrame({
    src: url,
    width: settings.width,
    height: settings.height,
    hostElementSelector: "#widget-frame",
    title: `Calling app: ${settings.name}`,
    sync: { portalId: PORTAL_ID, userId: USER_ID, ownerId: OWNER_ID, ...where },
    onMessage: onFrameMessage,
    onMalformed: (data, violation) => side.reject(data, violation),
  });
  view.setVisibility("visible");
}

const visibility = (shown: WidgetVisibility) => () => {
  session.add({ by: "hubspot", step: { kind: "visibility", to: shown } });
  view.setVisibility(shown);
  sendToApp("VISIBILITY_CHANGED", {
    isMinimized: shown === "minimised",
    isHidden: shown === "hidden",
  });
};

bindActions(root, {
  call(button) {
    const record = RECORDS.find((r) => String(r.objectId) === button.dataset.record);
    const phone = button.dataset.phone;
    if (!record || !phone) return;
    session.add({ by: "hubspot", step: { kind: "call", record: record.objectId, phone } });
    side.dial(record, phone);
  },
  endCall: () => hubspotSends("END_CALL"),
  minimise: visibility("minimised"),
  hide: visibility("hidden"),
  show: visibility("visible"),
  reloadFrame() {
    session.add({ by: "hubspot", step: { kind: "reload" } });
    frameState.frame?.reload();
  },
  saveSession: () =>
    view.download("hubspot-calling-session.json", JSON.stringify(session, null, 2)),
  dismissAlert: () => view.dismissAlert(),
  clearLog: () => log.clear(),
  copyLog: () => copyText(log.toJSON(), document),
});

// HubSpot's own initiative (not an answer to the app), recorded as a step of the session.
function hubspotSends(type: string, data?: unknown): boolean {
  session.add({ by: "hubspot", step: { kind: "send", type, data: kept(data) } });
  return sendToApp(type, data);
}

/** A raw value posted into the app's frame, envelope or not: what a hostile host could send. */
function postToApp(value: unknown): boolean {
  const iframe = frameState.frame?.iFrame;
  if (!iframe?.contentWindow) return false;
  session.add({ by: "hubspot", step: { kind: "post", value: kept(value) } });
  iframe.contentWindow.postMessage(value, new URL(iframe.src).origin);
  return true;
}

view.onFaultChange((fault, on) =>
  session.add({ by: "hubspot", step: { kind: "fault", fault, on } }),
);

window.standIn = createStandInApi({
  side,
  sent,
  frame: frameState,
  send: hubspotSends,
  post: postToApp,
  note: (step) => session.add({ by: "user", step }),
  session: () => session.toJSON(),
});

view.showRecords(RECORDS, settings.supportsCustomObjects === true);
// A record opened in a new tab (NAVIGATE_TO_RECORD with openIn: NEW_TAB) arrives as ?record=ID.
const opened = RECORDS.find(
  (r) => String(r.objectId) === new URLSearchParams(location.search).get("record"),
);
if (opened) view.showRecord(opened);
showStatus();
openFrame(settings.url);
