/**
 * What HubSpot does with each message from the app: create and update engagements, match
 * caller ids, open records, resize or reload the widget. Every message is also checked against
 * the conformance rules. The UI and the transport are passed in; fault switches are read at the
 * moment of each answer.
 */

import { isHttpsUrl, isRecord } from "../../../common/guards";
import { MESSAGE } from "../../../common/protocol";
import { cut } from "../../../common/text";
import { isFrameSide } from "../../../common/widget";
import {
  type AppMessageIn,
  advance,
  afterHandshake,
  type ConformanceContext,
  check,
  initialContext,
  type Violation,
  withEngagement,
} from "../../contract/conformance";
import {
  type CrmRecord,
  callerIdMatch,
  dialNumberPayload,
  findByPhone,
  objectTypeId,
} from "../crm";
import { ViolationStore } from "./violations";

export interface Faults {
  readonly failCreate: boolean;
  readonly failUpdate: boolean;
  /** Milliseconds before each answer HubSpot sends. */
  readonly delayMs: number;
  /** HubSpot's quirk: one click on Call delivers DIAL_NUMBER twice. */
  readonly dialTwice?: boolean;
  /** HubSpot's quirk: DIAL_NUMBER says `objectId: 0`; only `calleeInfo` names the record. */
  readonly objectIdZero?: boolean;
  /** HubSpot's deprecated ENGAGEMENT_CREATED, sent after CREATE_ENGAGEMENT_SUCCEEDED as some still do. */
  readonly engagementCreated?: boolean;
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
  /** The app left its call without completing it: HubSpot's "ghost" call log. */
  ghost?: boolean;
}

export interface Received {
  readonly type: string;
  readonly data?: unknown;
  readonly violations: readonly Violation[];
  /** When it arrived, in ms since the epoch (`performance.timeOrigin + performance.now()`). */
  readonly receivedAt: number;
  /** The step in force when it came (see session.ts), -1 before the first. */
  readonly during: number;
}

export interface HubSpotUi {
  alert(message: string): void;
  /** Shows the record in this tab, or (`newTab`) opens it in another, as HubSpot's `openIn` says. */
  showRecord(record: CrmRecord, newTab: boolean): void;
  resize(width: number, height: number): void;
  loadUrl(url: string): void;
  hideWidget(): void;
  /** Something on the timeline or in the app's status changed. */
  changed(): void;
}

export interface HubSpotSideDeps {
  readonly send: (type: string, data?: object) => void;
  /** The time each message arrived, in ms since the epoch. */
  readonly clock?: () => number;
  /** Told of each message from the app, with its violations, before HubSpot answers it. */
  readonly onReceive?: (entry: Received) => void;
  /** The step in force (see session.ts): each message and violation is stamped with it. */
  readonly during?: () => number;
  readonly faults: () => Faults;
  readonly ui: HubSpotUi;
  readonly records: readonly CrmRecord[];
  readonly now?: () => number;
  readonly firstEngagementId?: number;
}

type Data = Record<string, unknown>;

/** What HubSpot shows when the user clicks Call before the app reported a logged-in user. */
export const NOT_LOGGED_IN = "Log in to your calling app to make calls.";

/** How many of the app's messages the stand-in keeps, newest last. */
export const MAX_RECEIVED = 1_000;
/** The largest payload kept as it came (HubSpot's own limit on a call's notes is 65,536). */
export const MAX_KEPT_BYTES = 100_000;

/** The payload as it came, or, when it is larger than anyone needs, a note saying so. */
export function kept(data: unknown): unknown {
  let size: number;
  try {
    size = JSON.stringify(data ?? null).length;
  } catch {
    return "[a payload that is not JSON]";
  }
  return size <= MAX_KEPT_BYTES
    ? data
    : `[a payload of ${size.toLocaleString("en")} bytes, not kept]`;
}
const text = (value: unknown) => (typeof value === "string" ? value : "");
/** The longest alert text shown: an app's megabyte message is cut, not shown whole. */
const MAX_ALERT = 500;
const error = (message: string) => ({ error: { message } });

/** The record an engagement is filed on: the caller's, the one dialled, or one with the number. */
function recordFor(
  records: readonly CrmRecord[],
  data: Data,
  direction: Engagement["direction"],
  lastDial: { record: CrmRecord; phoneNumber: string } | null,
): CrmRecord | undefined {
  if (direction === "INBOUND") return findByPhone(records, text(data.fromNumber))[0];
  const context = data.dialingContext;
  const fromContext = isRecord(context)
    ? records.find((r) => r.objectId === context.objectId)
    : undefined;
  if (fromContext) return fromContext;
  if (lastDial && lastDial.phoneNumber === data.toNumber) return lastDial.record;
  return findByPhone(records, text(data.toNumber))[0];
}

