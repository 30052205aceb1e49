/** Whether a server answers at an address: the host command and the benchmark wait on it. Node only. */
import { request } from "node:https";

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
