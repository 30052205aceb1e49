import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HANDLED_KEY, handledId } from "../../common/handledNote";
import { postable } from "../postable";

describe("the probe's note that the app handled a message", () => {
  it("names the message id it carries, cut to 100 characters", () => {
    expect(HANDLED_KEY).toBe("__hubspotStandInHandled");
    expect(handledId({ __hubspotStandInHandled: "calling-extensions_1_2-3" })).toBe(
      "calling-extensions_1_2-3",
    );
    expect(handledId({ __hubspotStandInHandled: "x".repeat(1_000) })).toBe("x".repeat(100));
  });

  it("is not any other value an app may post, nor one whose key throws", () => {
    for (const value of [
      null,
      undefined,
      0,
      "__hubspotStandInHandled",
      [],
      { type: "INITIALIZED" },
      { __hubspotStandInHandled: 7 },
      { __hubspotStandInHandled: null },
    ])
      expect(handledId(value)).toBeNull();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("no");
        },
      },
    );
    expect(handledId(hostile)).toBeNull();
  });

  it("never throws on any value postMessage carries", () => {
    fc.assert(
      fc.property(postable, (value) => {
        const id = handledId(value);
        expect(id === null || typeof id === "string").toBe(true);
      }),
    );
  });
});
