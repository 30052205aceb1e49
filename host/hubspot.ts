/**
 * What HubSpot does with each message from the app: create and update engagements, match
 * caller ids, open records, resize or reload the widget. Every message is also checked against
 * the conformance rules. The UI and the transport are passed in; fault switches are read at the
 * moment of each answer.
 */
import { isRecord } from "../src/hostMessages";
import {
  type AppMessageIn,
  advance,
  afterHandshake,
  type ConformanceContext,
  check,
  initialContext,
  isHttpsUrl,
  type Violation,
  withEngagement,
} from "./conformance";
import { type CrmRecord, callerIdMatch, dialNumberPayload, findByPhone } from "./crm";

export interface Faults {
  readonly failCreate: boolean;
  readonly failUpdate: boolean;
  /** Milliseconds before each answer HubSpot sends. */
  readonly delayMs: number;
}

export interface Engagement {
  readonly id: number;
  readonly externalCallId: string;
  readonly direction: "OUTBOUND" | "INBOUND";
  readonly toNumber: string;
  readonly fromNumber: string;
  readonly record?: CrmRecord;
  readonly createdAt: number;
  status: string;
  properties: Record<string, string | number>;
  finalized: boolean;
}

export interface Received {
  readonly type: string;
  readonly data?: unknown;
  readonly violations: readonly Violation[];
  /** When it arrived, in ms since the epoch (`performance.timeOrigin + performance.now()`). */
  readonly receivedAt: number;
}

export interface HubSpotUi {
  alert(message: string): void;
  showRecord(record: CrmRecord): void;
  resize(width: number, height: number): void;
  loadUrl(url: string): void;
  hideWidget(): void;
  /** Something on the timeline or in the app's status changed. */
  changed(): void;
}

