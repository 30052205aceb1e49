/**
 * HubSpot → softphone. The SDK hands every payload to a handler untyped; here each one stays
 * `unknown` until a parser has checked it. A parser never throws: a missing or mistyped field
 * becomes `undefined` (or the whole payload `null`), and the caller says so on the page.
 */
import type { EventHandlers, ObjectCoordinates } from "@hubspot/calling-extensions-sdk";
import { defined, isRecord } from "../../common/guards";

/** The handlers a `CallingExtensions` instance can call, `defaultEventHandler` included. */
export type HandlerName = keyof EventHandlers;

/** One message from HubSpot, as a handler received it. */
export interface HostEvent {
  readonly handler: HandlerName;
  readonly type: string;
  readonly data: unknown;
}

export interface ReadyInfo {
  readonly hostUrl?: string;
  readonly portalId?: number;
  readonly userId?: number;
  readonly ownerId?: number;
  readonly engagementId?: number;
  readonly iframeLocation?: string;
  readonly usesCallingWindow?: boolean;
}

/**
 * The DIAL_NUMBER payload. Only `phoneNumber` is needed to dial; the rest is kept as HubSpot
 * sent it, because the whole payload goes back as `dialingContext` on the outgoing call.
 */
export type DialNumber = { readonly phoneNumber: string } & Readonly<Record<string, unknown>>;

export interface CallerIdMatch {
  readonly callerIdType: "CONTACT" | "COMPANY";
  readonly objectCoordinates: ObjectCoordinates;
  readonly name: string;
  readonly email?: string;
}

export interface VisibilityChange {
  readonly isMinimized?: boolean;
  readonly isHidden?: boolean;
}

const MAX_TEXT = 256;
const MAX_MATCHES = 20;

function text(value: unknown, max = MAX_TEXT): string | undefined {
  return typeof value === "string" && value.length <= max ? value : undefined;
}

function id(value: unknown): number | undefined {
  if (typeof value === "string" && /^\d{1,15}$/.test(value)) return Number(value);
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function flag(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

export function parseReady(data: unknown): ReadyInfo {
  if (!isRecord(data)) return {};
  return defined({
    hostUrl: text(data.hostUrl, 2048),
    portalId: id(data.portalId),
    userId: id(data.userId),
    ownerId: id(data.ownerId),
    engagementId: id(data.engagementId),
    iframeLocation: text(data.iframeLocation),
    usesCallingWindow: flag(data.usesCallingWindow),
  });
}

/**
 * HubSpot has been seen to send `objectId: 0`, or another record's id, with the record dialled
 * named only in `calleeInfo` (its issue tracker): the record in `calleeInfo` wins, so the context
 * echoed back files the call on the record the user called.
 */
export function parseDialNumber(data: unknown): DialNumber | null {
  if (!isRecord(data)) return null;
  const phoneNumber = text(data.phoneNumber);
  if (phoneNumber === undefined) return null;
  const callee = isRecord(data.calleeInfo) ? data.calleeInfo : {};
  const calleeId = id(callee.calleeId);
  // HubSpot's payload is untrusted: the type id is looked up only when it is a string of our own.
  const typeId = callee.calleeObjectTypeId;
  const objectType =
    typeof typeId === "string" && Object.hasOwn(OBJECT_TYPES, typeId)
      ? OBJECT_TYPES[typeId]
      : undefined;
  if (calleeId === undefined || !objectType) return { ...data, phoneNumber };
  return { ...data, phoneNumber, objectId: calleeId, objectType };
}

const OBJECT_TYPES: Readonly<Record<string, string>> = { "0-1": "CONTACT", "0-2": "COMPANY" };

export function parseEngagementId(data: unknown): number | undefined {
  return isRecord(data) ? id(data.engagementId) : undefined;
}

function parseCoordinates(value: unknown): ObjectCoordinates | undefined {
  if (!isRecord(value)) return undefined;
  const portalId = id(value.portalId);
  const objectId = id(value.objectId);
  const { objectTypeId } = value;
  if (portalId === undefined || objectId === undefined) return undefined;
  if (objectTypeId !== "0-1" && objectTypeId !== "0-2") return undefined;
  return { portalId, objectId, objectTypeId };
}

function parseMatch(value: unknown): CallerIdMatch | undefined {
  if (!isRecord(value)) return undefined;
  const { callerIdType } = value;
  const objectCoordinates = parseCoordinates(value.objectCoordinates);
  if ((callerIdType !== "CONTACT" && callerIdType !== "COMPANY") || !objectCoordinates) {
    return undefined;
  }
  const name =
    callerIdType === "COMPANY"
      ? text(value.name)
      : [text(value.firstName), text(value.lastName)].filter(Boolean).join(" ");
  return defined<CallerIdMatch>({
    callerIdType,
    objectCoordinates,
    name: name || "(no name)",
    email: text(value.email),
  });
}

/** The valid matches of a CALLER_ID_MATCH_SUCCEEDED payload; invalid entries are dropped. */
export function parseCallerIdMatches(data: unknown): CallerIdMatch[] {
  if (!isRecord(data) || !Array.isArray(data.callerIdMatches)) return [];
  const matches: CallerIdMatch[] = [];
  for (const item of data.callerIdMatches.slice(0, MAX_MATCHES)) {
    const match = parseMatch(item);
    if (match) matches.push(match);
  }
  return matches;
}

export function parseVisibility(data: unknown): VisibilityChange {
  if (!isRecord(data)) return {};
  return defined({ isMinimized: flag(data.isMinimized), isHidden: flag(data.isHidden) });
}

/** A human-readable reason from a `*_FAILED` payload, whatever shape HubSpot gave it. */
export function failureReason(data: unknown): string {
  if (typeof data === "string") return data.slice(0, MAX_TEXT);
  if (!isRecord(data)) return "no reason given";
  const error = data.error;
  const candidate = isRecord(error) ? error.message : (error ?? data.message ?? data.reason);
  return typeof candidate === "string" && candidate.length > 0
    ? candidate.slice(0, MAX_TEXT)
    : "no reason given";
}
