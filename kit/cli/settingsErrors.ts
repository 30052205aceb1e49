/**
 * What went wrong with a `calling-stand-in settings` command, said plainly. Pure: the error the
 * client threw, the command and its configuration go in; the line to print comes out, with what to
 * do next where the answer says it (no settings yet, settings already there, nothing answering).
 */
import { isRecord } from "../../common/guards";
import { brief } from "../../common/text";
import { CLIENT_INSTALL, type Command, type Config } from "./settingsArgs";

const CREATE = "calling-stand-in settings create --name NAME --url URL";
const UPDATE = "calling-stand-in settings update";
const RECORDING_SET = "calling-stand-in settings recording set --url URL";

/**
 * Why the client could not be loaded, from the import's error. Only the client itself missing is
 * said to be absent: a broken install (one of its own files missing) is said as what it is.
 */
export function clientMissing(error: unknown): string {
  const e = isRecord(error) ? error : {};
  const message = typeof e.message === "string" ? e.message : brief(error, 200);
  const absent =
    (e.code === "ERR_MODULE_NOT_FOUND" || e.code === "MODULE_NOT_FOUND") &&
    /['"]@hubspot\/api-client['"]/.test(message);
  return absent
    ? `The settings command needs HubSpot's Node client, which is not installed (the kit leaves it optional: only this command uses it). Install it with: ${CLIENT_INSTALL}`
    : `HubSpot's Node client could not be loaded (${message.split("\n")[0]?.slice(0, 200)}). Reinstall it with: ${CLIENT_INSTALL}`;
}

/** What HubSpot's own answer said: message, category, correlation id, one sentence each. */
function answerOf(code: number, body: Record<string, unknown>, fallback: unknown): string {
  const text = (value: unknown) => (typeof value === "string" ? value : brief(value, 200));
  // The API's message ends with its own full stop.
  const message = text(body.message ?? fallback ?? "no message").replace(/\.+$/, "");
  return [
    `HubSpot answered ${code}: ${message}`,
    body.category ? `category ${text(body.category)}` : "",
    body.correlationId ? `correlationId ${text(body.correlationId)}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/**
 * The plain sentence for an answer the command can read (which resource is missing, which command
 * to use instead), or "" when the API's own words are all there is to say. Read from the status
 * and the command, not from the message: HubSpot's wording is its own and may change.
 */
function meaning(code: number, command: Command, appId: number): string {
  if (code === 404) {
    if (command.kind === "recording get")
      return `App ${appId} has no recording URL format yet. Set one with:\n  ${RECORDING_SET}`;
    if (command.kind === "get" || command.kind === "update" || command.kind === "delete")
      return `App ${appId} has no calling settings yet (or HUBSPOT_APP_ID is not your app's id). Create them with:\n  ${CREATE}`;
  }
  if (code === 409 && command.kind === "create")
    return `App ${appId} already has calling settings. Change them with ${UPDATE} and the options to change, e.g.:\n  ${UPDATE} --url URL`;
  return "";
}

/**
 * What went wrong, from the client's error: the API's answer (with what to do, where known), or the
 * API not reached at all (nothing listening, a name not found, a certificate refused).
 */
export function describeFailure(error: unknown, command: Command, config: Config): string {
  const e = isRecord(error) ? error : {};
  let line: string;
  if (typeof e.code === "number") {
    const answer = answerOf(e.code, isRecord(e.body) ? e.body : {}, e.message);
    const plain = meaning(e.code, command, config.appId);
    line = plain ? `${plain}\n${answer}.` : `${answer}.`;
  } else if (typeof e.code === "string") {
    // node-fetch's system error: "request to URL failed, reason: connect ECONNREFUSED …". The URL
    // carries the key, so only the reason is kept.
    const message = typeof e.message === "string" ? e.message : "";
    const reason = /reason: (.*)$/s.exec(message)?.[1]?.split("\n")[0]?.slice(0, 200);
    line = `Could not reach the HubSpot API at ${config.basePath}: ${e.code}${reason ? ` (${reason})` : ""}. Is HUBSPOT_API_BASE right, and is the stand-in (calling-stand-in host) or the network up?`;
  } else {
    const message = typeof e.message === "string" ? e.message : brief(error, 200);
    line = `The request failed: ${message.split("\n")[0]?.slice(0, 300)}.`;
  }
  // The key travels in the URL (`hapikey`), and errors can echo URLs: never print it.
  return line.replaceAll(config.apiKey, "[key]");
}
