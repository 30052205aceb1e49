/**
 * The parsers are the security boundary: whatever HubSpot (or a page pretending to be it) sends,
 * they return checked, bounded values, and they never throw.
 */
import { describe, expect, it } from "vitest";
import {
  failureReason,
  parseCallerIdMatches,
  parseDialNumber,
  parseEngagementId,
  parseReady,
  parseVisibility,
} from "../../src/protocol/hostMessages";

const MARKUP = '<img src=x onerror="alert(1)">';
const HUGE = "9".repeat(1_000_000);
const cyclic = (() => {
  const o: Record<string, unknown> = {};
  o.o = o;
  return o;
})();
/** Payloads no parser may throw on. */
const HOSTILE: unknown[] = [
  undefined,
  null,
  0,
  "",
  HUGE,
  [],
  [1, 2],
  () => 1,
  Symbol("s"),
  10n,
  cyclic,
  Object.create(null),
  { __proto__: { phoneNumber: "+1 617" } },
];
const PARSERS = {
  parseReady,
  parseDialNumber,
  parseEngagementId,
  parseCallerIdMatches,
  parseVisibility,
  failureReason,
};

describe("every parser", () => {
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name} never throws`, () => {
      for (const data of HOSTILE) expect(() => parse(data as never)).not.toThrow();
    });
  }
});

describe("parseReady", () => {
  it("keeps HubSpot's fields", () => {
    const data = {
      hostUrl: "https://app.hubspot.com",
      portalId: 123,
      userId: "7001",
      ownerId: 8001,
      engagementId: 5,
      iframeLocation: "widget",
      usesCallingWindow: false,
    };
    expect(parseReady(data)).toEqual({ ...data, userId: 7001 });
  });

  it("leaves out what is missing, wrongly typed or too long", () => {
    expect(parseReady({})).toEqual({});
    expect(
      parseReady({
        hostUrl: `https://${"a".repeat(3_000)}.com`,
        portalId: -1,
        userId: 1.5,
        ownerId: "12a",
        engagementId: 2 ** 60,
        iframeLocation: 7,
        usesCallingWindow: "false",
      }),
    ).toEqual({});
  });
});

describe("parseDialNumber", () => {
  it("needs a phoneNumber and keeps the rest as sent, for dialingContext", () => {
    const data = { phoneNumber: "+1 617-555-0101", objectId: 101, calleeInfo: { calleeId: 101 } };
    expect(parseDialNumber(data)).toEqual(data);
  });

  const bad = [
    ["missing", {}],
    ["a number", { phoneNumber: 6175550101 }],
    ["huge", { phoneNumber: HUGE }],
    ["null payload", null],
    ["an array", [{ phoneNumber: "+1" }]],
  ] as const;
  for (const [name, data] of bad) {
    it(`refuses a phoneNumber that is ${name}`, () => {
      expect(parseDialNumber(data)).toBeNull();
    });
  }

  it("names the record calleeInfo names, when HubSpot sends objectId 0 or another record", () => {
    const calleeInfo = { calleeId: 101, calleeObjectTypeId: "0-1" };
    for (const objectId of [0, 999, undefined]) {
      expect(parseDialNumber({ phoneNumber: "+1 617", objectId, calleeInfo })).toMatchObject({
        objectId: 101,
        objectType: "CONTACT",
        calleeInfo,
      });
    }
    const company = { calleeId: "201", calleeObjectTypeId: "0-2" };
    expect(parseDialNumber({ phoneNumber: "+1", objectId: 0, calleeInfo: company })).toMatchObject({
      objectId: 201,
      objectType: "COMPANY",
    });
  });

  it("keeps objectId as sent when calleeInfo is missing or not a record", () => {
    for (const calleeInfo of [
      undefined,
      null,
      { calleeId: -1, calleeObjectTypeId: "0-1" },
      { calleeId: 5, calleeObjectTypeId: "0-9" },
      // Untrusted keys and values: a name of Object's own, and a value String() throws on.
      { calleeId: 5, calleeObjectTypeId: "constructor" },
      { calleeId: 5, calleeObjectTypeId: { toString: null } },
    ]) {
      expect(parseDialNumber({ phoneNumber: "+1", objectId: 0, calleeInfo })?.objectId).toBe(0);
    }
  });

  it("keeps markup as text: the view only ever sets it as a value", () => {
    expect(parseDialNumber({ phoneNumber: MARKUP })?.phoneNumber).toBe(MARKUP);
  });
});

