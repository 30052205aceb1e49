/**
 * Phone numbers as a user types them: digits with optional spaces, dashes, dots, parentheses
 * and one leading `+`. At most 15 digits (E.164's limit) and at least 3 (short codes).
 */
export type Validation =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly error: string };

export const MAX_PHONE_LENGTH = 32;

export function validatePhoneNumber(raw: string, label = "Phone number"): Validation {
  const value = raw.trim();
  if (value.length === 0) return { ok: false, error: `${label} is required.` };
  if (value.length > MAX_PHONE_LENGTH) {
    return { ok: false, error: `${label} is too long (at most ${MAX_PHONE_LENGTH} characters).` };
  }
  if (!/^\+?[\d\s().-]+$/.test(value)) {
    return {
      ok: false,
      error: `${label} may contain only digits, spaces, ( ) . - and a leading +.`,
    };
  }
  const digits = value.replace(/\D/g, "").length;
  if (digits < 3 || digits > 15) {
    return { ok: false, error: `${label} must have 3 to 15 digits (it has ${digits}).` };
  }
  return { ok: true, value };
}
