/**
 * Wires the stand-in: which app to frame, the SDK's host-mode frame, HubSpot's answers, the CRM,
 * the timeline, the fault switches and the message log. `window.standIn` exposes it to tests.
 */
import { Constants } from "@hubspot/calling-extensions-sdk";
import { METHOD_OF } from "../src/appMessages";
import { copyText } from "../src/clipboard";
import { createLogView } from "../src/logView";
import { LOG_CAPACITY, MessageLog } from "../src/messageLog";
import { bindActions } from "../src/view";
import { resolveAppSettings } from "./appSettings";
import { type CrmRecord, OWNER_ID, PORTAL_ID, RECORDS, USER_ID } from "./crm";
import { type FrameMessage, HostFrame, type SyncInfo } from "./hostFrame";
import { createHubSpotSide, type Engagement, type Faults, type Received } from "./hubspot";
import type { StandInApi } from "./standInApi";

const root = document.querySelector<HTMLElement>("[data-root]");
if (!root) throw new Error("host/index.html is missing the stand-in's markup");
const out = (name: string) => {
  const element = root.querySelector<HTMLElement>(`[data-out="${name}"]`);
  if (!element) throw new Error(`host/index.html has no data-out="${name}"`);
  return element;
};
const input = (name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`);

const { settings, warnings } = resolveAppSettings(location.search, (key) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
});
out("appName").textContent = settings.name;
out("appUrl").textContent = settings.url;
out("appSource").textContent = `(from ${settings.source})`;
out("warnings").replaceChildren(...warnings.map((warning) => element("li", warning)));

/**
 * Where HubSpot puts the app: `?iframeLocation=remote&usesCallingWindow=false` plays the remote
 * frame of an app without a calling window, and HubSpot's calling-window page (which such an app
 * opens on this host) plays the calling window.
 */
const params = new URLSearchParams(location.search);
const frameLocation: SyncInfo["iframeLocation"] = location.pathname.startsWith(
  "/calling-integration-popup-ui/",
)
  ? "window"
  : params.get("iframeLocation") === "remote"
    ? "remote"
    : "widget";
const usesCallingWindow = params.has("usesCallingWindow")
  ? params.get("usesCallingWindow") !== "false"
  : (settings.usesCallingWindow ?? false);
out("frameLocation").textContent =
  `${frameLocation}, calling window: ${usesCallingWindow ? "yes" : "no"}`;

const log = new MessageLog(LOG_CAPACITY, () => logView.update());
const logView = createLogView(out("log"), log);
const sent: { type: string; data?: unknown }[] = [];
let handshakes = 0;
let frame: HostFrame;
let frameCreatedAt = 0;

function element(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

const handlerName = (type: string) => Constants.messageHandlerNames[type] ?? "defaultEventHandler";

function sendToApp(type: string, data?: unknown): boolean {
  if (!frame?.isReady) {
    log.add(
      "in",
      type,
      handlerName(type),
      data,
      "Not sent: the app has not answered the handshake.",
    );
    return false;
  }
  const message: Parameters<HostFrame["sendMessage"]>[0] & { data?: unknown } = { type, data };
  frame.sendMessage(message);
  sent.push({ type, data });
  log.add("in", type, handlerName(type), data);
  return true;
}

function faults(): Faults {
  const delay = Number(input("delayMs")?.value ?? 0);
  return {
    failCreate: input("failCreate")?.checked === true,
    failUpdate: input("failUpdate")?.checked === true,
    delayMs: Number.isFinite(delay) && delay > 0 ? Math.min(delay, 60_000) : 0,
  };
}

function showAlert(message: string) {
  out("alert").textContent = message;
  out("alertBox").hidden = false;
}

function setVisibility(state: "visible" | "minimised" | "hidden") {
  out("frameBox").dataset.visibility = state;
}

const side = createHubSpotSide({
  send: sendToApp,
  onReceive: logReceived,
  faults,
  records: RECORDS,
  ui: {
    alert: showAlert,
    showRecord: (record) => {
      out("viewing").textContent =
        `${record.name} (${record.objectType.toLowerCase()} ${record.objectId})`;
    },
    resize: (width, height) => frame.updateIFrameSize({ width, height }),
    loadUrl: (url) => openFrame(url),
    hideWidget: () => setVisibility("hidden"),
    changed: renderStatus,
  },
});

function onFrameMessage(message: FrameMessage) {
  if (message.type === "READY") {
    handshakes++;
    side.handshake();
    out("handshake").textContent =
      handshakes > 1 ? `done (${handshakes} times: the app reloaded)` : "done";
    return;
  }
  if (message.type === "SYNC_ACK_FAILED") {
    out("handshake").textContent = "failed: the app did not answer SYNC within 30 seconds";
    return;
  }
  side.receive({ type: message.type, data: message.data });
}

function logReceived(entry: Received) {
  const method =
    (METHOD_OF as Record<string, string | undefined>)[entry.type] ?? "(not an SDK method)";
  const note = entry.violations.map((v) => `✗ ${v.rule}: ${v.text} (${v.detail})`).join("\n");
  log.add("out", entry.type, method, entry.data, note || undefined);
}

function openFrame(url: string) {
  frame?.remove();
  handshakes = 0;
  out("handshake").textContent = "waiting";
  frameCreatedAt = performance.timeOrigin + performance.now();
  frame = new HostFrame({
    src: url,
    width: settings.width,
    height: settings.height,
    hostElementSelector: "#widget-frame",
    sync: {
      portalId: PORTAL_ID,
      userId: USER_ID,
      ownerId: OWNER_ID,
      iframeLocation: frameLocation,
      usesCallingWindow,
    },
    onMessage: onFrameMessage,
  });
  setVisibility("visible");
}

function renderRecords() {
  out("records").replaceChildren(
    ...RECORDS.map((record) => {
      const item = element("li", "");
      item.append(
        element("b", record.name),
        " ",
        element("small", record.objectType.toLowerCase()),
      );
      const phones = document.createElement("ul");
      for (const phone of record.phones) {
        const row = element("li", `${phone} `);
        const call = element("button", "Call") as HTMLButtonElement;
        call.type = "button";
        call.dataset.action = "call";
        call.dataset.record = String(record.objectId);
        call.dataset.phone = phone;
        call.setAttribute("aria-label", `Call ${record.name} at ${phone}`);
        row.append(call);
        phones.append(row);
      }
      item.append(phones);
      return item;
    }),
  );
}

function renderEngagement(engagement: Engagement): HTMLElement {
  const item = element("li", "");
  const title = String(
    engagement.properties.hs_call_title ?? `${engagement.direction.toLowerCase()} call`,
  );
  item.append(element("b", title), " ", element("span", engagement.status, "badge"));
  const facts = [
    `Engagement ${engagement.id}`,
    engagement.record ? `on ${engagement.record.name}` : "on no record",
    `${engagement.fromNumber} → ${engagement.toNumber}`,
    engagement.finalized ? "finalized" : "",
  ];
  item.append(element("p", facts.filter(Boolean).join(" · "), "facts"));
  const body = engagement.properties.hs_call_body;
  if (body !== undefined && body !== "") item.append(element("p", String(body), "notes"));
  return item;
}

function renderStatus() {
  const ctx = side.context;
  const user = ctx.loggedIn ? "logged in" : "logged out";
  out("appUser").textContent = ctx.call ? `${user}, call ${ctx.call.phase}` : user;
  out("violationCount").textContent = String(
    side.received.reduce((n, r) => n + r.violations.length, 0),
  );
  out("timeline").replaceChildren(...[...side.engagements].reverse().map(renderEngagement));
}

const visibility = (isMinimized: boolean, isHidden: boolean) => () => {
  setVisibility(isHidden ? "hidden" : isMinimized ? "minimised" : "visible");
  sendToApp("VISIBILITY_CHANGED", { isMinimized, isHidden });
};

bindActions(root, {
  call(button) {
    const record = RECORDS.find((r: CrmRecord) => String(r.objectId) === button.dataset.record);
    if (record && button.dataset.phone) side.dial(record, button.dataset.phone);
  },
  endCall: () => sendToApp("END_CALL"),
  minimise: visibility(true, false),
  hide: visibility(false, true),
  show: visibility(false, false),
  reloadFrame: () => frame.reload(),
  dismissAlert: () => {
    out("alertBox").hidden = true;
  },
  clearLog: () => log.clear(),
  copyLog: () => copyText(log.toJSON(), document),
});

const api: StandInApi = {
  received: () => side.received,
  sent: () => sent,
  violations: () =>
    side.received.flatMap((r) =>
      r.violations.map((v) => ({ type: r.type, rule: v.rule, detail: v.detail })),
    ),
  engagements: () =>
    side.engagements.map((e) => ({
      id: e.id,
      externalCallId: e.externalCallId,
      direction: e.direction,
      status: e.status,
      record: e.record?.name ?? null,
      properties: e.properties,
      finalized: e.finalized,
    })),
  frameCreatedAt: () => frameCreatedAt,
  handshakes: () => handshakes,
  send: sendToApp,
};
window.standIn = api;

renderRecords();
renderStatus();
openFrame(settings.url);
