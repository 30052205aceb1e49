/**
 * Node only: the self-signed certificate the stand-in's server and the softphone's servers share
 * (made offline by Vite's basic-ssl plugin, kept in node_modules/.cache/https/_cert.pem, so a
 * user accepts the browser's warning once per address), made once even when several servers start
 * at the same instant. The plugin alone writes its file after it has returned its certificate,
 * unawaited and in place: on a fresh clone, servers started together each made their own and the
 * last one written won, so a server could serve a certificate other than the file's, which
 * `calling-stand-in settings` trusts (DEPTH_ZERO_SELF_SIGNED_CERT, seen in a fresh clone's tests).
 */
import { X509Certificate } from "node:crypto";
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { getCertificate } from "@vitejs/plugin-basic-ssl";

const CERTIFICATE_DIR = "node_modules/.cache/https";

/** The PEM (certificate and key) in `file`, if it is whole and not expired. */
function usable(file: string): string | null {
  try {
    const pem = readFileSync(file, "utf8");
    return new Date(new X509Certificate(pem).validTo) > new Date() ? pem : null;
  } catch {
    return null;
  }
}

/**
 * The shared certificate (`name` is the one a new certificate is made for): the one in `dir` if it
 * is usable, else one made now and published there at once, whole; where another process published
 * one first, that one, so every server started together serves the same.
 */
export async function sharedCertificate(name: string, dir = CERTIFICATE_DIR): Promise<string> {
  const file = join(dir, "_cert.pem");
  const kept = usable(file);
  if (kept) return kept;
  mkdirSync(dir, { recursive: true });
  // Made where no other process reads: the plugin writes its copy there, after it returns.
  const own = mkdtempSync(join(dir, ".made-"));
  try {
    const pem = await getCertificate(own, name);
    const mine = join(own, "mine.pem");
    writeFileSync(mine, pem);
    try {
      // A hard link never replaces a file: the first certificate published is everyone's.
      linkSync(mine, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // One there already: taken if usable; an expired or broken one is replaced, whole.
      if (!usable(file)) renameSync(mine, file);
    }
    // The plugin's own copy lands within a moment: waited for, so the folder can go.
    for (let i = 0; i < 40 && !existsSync(join(own, "_cert.pem")); i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    return usable(file) ?? pem;
  } finally {
    rmSync(own, { recursive: true, force: true });
  }
}