/** The record at NAVIGATE_TO_RECORD's `objectCoordinates`, if the CRM has it. */
function recordAt(records: readonly CrmRecord[], coordinates: unknown): CrmRecord | undefined {
  const c = isRecord(coordinates) ? coordinates : {};
  return records.find((r) => r.objectId === c.objectId && objectTypeId(r) === c.objectTypeId);
}

/** HubSpot's side: the engagements it keeps, the app's context, and its answer to each message. */
export class HubSpotSide {
  readonly received: Received[] = [];
  /** Every violation, grouped: unlike `received`, a flood evicts none. */
  readonly violations = new ViolationStore();
  readonly engagements: Engagement[] = [];
  private ctx: ConformanceContext = initialContext;
  private nextEngagementId: number;
  private lastDial: { record: CrmRecord; phoneNumber: string } | null = null;
  private readonly now: () => number;
  private readonly clock: () => number;

  constructor(private readonly deps: HubSpotSideDeps) {
    this.now = deps.now ?? Date.now;
    this.clock = deps.clock ?? (() => performance.timeOrigin + performance.now());
    this.nextEngagementId = deps.firstEngagementId ?? 50_001;
  }

  get context(): ConformanceContext {
    return this.ctx;
  }

  /** A new handshake: the app will initialize again. */
  handshake(): void {
    this.ctx = afterHandshake(this.ctx);
  }

  /** A message from the app: checked against the rules, recorded, then answered as HubSpot would. */
  receive(message: AppMessageIn): Received {
    const violations = check(this.ctx, message);
    const before = this.ctx.call;
    this.ctx = advance(this.ctx, message);
    const finished =
      message.type === MESSAGE.CALL_COMPLETED || message.type === MESSAGE.CALL_TRANSFERRED;
    if (before && !finished && this.ctx.call?.externalCallId !== before.externalCallId) {
      // Left behind: its engagement stays on the timeline, never completed.
      const engagement = this.byCallId(before.externalCallId);
      if (engagement) engagement.ghost = true;
    }
    const entry = this.record(message.type, message.data, violations);
    this.act(message.type, isRecord(message.data) ? message.data : {});
    this.deps.ui.changed();
    return entry;
  }

  /** A message the stand-in dropped before the SDK's host code (not an object with a type). */
  reject(data: unknown, violation: Violation): Received {
    const entry = this.record("(malformed)", data, [violation]);
    this.deps.ui.changed();
    return entry;
  }

  /** Every violation reported since the page opened, including those of records since dropped. */
  get violationCount(): number {
    return this.violations.total;
  }

  /**
   * Keeps the last `MAX_RECEIVED` messages, each payload at most `MAX_KEPT_BYTES` as JSON: a long
   * session or an app's flood keeps memory flat.
   */
  private record(type: string, data: unknown, violations: readonly Violation[]): Received {
    const during = this.deps.during?.() ?? -1;
    const entry: Received = {
      type: type.slice(0, 100),
      data: kept(data),
      violations,
      receivedAt: this.clock(),
      during,
    };
    this.violations.add(entry.type, violations, entry.data, during);
    this.received.push(entry);
    if (this.received.length > MAX_RECEIVED)
      this.received.splice(0, this.received.length - MAX_RECEIVED);
    this.deps.onReceive?.(entry);
    return entry;
  }

  /** The user clicked Call on a record. Like HubSpot, refuse while the app has no logged-in user. */
  dial(record: CrmRecord, phoneNumber: string): boolean {
    if (!this.ctx.loggedIn) {
      this.deps.ui.alert(NOT_LOGGED_IN);
      return false;
    }
    this.lastDial = { record, phoneNumber };
    const faults = this.deps.faults();
    const payload = dialNumberPayload(record, phoneNumber, this.now());
    const sent = faults.objectIdZero ? { ...payload, objectId: 0 } : payload;
    this.deps.send(MESSAGE.DIAL_NUMBER, sent);
    if (faults.dialTwice) this.deps.send(MESSAGE.DIAL_NUMBER, sent);
    return true;
  }

  /** HubSpot's reply to the app, delayed when the fault switch says so. */
  private reply(type: string, data: object): void {
    const { delayMs } = this.deps.faults();
    if (delayMs > 0) setTimeout(() => this.deps.send(type, data), delayMs);
    else this.deps.send(type, data);
  }

  private byCallId(id: unknown): Engagement | undefined {
    return this.engagements.find((e) => e.externalCallId === id);
  }

  private byId(id: unknown): Engagement | undefined {
    return this.engagements.find((e) => e.id === id);
  }

