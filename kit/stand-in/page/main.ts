/**
 * Wires the stand-in: which app to frame, the SDK's host-mode frame, HubSpot's side, the view,
 * the message log and the fault switches. `window.standIn` exposes it to tests.
 */
import { copyText } from "../../../common/clipboard";
import { bindActions } from "../../../common/dom";
import { createLogView } from "../../../common/logView";
import { LOG_CAPACITY, MessageLog } from "../../../common/messageLog";
import { APP_TO_HUBSPOT_TYPES, MESSAGE } from "../../../common/protocol";
import { type SessionEvent, SessionRecorder } from "../../../common/session";
import { type HubSpotStep, parseStep } from "../../../common/steps";
import { brief } from "../../../common/text";
import { OWNER_ID, PORTAL_ID, RECORDS, USER_ID } from "../crm";
import { APP_PATH, APPS_PATH } from "../settingsPaths";
import { frameLocationOf, resolveAppSettings } from "./appSettings";
import { callFromChoices, parseRegistered, startedApp } from "./callFrom";
import { Handled } from "./handled";
import { type FrameMessage, HostFrame, handlerOf } from "./hostFrame";
import { HubSpotSide, kept, MAX_RECEIVED, NOT_LOGGED_IN, type Received } from "./hubspot";
import { createStandInApi } from "./standInApi";
import { createStandInView } from "./view";

const root = document.querySelector<HTMLElement>("[data-root]");
const logList = root?.querySelector<HTMLElement>('[data-out="log"]');
if (!root || !logList) throw new Error("kit/host/index.html is missing the stand-in's markup");

const view = createStandInView(root);
/** The apps registered through the calling settings endpoints, as the server has them now. */
const registeredApps = () =>
  fetch(APPS_PATH)
    .then((response) => (response.ok ? response.json() : []))
    .then(parseRegistered, () => []);
// Asked for at once: the app the stand-in was started for, and the registered apps.
const [started, registered] = await Promise.all([
  fetch(APP_PATH)
    .then((response) => (response.ok ? response.json() : null))
    .then(startedApp, () => undefined),
  registeredApps(),
]);
const local = resolveAppSettings(
  location.search,
  (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  started,
);
const { choices, chosen } = callFromChoices(local.settings, registered, location.search);
const { settings } = chosen;
const { warnings } = local;
view.showCallFrom(choices, chosen.key);
view.onCallFrom(
  (key) => {
    const url = new URL(location.href);
    url.searchParams.set("callFrom", key);
    location.assign(url);
  },
  // An app registered since the page opened (`calling-stand-in settings create`) is offered as
  // soon as the menu is used, as in HubSpot after its settings change, without a reload.
  async () => {
    const latest = callFromChoices(local.settings, await registeredApps(), location.search);
    view.showCallFrom(latest.choices, chosen.key);
  },
);
const where = frameLocationOf(location.pathname, location.search, settings);
view.showApp(
  settings,
  warnings,
  `${where.iframeLocation}, calling window: ${where.usesCallingWindow ? "yes" : "no"}`,
);

const log = new MessageLog(LOG_CAPACITY, () => logView.update());
const session = new SessionRecorder(settings.url, () => performance.now(), undefined, tell);

/**
 * Tells a tool's observer (`npm run check`, a team's tests) of each event, as plain JSON: what a
 * payload holds beyond JSON (a Map, a cycle) is no evidence a trace can compare, and whatever goes
 * wrong on the way is the tool's problem, never the page's.
 */
function tell(event: SessionEvent) {
  const observer = window.standInObserver;
  if (!observer) return;
  let plain: SessionEvent;
  try {
    plain = JSON.parse(JSON.stringify(event));
  } catch {
    plain = { ...event, ...("data" in event ? { data: "[a payload that is not JSON]" } : {}) };
  }
  try {
    Promise.resolve(observer(plain)).catch(() => {});
  } catch {
    // The observer is gone (its page is closing): nothing to tell.
  }
}
const logView = createLogView(logList, log);
const sent: { type: string; data?: unknown }[] = [];
const frameState = { frame: null as HostFrame | null, handshakes: 0, createdAt: 0 };
const handled = new Handled();

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
  const { lastMessageId } = frame;
  session.add({
    to: "app",
    type,
    data: payload,
    ...(lastMessageId === undefined ? {} : { messageId: lastMessageId }),
  });
  log.add("in", type, handlerOf(type), data);
  return true;
}

