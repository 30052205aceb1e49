import { describe, expect, it } from "vitest";
import { DEFAULT_TRUSTED_HOSTS, isTrustedHost, parseTrustedHosts } from "../../common/trustedHosts";

describe("isTrustedHost", () => {
  const cases = [
    { origin: "https://app.hubspot.com", trusted: true },
    { origin: "https://app-eu1.hubspot.com", trusted: true },
    { origin: "https://app.hubspotqa.com", trusted: true },
    { origin: "https://localhost:9026", trusted: true },
    { origin: "https://127.0.0.1:9026", trusted: true },
    { origin: "https://hubspot.com", trusted: false },
    { origin: "https://evilhubspot.com", trusted: false },
    { origin: "https://app.hubspot.com.evil.com", trusted: false },
    { origin: "http://app.hubspot.com", trusted: false },
    { origin: "https://app.hubspot.com/path", trusted: false },
    { origin: "https://user@app.hubspot.com", trusted: false },
    { origin: "https://localhost.evil.com:9026", trusted: false },
    { origin: "null", trusted: false },
    { origin: "", trusted: false },
    { origin: undefined, trusted: false },
    { origin: 42, trusted: false },
  ];
  for (const { origin, trusted } of cases) {
    it(`${trusted ? "trusts" : "refuses"} ${JSON.stringify(origin)}`, () => {
      expect(isTrustedHost(origin, DEFAULT_TRUSTED_HOSTS)).toBe(trusted);
    });
  }

  it("matches a pattern without a port only on the default port", () => {
    expect(isTrustedHost("https://example.com", ["https://example.com"])).toBe(true);
    expect(isTrustedHost("https://example.com:8443", ["https://example.com"])).toBe(false);
    expect(isTrustedHost("https://example.com:8443", ["https://example.com:8443"])).toBe(true);
  });
});

describe("parseTrustedHosts", () => {
  it("reads a comma- or space-separated list and falls back to the defaults", () => {
    expect(parseTrustedHosts("https://a.example, https://b.example https://c.example")).toEqual([
      "https://a.example",
      "https://b.example",
      "https://c.example",
    ]);
    expect(parseTrustedHosts(undefined)).toBe(DEFAULT_TRUSTED_HOSTS);
    expect(parseTrustedHosts(" ")).toBe(DEFAULT_TRUSTED_HOSTS);
  });
});