export interface HubSpotSideDeps {
  readonly send: (type: string, data?: object) => void;
  /** Told of each message from the app, with its violations, before HubSpot answers it. */
  readonly onReceive?: (entry: Received) => void;
  readonly faults: () => Faults;
  readonly ui: HubSpotUi;
  readonly records: readonly CrmRecord[];
  readonly now?: () => number;
  readonly firstEngagementId?: number;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

export function createHubSpotSide(deps: HubSpotSideDeps) {
  const { ui, records } = deps;
  const now = deps.now ?? Date.now;
  let ctx: ConformanceContext = initialContext;
  let nextEngagementId = deps.firstEngagementId ?? 50_001;
  let lastDial: { record: CrmRecord; phoneNumber: string } | null = null;
  const received: Received[] = [];
  const engagements: Engagement[] = [];

  /** HubSpot's answers, delayed when the fault switch says so. */
  function answer(type: string, data: object) {
    const { delayMs } = deps.faults();
    if (delayMs > 0) setTimeout(() => deps.send(type, data), delayMs);
    else deps.send(type, data);
  }

  const byCallId = (id: unknown) => engagements.find((e) => e.externalCallId === id);
  const byId = (id: unknown) => engagements.find((e) => e.id === id);

  function recordFor(
    data: Record<string, unknown>,
    direction: Engagement["direction"],
  ): CrmRecord | undefined {
    if (direction === "INBOUND") return findByPhone(records, text(data.fromNumber))[0];
    const context = data.dialingContext;
    const fromContext = isRecord(context)
      ? records.find((r) => r.objectId === context.objectId)
      : undefined;
    return (
      fromContext ??
      (lastDial && lastDial.phoneNumber === data.toNumber
        ? lastDial.record
        : findByPhone(records, text(data.toNumber))[0])
    );
  }

  function startCall(data: Record<string, unknown>, direction: Engagement["direction"]) {
    const record = recordFor(data, direction);
    if (direction === "INBOUND") {
      const matches = findByPhone(records, text(data.fromNumber));
      if (matches.length > 0)
        answer("CALLER_ID_MATCH_SUCCEEDED", { callerIdMatches: matches.map(callerIdMatch) });
      else
        answer("CALLER_ID_MATCH_FAILED", {
          error: { message: `No record has the number ${text(data.fromNumber)}` },
        });
    }
    if (data.createEngagement !== true) return;
    if (deps.faults().failCreate) {
      answer("CREATE_ENGAGEMENT_FAILED", {
        error: { message: "HubSpot could not create the engagement (stand-in fault switch)." },
      });
      return;
    }
    const engagement: Engagement = {
      id: nextEngagementId++,
      externalCallId: text(data.externalCallId),
      direction,
      toNumber: text(data.toNumber),
      fromNumber: text(data.fromNumber),
      ...(record ? { record } : {}),
      createdAt: now(),
      status: direction === "INBOUND" ? "RINGING" : "CONNECTING",
      properties: {},
      finalized: false,
    };
    engagements.push(engagement);
    ctx = withEngagement(ctx, engagement.id);
    answer("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: engagement.id });
  }

  function complete(data: Record<string, unknown>) {
    const engagement = byId(data.engagementId) ?? byCallId(data.externalCallId);
    const props = data.engagementProperties;
    if (isRecord(props)) {
      if (deps.faults().failUpdate || !engagement) {
        const reason = engagement
          ? "HubSpot could not update the engagement (stand-in fault switch)."
          : "No such engagement.";
        answer("UPDATE_ENGAGEMENT_FAILED", {
          engagementId: data.engagementId,
          error: { message: reason },
        });
      } else {
        for (const [key, value] of Object.entries(props)) {
          if (typeof value === "string" || typeof value === "number")
            engagement.properties[key] = value;
        }
        answer("UPDATE_ENGAGEMENT_SUCCEEDED", { engagementId: engagement.id });
      }
    }
    if (data.hideWidget !== false) ui.hideWidget();
  }

  function act(type: string, data: Record<string, unknown>) {
    switch (type) {
      case "OUTGOING_CALL_STARTED":
        return startCall(data, "OUTBOUND");
      case "INCOMING_CALL":
        return startCall(data, "INBOUND");
      case "CALL_ANSWERED":
      case "CALL_ENDED":
      case "CALL_TRANSFERRED": {
        const engagement = byCallId(data.externalCallId);
        if (!engagement) return;
        if (type === "CALL_ANSWERED") engagement.status = "IN_PROGRESS";
        if (type === "CALL_ENDED") engagement.status = text(data.callEndStatus) || "COMPLETED";
        if (type === "CALL_TRANSFERRED") engagement.status = "TRANSFERRED";
        return;
      }
      case "CALL_COMPLETED":
        return complete(data);
      case "FINALIZE_ENGAGEMENT":
      case "PUBLISH_TO_CHANNEL": {
        const engagement = byId(data.engagementId);
        if (engagement) engagement.finalized = true;
        const outcome = engagement ? "SUCCEEDED" : "FAILED";
        return answer(`${type}_${outcome}`, {
          engagementId: data.engagementId,
          ...(engagement ? {} : { error: { message: "No such engagement." } }),
        });
      }
      case "NAVIGATE_TO_RECORD": {
        const c = isRecord(data.objectCoordinates) ? data.objectCoordinates : {};
        const record = records.find(
          (r) =>
            r.objectId === c.objectId &&
            (c.objectTypeId === "0-1") === (r.objectType === "CONTACT"),
        );
        if (record) ui.showRecord(record);
        else
          answer("NAVIGATE_TO_RECORD_FAILED", {
            error: { message: "No record at these coordinates." },
          });
        return;
      }
      case "RESIZE_WIDGET":
        if (typeof data.width === "number" && typeof data.height === "number")
          ui.resize(data.width, data.height);
        return;
      case "ERROR":
        return ui.alert(text(data.message) || "The calling app reported an error with no message.");
      case "SET_WIDGET_URL":
        if (isHttpsUrl(data.iFrameUrl)) ui.loadUrl(data.iFrameUrl);
        else
          answer("SET_WIDGET_URL_FAILED", {
            error: { message: "iFrameUrl must be an https:// URL." },
          });
        return;
    }
  }

  return {
    received,
    engagements,
    get context() {
      return ctx;
    },
    /** A new handshake: the app will initialize again. */
    handshake() {
      ctx = afterHandshake(ctx);
    },
    receive(message: AppMessageIn): Received {
      const violations = check(ctx, message);
      ctx = advance(ctx, message);
      const receivedAt = performance.timeOrigin + performance.now();
      const entry: Received = { type: message.type, data: message.data, violations, receivedAt };
      received.push(entry);
      deps.onReceive?.(entry);
      act(message.type, isRecord(message.data) ? message.data : {});
      ui.changed();
      return entry;
    },
    /**
     * The user clicked Call on a record. Like HubSpot, refuse while the app has no logged-in user.
     */
    dial(record: CrmRecord, phoneNumber: string): boolean {
      if (!ctx.loggedIn) {
        ui.alert("Log in to your calling app to make calls.");
        return false;
      }
      lastDial = { record, phoneNumber };
      deps.send("DIAL_NUMBER", dialNumberPayload(record, phoneNumber, now()));
      return true;
    },
  };
}

export type HubSpotSide = ReturnType<typeof createHubSpotSide>;
