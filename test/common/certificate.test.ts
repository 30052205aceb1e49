import { X509Certificate } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sharedCertificate } from "../../common/certificate";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the servers' shared certificate", () => {
  it("is one certificate for servers that start together, published whole, nothing left beside it", async () => {
    dir = mkdtempSync(join(tmpdir(), "certificate-"));
    const made = await Promise.all([
      sharedCertificate("hubspot-calling-stand-in", dir),
      sharedCertificate("hubspot-calling-softphone", dir),
    ]);
    expect(new Set(made).size).toBe(1);
    expect(readFileSync(join(dir, "_cert.pem"), "utf8")).toBe(made[0]);
    expect(readdirSync(dir)).toEqual(["_cert.pem"]);
    // Kept: a server started later serves the same one.
    expect(await sharedCertificate("hubspot-calling-stand-in", dir)).toBe(made[0]);
  });

  it("replaces a broken file with a whole, current certificate", async () => {
    dir = mkdtempSync(join(tmpdir(), "certificate-"));
    writeFileSync(join(dir, "_cert.pem"), "-----BEGIN CERTIFICATE-----\nhalf");
    const pem = await sharedCertificate("hubspot-calling-stand-in", dir);
    expect(readFileSync(join(dir, "_cert.pem"), "utf8")).toBe(pem);
    expect(new Date(new X509Certificate(pem).validTo).getTime()).toBeGreaterThan(Date.now());
  });
});
