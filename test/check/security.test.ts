import { describe, expect, it } from "vitest";
import { frameAncestors, headerFindings } from "../../check/security";

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