  private act(type: string, data: Data) {
    const { ui } = this.deps;
    switch (type) {
      case MESSAGE.OUTGOING_CALL_STARTED:
        return this.startCall(data, "OUTBOUND");
      case MESSAGE.INCOMING_CALL:
        this.matchCaller(text(data.fromNumber));
        return this.startCall(data, "INBOUND");
      case MESSAGE.CALL_ANSWERED:
      case MESSAGE.CALL_ENDED:
      case MESSAGE.CALL_TRANSFERRED:
        return this.track(type, data);
      case MESSAGE.CALL_COMPLETED:
        return this.complete(data);
      case MESSAGE.FINALIZE_ENGAGEMENT:
      case MESSAGE.PUBLISH_TO_CHANNEL:
        return this.finalize(type, data);
      case MESSAGE.NAVIGATE_TO_RECORD: {
        const record = recordAt(this.deps.records, data.objectCoordinates);
        if (record) ui.showRecord(record, data.openIn === "NEW_TAB");
        else
          this.reply(MESSAGE.NAVIGATE_TO_RECORD_FAILED, error("No record at these coordinates."));
        return;
      }
      case MESSAGE.RESIZE_WIDGET:
        // An absurd size is reported (resize-size) and not applied.
        if (isFrameSide(data.width) && isFrameSide(data.height)) ui.resize(data.width, data.height);
        return;
      case MESSAGE.ERROR: {
        const message = cut(text(data.message), MAX_ALERT);
        return ui.alert(message || "The calling app reported an error with no message.");
      }
      case MESSAGE.SET_WIDGET_URL:
        if (isHttpsUrl(data.iFrameUrl)) ui.loadUrl(data.iFrameUrl);
        else this.reply(MESSAGE.SET_WIDGET_URL_FAILED, error("iFrameUrl must be an https:// URL."));
        return;
    }
  }

  private matchCaller(fromNumber: string): void {
    const matches = findByPhone(this.deps.records, fromNumber);
    if (matches.length > 0)
      this.reply(MESSAGE.CALLER_ID_MATCH_SUCCEEDED, {
        callerIdMatches: matches.map(callerIdMatch),
      });
    else this.reply("CALLER_ID_MATCH_FAILED", error(`No record has the number ${fromNumber}`));
  }

  private startCall(data: Data, direction: Engagement["direction"]) {
    if (data.createEngagement !== true) return;
    if (this.deps.faults().failCreate) {
      const reason = "HubSpot could not create the engagement (stand-in fault switch).";
      return this.reply(MESSAGE.CREATE_ENGAGEMENT_FAILED, error(reason));
    }
    const record = recordFor(this.deps.records, data, direction, this.lastDial);
    const engagement: Engagement = {
      id: this.nextEngagementId++,
      externalCallId: text(data.externalCallId),
      direction,
      toNumber: text(data.toNumber),
      fromNumber: text(data.fromNumber),
      ...(record ? { record } : {}),
      createdAt: this.now(),
      status: direction === "INBOUND" ? "RINGING" : "CONNECTING",
      properties: {},
      finalized: false,
    };
    this.engagements.push(engagement);
    this.ctx = withEngagement(this.ctx, engagement.id);
    this.reply(MESSAGE.CREATE_ENGAGEMENT_SUCCEEDED, { engagementId: engagement.id });
    if (this.deps.faults().engagementCreated)
      this.reply(MESSAGE.ENGAGEMENT_CREATED, { engagementId: engagement.id });
  }

  private track(type: string, data: Data): void {
    const engagement = this.byCallId(data.externalCallId);
    if (!engagement) return;
    if (type === MESSAGE.CALL_ANSWERED) engagement.status = "IN_PROGRESS";
    if (type === MESSAGE.CALL_ENDED) engagement.status = text(data.callEndStatus) || "COMPLETED";
    if (type === MESSAGE.CALL_TRANSFERRED) engagement.status = "TRANSFERRED";
  }

  private complete(data: Data): void {
    const engagement = this.byId(data.engagementId) ?? this.byCallId(data.externalCallId);
    const props = data.engagementProperties;
    if (isRecord(props)) {
      if (this.deps.faults().failUpdate || !engagement) {
        const reason = engagement
          ? "HubSpot could not update the engagement (stand-in fault switch)."
          : "No such engagement.";
        this.reply(MESSAGE.UPDATE_ENGAGEMENT_FAILED, {
          engagementId: data.engagementId,
          ...error(reason),
        });
      } else {
        for (const [key, value] of Object.entries(props)) {
          if (typeof value === "string" || typeof value === "number")
            engagement.properties[key] = value;
        }
        this.reply(MESSAGE.UPDATE_ENGAGEMENT_SUCCEEDED, { engagementId: engagement.id });
      }
    }
    if (data.hideWidget !== false) this.deps.ui.hideWidget();
  }

  private finalize(type: string, data: Data): void {
    const engagement = this.byId(data.engagementId);
    if (engagement) engagement.finalized = true;
    this.reply(`${type}_${engagement ? "SUCCEEDED" : "FAILED"}`, {
      engagementId: data.engagementId,
      ...(engagement ? {} : error("No such engagement.")),
    });
  }
}