const side = new HubSpotSide({
  send: sendToApp,
  onReceive: logReceived,
  during: () => session.during,
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
  session.add({ from: "app", type: entry.type, data: entry.data, violations: entry.violations });
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
  if (message.type === MESSAGE.READY) {
    frameState.handshakes++;
    side.handshake();
    session.add({ frame: "handshake" });
    const { handshakes } = frameState;
    view.showHandshake(handshakes > 1 ? `done (${handshakes} times: the app reloaded)` : "done");
  } else if (message.type === MESSAGE.SYNC_ACK_FAILED) {
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
    onHandled: (id) => handled.note(id),
    debug: new URLSearchParams(location.search).has("debug"),
  });
  view.setVisibility("visible");
}

/**
 * Every step of the session goes through here, whoever takes it: the stand-in's own buttons and
 * switches, `window.standIn.perform` (the check, a team's tests) and a replay. It is recorded
 * first, so every message that follows is stamped with it, then done. Returns why HubSpot could
 * not do it, or null. A user's step is only recorded: it happens inside the app's frame.
 */
function perform(value: unknown): string | null {
  // From the console or a test, anything may come: taken only as a step the codec reads.
  const step = parseStep(value);
  if (!step) return `not a step HubSpot or its user can take: ${brief(value)}`;
  if (step.by === "user") {
    session.add({ by: "user", step: step.step });
    return null;
  }
  const s = step.step;
  // What a session keeps of a payload is bounded, as the log is.
  const recorded: HubSpotStep =
    s.kind === "send"
      ? { ...s, data: kept(s.data) }
      : s.kind === "post"
        ? { ...s, value: kept(s.value) }
        : s;
  session.add({ by: "hubspot", step: recorded });
  switch (s.kind) {
    case "call": {
      const record = RECORDS.find((r) => r.objectId === s.record);
      if (!record) return `the stand-in's CRM has no record ${s.record}`;
      if (side.dial(record, s.phone)) return null;
      return `HubSpot did not send DIAL_NUMBER: the app reported no logged-in user (HubSpot shows "${NOT_LOGGED_IN}")`;
    }
    case "send":
      return sendToApp(s.type, s.data)
        ? null
        : `${s.type} not sent: the app has not answered the handshake`;
    case "post":
      return postToApp(s.value) ? null : "not posted: the app has no frame";
    case "visibility":
      view.setVisibility(s.to);
      sendToApp(MESSAGE.VISIBILITY_CHANGED, {
        isMinimized: s.to === "minimised",
        isHidden: s.to === "hidden",
      });
      return null;
    case "reload":
      if (!frameState.frame) return "the app has no frame to reload";
      frameState.frame.reload();
      return null;
    case "fault":
      view.setFault(s.fault, s.on);
      return null;
    case "delay":
      view.setDelay(s.ms);
      return null;
  }
}

const hubspot = (step: HubSpotStep) => perform({ by: "hubspot", step });

bindActions(root, {
  call(button) {
    const record = Number(button.dataset.record);
    const phone = button.dataset.phone;
    if (phone) hubspot({ kind: "call", record, phone });
  },
  endCall: () => hubspot({ kind: "send", type: MESSAGE.END_CALL }),
  minimise: () => hubspot({ kind: "visibility", to: "minimised" }),
  hide: () => hubspot({ kind: "visibility", to: "hidden" }),
  show: () => hubspot({ kind: "visibility", to: "visible" }),
  reloadFrame: () => hubspot({ kind: "reload" }),
  saveSession: () =>
    view.download("hubspot-calling-session.json", JSON.stringify(session, null, 2)),
  dismissAlert: () => view.dismissAlert(),
  clearLog: () => log.clear(),
  copyLog: () => copyText(log.toJSON(), document),
});

/** A raw value posted into the app's frame, envelope or not: what a hostile host could send. */
function postToApp(value: unknown): boolean {
  const iframe = frameState.frame?.iFrame;
  if (!iframe?.contentWindow) return false;
  iframe.contentWindow.postMessage(value, new URL(iframe.src).origin);
  return true;
}

view.onFaultChange((change) =>
  hubspot("fault" in change ? { kind: "fault", ...change } : { kind: "delay", ms: change.delayMs }),
);

/**
 * Resolves once the app's frame has handled the last message sent to it, as the kit's probe says
 * (true), or after `timeoutMs` (false); at once where no probe is there to say it.
 */
function handledLast(timeoutMs: number): Promise<boolean> {
  const id = frameState.frame?.lastMessageId;
  return id === undefined ? Promise.resolve(false) : handled.wait(id, timeoutMs);
}

window.standIn = createStandInApi({
  side,
  sent,
  frame: frameState,
  perform,
  handled: handledLast,
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