describe("parseEngagementId", () => {
  const cases: [unknown, number | undefined][] = [
    [{ engagementId: 42 }, 42],
    [{ engagementId: "42" }, 42],
    [{ engagementId: 0 }, undefined],
    [{ engagementId: -3 }, undefined],
    [{ engagementId: 1.5 }, undefined],
    [{ engagementId: 2 ** 53 }, undefined],
    [{ engagementId: "9".repeat(16) }, undefined],
    [{ engagementId: MARKUP }, undefined],
    [{}, undefined],
    [42, undefined],
  ];
  for (const [data, expected] of cases) {
    it(`${JSON.stringify(data)} → ${expected}`, () => {
      expect(parseEngagementId(data)).toBe(expected);
    });
  }
});

describe("parseCallerIdMatches", () => {
  const contact = {
    callerIdType: "CONTACT",
    objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: "0-1" },
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
  };
  const company = {
    callerIdType: "COMPANY",
    objectCoordinates: { portalId: 1, objectId: 201, objectTypeId: "0-2" },
    name: "Analytical Engines Ltd",
  };

  it("names contacts and companies", () => {
    expect(parseCallerIdMatches({ callerIdMatches: [contact, company] })).toEqual([
      {
        callerIdType: "CONTACT",
        objectCoordinates: contact.objectCoordinates,
        name: "Ada Lovelace",
        email: "ada@example.com",
      },
      {
        callerIdType: "COMPANY",
        objectCoordinates: company.objectCoordinates,
        name: "Analytical Engines Ltd",
      },
    ]);
  });

  it("drops entries that are not matches, and keeps at most 20", () => {
    const junk = [
      null,
      "x",
      { ...contact, callerIdType: "LEAD" },
      { ...contact, objectCoordinates: { ...contact.objectCoordinates, objectTypeId: "0-3" } },
      { ...contact, objectCoordinates: { portalId: 1, objectId: -1, objectTypeId: "0-1" } },
      { ...contact, objectCoordinates: null },
    ];
    expect(parseCallerIdMatches({ callerIdMatches: junk })).toEqual([]);
    const many = Array.from({ length: 1_000 }, () => contact);
    expect(parseCallerIdMatches({ callerIdMatches: many })).toHaveLength(20);
    expect(parseCallerIdMatches({ callerIdMatches: "many" })).toEqual([]);
  });

  it("gives a nameless or over-long name a placeholder", () => {
    const nameless = { ...contact, firstName: HUGE, lastName: undefined };
    expect(parseCallerIdMatches({ callerIdMatches: [nameless] })[0]?.name).toBe("(no name)");
  });
});

describe("parseVisibility", () => {
  it("keeps booleans only", () => {
    expect(parseVisibility({ isMinimized: true, isHidden: false })).toEqual({
      isMinimized: true,
      isHidden: false,
    });
    expect(parseVisibility({ isMinimized: "true", isHidden: 1 })).toEqual({});
  });
});

describe("failureReason", () => {
  const cases: [unknown, string][] = [
    [{ error: { message: "No such engagement." } }, "No such engagement."],
    [{ error: "Gone" }, "Gone"],
    [{ message: "Nope" }, "Nope"],
    [{ reason: "Busy" }, "Busy"],
    ["plain text", "plain text"],
    [{ error: { message: "" } }, "no reason given"],
    [{ error: { message: 42 } }, "no reason given"],
    [null, "no reason given"],
  ];
  for (const [data, expected] of cases) {
    it(`${JSON.stringify(data)} → ${expected}`, () => {
      expect(failureReason(data)).toBe(expected);
    });
  }

  it("cuts a long reason short", () => {
    expect(failureReason({ error: { message: HUGE } })).toHaveLength(256);
  });
});
