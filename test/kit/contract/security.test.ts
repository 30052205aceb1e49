import { describe, expect, it } from "vitest";
import {
  frameAncestors,
  framingFindings,
  headerFindings,
  headerVerdict,
} from "../../../kit/contract/security";

describe("frame-ancestors in the app's headers", () => {
  it("is found in any directive position, and in the first policy that has it", () => {
    expect(
      frameAncestors("default-src 'self'; frame-ancestors 'self' https://*.hubspot.com"),
    ).toEqual(["'self'", "https://*.hubspot.com"]);
    expect(frameAncestors("FRAME-ANCESTORS 'none'")).toEqual(["'none'"]);
    expect(frameAncestors("default-src 'self'")).toBeNull();
    expect(frameAncestors(undefined)).toBeNull();
  });

  const cases: [Record<string, string>, boolean, RegExp][] = [
    [{}, false, /no frame-ancestors .* any site can frame the app/],
    [{ "x-frame-options": "DENY" }, false, /X-Frame-Options DENY: HubSpot cannot frame/],
    [{ "content-security-policy": "frame-ancestors *" }, false, /lets any site frame the app/],
    [{ "content-security-policy": "frame-ancestors https:" }, false, /lets any site frame the app/],
    [
      { "content-security-policy": "frame-ancestors 'self'" },
      false,
      /keeps HubSpot .* from framing/,
    ],
    [
      { "content-security-policy": "frame-ancestors https://app.hubspot.com" },
      false,
      /keeps HubSpot \(https:\/\/app-eu1.hubspot.com\)/,
    ],
    [
      { "content-security-policy": "frame-ancestors 'self' https://*.hubspot.com" },
      true,
      /HubSpot may frame the app/,
    ],
    [
      { "content-security-policy": "frame-ancestors *.hubspot.com" },
      true,
      /HubSpot may frame the app/,
    ],
  ];
  for (const [headers, ok, text] of cases) {
    it(`${JSON.stringify(headers)} → ${ok ? "passes" : "fails"}`, () => {
      const [finding] = headerFindings(headers);
      expect(finding?.ok).toBe(ok);
      expect(finding?.text).toMatch(text);
    });
  }
});

describe("what the framings from an untrusted host say", () => {
  const at = "https://hubspot-impostor.example:1/";
  const texts = (findings: { ok: boolean; severity: string; text: string }[]) =>
    findings.map((f) => `${f.ok ? "ok" : f.severity} ${f.text}`);

  it("a header that keeps others out, and a host check behind it: both guards said", () => {
    expect(texts(framingFindings("hubspot", at, "blocked", "refused"))).toEqual([
      `ok the browser would not frame the app at an untrusted host (${at}): its headers keep it out`,
      "ok with frame-ancestors taken out of its response, the app still refuses an untrusted host: it checks the host itself",
    ]);
  });

  it("a header that is the only guard: a warning that says so", () => {
    expect(texts(framingFindings("hubspot", at, "blocked", "initialised"))[1]).toBe(
      "warning with frame-ancestors taken out of its response, the app initialises inside an untrusted host: the header is its only guard (a proxy or a server that drops it leaves none); check onReady's hostUrl against HubSpot's domains before calling initialized, as a second",
    );
  });

  for (const guard of ["none", "any"] as const) {
    it(`no header to take out (${guard}): no word of a header being a guard`, () => {
      const initialised = texts(framingFindings(guard, at, "initialised", null));
      expect(initialised).toEqual([
        `error the app sent INITIALIZED inside an untrusted host (${at}): any page can frame it and drive it`,
      ]);
      const refused = texts(framingFindings(guard, at, "refused", null));
      expect(refused).toEqual([
        `ok the app did not initialise inside an untrusted host (${at}): it checks the host itself, its only guard (its headers let any site frame it)`,
      ]);
      for (const line of [...initialised, ...refused]) expect(line).not.toMatch(/taken out/);
    });
  }

  it("an app that never answers an untrusted host's SYNC is not said to initialise", () => {
    expect(framingFindings("hubspot", at, "silent", "silent").every((f) => f.ok)).toBe(true);
  });

  it("the header's verdict names who it lets in", () => {
    expect(headerVerdict({}).guard).toBe("none");
    expect(headerVerdict({ "content-security-policy": "frame-ancestors *" }).guard).toBe("any");
    expect(headerVerdict({ "x-frame-options": "deny" }).guard).toBe("deny");
    expect(
      headerVerdict({ "content-security-policy": "frame-ancestors https://localhost:*" }).guard,
    ).toBe("not-hubspot");
    expect(
      headerVerdict({ "content-security-policy": "frame-ancestors https://*.hubspot.com" }).guard,
    ).toBe("hubspot");
  });
});
