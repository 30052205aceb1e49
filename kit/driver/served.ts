/**
 * Whether the app is served at all, asked beside its handshake: a test run before the app's server
 * was started would otherwise wait out the handshake (15 s) and say only that SYNC had no answer.
 * Only a refused connection stops the wait: a name Node cannot resolve may be one the browser's own
 * rules map (`--host-resolver-rules`), and any HTTP status means a server is there. Asked once per
 * address in a process: a test run frames the same app again and again.
 */
import { statusAt } from "../../common/answers";

const answered = new Set<string>();

/** Why `appUrl` cannot be loaded (nothing listens there), or null (it answered, or may yet). */
export async function notServed(appUrl: string): Promise<string | null> {
  if (answered.has(appUrl)) return null;
  const answer = await statusAt(appUrl, 5_000);
  if ("status" in answer) {
    answered.add(appUrl);
    return null;
  }
  if (answer.error !== "ECONNREFUSED") return null;
  return `cannot load ${appUrl} (ECONNREFUSED): is the app served there? Serve it before the tests, or let Playwright start it (its webServer option).`;
}
