/**
 * What crosses a process in a check run is read back by a parser rather than a cast (the run's
 * settings, each scenario's result, the results file). Each is written by the kit itself, so a
 * mismatch is a bug to say plainly, not an app's mistake.
 */
import * as z from "zod/mini";

/** Reads `json` as `schema` says, or throws naming `what` and where it differs. */
export function readAs<T>(schema: z.ZodMiniType<T>, json: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`${what} is not JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(`${what} is not as the check wrote it: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
