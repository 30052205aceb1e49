/**
 * Whether a calling app answers at all, before anything is framed: an app nobody started would
 * otherwise fail every scenario (or init's look) after waiting out its handshake, minutes for one
 * mistake. With `waitMs`, an app still starting (a server launched just before) is asked again
 * until it answers or the time is up.
 */
import { statusAt } from "../../common/answers";

/** What is wrong with `app`'s address, said plainly; null when it answers. */
export async function unreachable(app: string, waitMs: number): Promise<string | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const answer = await statusAt(app);
    if ("status" in answer) {
      if (answer.status === 404)
        return `${app} answered 404: is that the app's address, and is the app built and served there?`;
      if (answer.status >= 400)
        return `${app} answered ${answer.status}: is that the app's address?`;
      return null;
    }
    if (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    const waited = waitMs > 0 ? ` after ${waitMs.toLocaleString("en")} ms` : "";
    return `cannot load ${app}${waited} (${answer.error}): is the app served there? (A server just launched, as in CI: --wait 30000 gives it time to answer.)`;
  }
}
