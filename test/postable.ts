/**
 * Any value `postMessage` can carry (and a few it cannot, which a page's own code could still
 * hand over): what an app posts to HubSpot, or a host to an app, is untrusted input of any shape.
 * Objects whose keys are `toString`, `valueOf`, `constructor`, `__proto__` (with `null` and
 * objects as values, so `String()` throws), Maps, Sets, Dates, BigInts, typed arrays, sparse
 * arrays, cycles and megabyte strings.
 */
import fc from "fast-check";

/** Keys that break code which trusts a value's own methods, and keys the protocol reads. */
const KEYS = [
  "toString",
  "valueOf",
  "constructor",
  "__proto__",
  "toJSON",
  "then",
  "length",
  "type",
  "data",
  "messageId",
  "externalCallId",
  "engagementId",
  "toNumber",
  "fromNumber",
  "phoneNumber",
  "isLoggedIn",
  "isAvailable",
  "callEndStatus",
  "engagementProperties",
  "hideWidget",
  "objectCoordinates",
  "objectId",
  "openIn",
  "sizeInfo",
  "width",
  "height",
  "iFrameUrl",
  "message",
  "hs_call_title",
  "dialingContext",
];

const MEGABYTE = "9".repeat(1_000_000);

/** Values that throw when turned into a string or a number: `String()` on them fails. */
const poisoned: fc.Arbitrary<unknown> = fc
  .constantFrom(
    () => ({ toString: null }),
    () => ({ toString: null, valueOf: null }),
    () => ({ [Symbol.toPrimitive]: null, toString: {} }),
    () => Object.create(null),
  )
  .map((make) => make());

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  poisoned,
  fc.constantFrom(null, undefined, true, false, 0, -0, Number.NaN, Number.POSITIVE_INFINITY),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("COMPLETED", "0-1", "https://a.example/", "javascript:alert(1)", "<b>x</b>"),
  fc.date({ noInvalidDate: false }),
  fc.uint8Array({ maxLength: 8 }),
  fc.float64Array({ maxLength: 4 }),
  fc.constant(new ArrayBuffer(4)),
  fc.constant(/re/g),
  fc.constant(MEGABYTE),
);

const { value } = fc.letrec<{
  value: unknown;
  object: Record<string, unknown>;
  array: unknown[];
  collection: unknown;
}>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, tie("object"), tie("array"), tie("collection")),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string()), tie("value")), {
      maxLength: 6,
    })
    // Own properties, `__proto__` included, as a structured clone makes them.
    .map((entries) => Object.fromEntries(entries)),
  array: fc.oneof(
    fc.array(tie("value"), { maxLength: 5 }),
    fc.sparseArray(tie("value"), { maxLength: 20 }),
  ),
  collection: fc.oneof(
    fc.array(fc.tuple(tie("value"), tie("value")), { maxLength: 3 }).map((e) => new Map(e)),
    fc.array(tie("value"), { maxLength: 3 }).map((e) => new Set(e)),
  ),
}));

/** An object that holds itself, an array that holds itself, and a null-prototype object. */
const odd: fc.Arbitrary<unknown> = fc
  .constantFrom("cycle", "array-cycle", "null-prototype", "poisoned")
  .map((kind) => {
    if (kind === "cycle") {
      const o: Record<string, unknown> = { type: "CALL_ENDED", externalCallId: "c" };
      o.data = o;
      o.self = o;
      return o;
    }
    if (kind === "array-cycle") {
      const a: unknown[] = [1];
      a.push(a);
      return a;
    }
    if (kind === "null-prototype") return Object.assign(Object.create(null), { type: "LOGGED_IN" });
    return { toString: null, valueOf: null, constructor: null, toJSON: null };
  });

export const postable: fc.Arbitrary<unknown> = fc.oneof(value, odd, poisoned);

/** A payload shaped like the protocol's, each field any value: where a reader trusts a field. */
const shaped: fc.Arbitrary<unknown> = fc
  .array(fc.tuple(fc.constantFrom(...KEYS.slice(6)), postable), { minLength: 1, maxLength: 8 })
  .map((entries) => Object.fromEntries(entries));

/** A message as HubSpot's side receives it: a type it knows (or not), with any payload. */
export const appMessage = fc.record({
  type: fc.oneof(
    fc.constantFrom(
      "INITIALIZED",
      "LOGGED_IN",
      "LOGGED_OUT",
      "OUTGOING_CALL_STARTED",
      "INCOMING_CALL",
      "CALL_ANSWERED",
      "CALL_ENDED",
      "CALL_COMPLETED",
      "CALL_TRANSFERRED",
      "FINALIZE_ENGAGEMENT",
      "NAVIGATE_TO_RECORD",
      "ERROR",
      "RESIZE_WIDGET",
      "SET_WIDGET_URL",
      "USER_AVAILABLE",
    ),
    fc.string(),
  ),
  data: fc.oneof(postable, shaped),
});
