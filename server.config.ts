/**
 * What the softphone's and the stand-in's servers share: HTTPS (one offline self-signed certificate,
 * or the user's own through two environment variables) and the security headers.
 */
import { readFileSync } from "node:fs";
import type { PluginOption, ServerOptions } from "vite";
import { sharedCertificate } from "./common/certificate.ts";

/** A trusted certificate (e.g. from mkcert) replaces the self-signed one when both are set. */
export function https(): { plugins: PluginOption[]; https?: ServerOptions["https"] } {
  const cert = process.env.SOFTPHONE_TLS_CERT;
  const key = process.env.SOFTPHONE_TLS_KEY;
  if (cert && key)
    return { plugins: [], https: { cert: readFileSync(cert), key: readFileSync(key) } };
  if (cert || key)
    throw new Error("Set both SOFTPHONE_TLS_CERT and SOFTPHONE_TLS_KEY, or neither.");
  // One certificate for both servers (common/certificate.ts), so a user accepts the warning once
  // per origin; set as Vite's basic-ssl plugin sets its own.
  return {
    plugins: [
      {
        name: "shared-certificate",
        async configResolved(config) {
          const pem = await sharedCertificate("hubspot-calling-softphone");
          const pair = { cert: pem, key: pem };
          if (config.server.https === undefined || config.server.https)
            config.server.https = { ...config.server.https, ...pair };
          if (config.preview.https === undefined || config.preview.https)
            config.preview.https = { ...config.preview.https, ...pair };
        },
      },
    ],
  };
}

/** `frame-ancestors` limits who may frame the page; `script-src 'self'` forbids inline script. */
export function securityHeaders(
  frameAncestors: readonly string[],
  extra: readonly string[] = [],
): Record<string, string> {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.join(" ")}`,
    ...extra,
  ];
  return {
    "Content-Security-Policy": policy.join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
}
