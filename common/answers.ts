/** Whether a server answers at an address: the host command and the benchmark wait on it. Node only. */
import { get, request } from "node:https";

/** Whether something answers at `url` (any status: a server is there), certificates unchecked. */
export function answers(url: string, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request(url, { method: "HEAD", rejectUnauthorized: false, timeout: timeoutMs });
    probe.on("response", (response) => {
      response.resume();
      resolve(true);
    });
    probe.on("timeout", () => probe.destroy());
    probe.on("error", () => resolve(false));
    probe.end();
  });
}

/**
 * The status `url` answers a GET with, certificates unchecked, or why nothing answered (a
 * refused connection, a name that does not resolve, the time up).
 */
export function statusAt(
  url: string,
  timeoutMs = 10_000,
): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const probe = get(url, { rejectUnauthorized: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    probe.on("timeout", () => probe.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    probe.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message.slice(0, 200) }),
    );
  });
}
