/** The stand-in's CRM: a few records with phone numbers, and HubSpot's DIAL_NUMBER for each. */
import { DEMO_CALLER } from "../../common/demo";

export interface CrmRecord {
  readonly objectId: number;
  /** `CUSTOM`: a record of a custom object, callable only by apps with `supportsCustomObjects`. */
  readonly objectType: "CONTACT" | "COMPANY" | "CUSTOM";
  readonly name: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly phones: readonly string[];
}

export const PORTAL_ID = 123456;
export const USER_ID = 7001;
export const OWNER_ID = 8001;

export const RECORDS: readonly CrmRecord[] = [
  {
    objectId: 101,
    objectType: "CONTACT",
    name: "Ada Lovelace",
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
    phones: ["+1 617-555-0101", "+44 20 7946 0101"],
  },
  {
    objectId: 102,
    objectType: "CONTACT",
    name: "Grace Hopper",
    firstName: "Grace",
    lastName: "Hopper",
    email: "grace@example.com",
    phones: [DEMO_CALLER],
  },
  {
    objectId: 201,
    objectType: "COMPANY",
    name: "Analytical Engines Ltd",
    phones: ["+44 20 7946 0200"],
  },
  { objectId: 202, objectType: "COMPANY", name: "Cobol Systems Inc", phones: ["+1 212-555-0202"] },
  {
    objectId: 301,
    objectType: "CUSTOM",
    name: "Difference Engine No. 2",
    phones: ["+44 20 7946 0301"],
  },
];

/** A custom object's type id, as HubSpot numbers them (`2-…`). */
export const CUSTOM_OBJECT_TYPE_ID = "2-3001";

export const objectTypeId = (record: CrmRecord): string =>
  ({ CONTACT: "0-1", COMPANY: "0-2", CUSTOM: CUSTOM_OBJECT_TYPE_ID })[record.objectType];

/** Numbers compare by their digits, as a caller id would: "+1 (617) 555-0101" is "+16175550101". */
export const digits = (phone: string): string => phone.replace(/\D/g, "");

/** The contacts and companies with this number: HubSpot matches callers to those only. */
export function findByPhone(records: readonly CrmRecord[], phone: string): CrmRecord[] {
  const wanted = digits(phone);
  return wanted.length < 3
    ? []
    : records.filter(
        (record) =>
          record.objectType !== "CUSTOM" && record.phones.some((p) => digits(p) === wanted),
      );
}

export function countryCode(phone: string): string {
  if (phone.startsWith("+44")) return "GB";
  return "US";
}

/** Every documented DIAL_NUMBER field, as HubSpot sends them when the user clicks Call. */
export function dialNumberPayload(record: CrmRecord, phoneNumber: string, now: number) {
  return {
    phoneNumber,
    ownerId: OWNER_ID,
    subjectId: record.objectId,
    objectId: record.objectId,
    objectType: record.objectType,
    portalId: PORTAL_ID,
    countryCode: countryCode(phoneNumber),
    calleeInfo: { calleeId: record.objectId, calleeObjectTypeId: objectTypeId(record) },
    startTimestamp: now,
    toPhoneNumberSrc: { CONTACT: "hs_contact_phone", COMPANY: "hs_company_phone", CUSTOM: "phone" }[
      record.objectType
    ],
  };
}

export function callerIdMatch(record: CrmRecord) {
  const objectCoordinates = {
    portalId: PORTAL_ID,
    objectId: record.objectId,
    objectTypeId: objectTypeId(record),
  };
  return record.objectType === "CONTACT"
    ? {
        callerIdType: "CONTACT",
        objectCoordinates,
        firstName: record.firstName,
        lastName: record.lastName,
        email: record.email,
      }
    : { callerIdType: "COMPANY", objectCoordinates, name: record.name };
}
