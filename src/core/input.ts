/**
 * What the user types, checked before anything is sent: each check returns the value to send or
 * the message to show under the field. Pure, so every limit is tested in Node.
 */
import { isHttpsUrl } from "../../common/guards.ts";
import { MAX_WIDGET_SIDE, MIN_WIDGET_SIDE } from "../../common/widget.ts";

export type Validation<T = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/**
 * The limits on what the user types. The page also sets the phone, error and URL limits as its
 * fields' `maxLength` (`src/ui/view.ts`), so a field cannot take much more than is sent.
 */
export const MAX_PHONE_LENGTH = 32;
/** HubSpot's limit on `hs_call_body`. */
export const MAX_NOTES_LENGTH = 65_536;
export const MAX_ERROR_MESSAGE = 1_000;
export const MAX_URL_LENGTH = 2_048;

const valid = <T>(value: T): Validation<T> => ({ ok: true, value });
const invalid = (error: string): Validation<never> => ({ ok: false, error });
const count = (n: number) => n.toLocaleString("en");

/**
 * Phone numbers as a user types them: digits with optional spaces, dashes, dots, parentheses
 * and one leading `+`. At most 15 digits (E.164's limit) and at least 3 (short codes).
 */
export function validatePhoneNumber(raw: string, label = "Phone number"): Validation {
  const value = raw.trim();
  if (value.length === 0) return invalid(`${label} is required.`);
  if (value.length > MAX_PHONE_LENGTH) {
    return invalid(`${label} is too long (at most ${MAX_PHONE_LENGTH} characters).`);
  }
  if (!/^\+?[\d\s().-]+$/.test(value)) {
    return invalid(`${label} may contain only digits, spaces, ( ) . - and a leading +.`);
  }
  const digits = value.replace(/\D/g, "").length;
  if (digits < 3 || digits > 15) {
    return invalid(`${label} must have 3 to 15 digits (it has ${digits}).`);
  }
  return valid(value);
}

/** The call's notes, sent as `hs_call_body`; empty is fine. */
export function validateNotes(notes: string): Validation {
  return notes.length > MAX_NOTES_LENGTH
    ? invalid(
        `Notes are too long: ${count(notes.length)} characters, at most ${count(MAX_NOTES_LENGTH)}.`,
      )
    : valid(notes);
}

/** The text HubSpot shows in its alert. */
export function validateErrorMessage(raw: string): Validation {
  const message = raw.trim();
  if (message === "") return invalid("Error message is required.");
  if (message.length > MAX_ERROR_MESSAGE) {
    return invalid(`Error message is too long (at most ${count(MAX_ERROR_MESSAGE)} characters).`);
  }
  return valid(message);
}

/** The widget size the user asks HubSpot for. */
export function validateSize(
  rawWidth: string,
  rawHeight: string,
): Validation<{ width: number; height: number }> {
  // Digits only: `Number` alone would take "1e3", "0x190" or "" (as 0).
  const side = (raw: string) => {
    const n = /^\d{1,5}$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    return n >= MIN_WIDGET_SIDE && n <= MAX_WIDGET_SIDE ? n : null;
  };
  const width = side(rawWidth);
  const height = side(rawHeight);
  return width !== null && height !== null
    ? valid({ width, height })
    : invalid(
        `Width and height must be whole numbers from ${MIN_WIDGET_SIDE} to ${MAX_WIDGET_SIDE}.`,
      );
}

/** The address HubSpot loads in the widget instead of this page. */
export function validateWidgetUrl(raw: string): Validation {
  const url = raw.trim();
  return url.length <= MAX_URL_LENGTH && isHttpsUrl(url)
    ? valid(url)
    : invalid("Widget URL must be a full https:// address.");
}
