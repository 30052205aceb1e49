import { describe, expect, it } from "vitest";
import { validatePhoneNumber } from "../../src/core/input";

describe("validatePhoneNumber", () => {
  const valid = [
    "+1 617-555-0101",
    "(617) 555.0101",
    "911",
    "+44 20 7946 0101",
    "  +1 617 555 0101  ",
    "123456789012345",
  ];
  for (const phone of valid) {
    it(`accepts ${JSON.stringify(phone)}`, () => {
      expect(validatePhoneNumber(phone)).toEqual({ ok: true, value: phone.trim() });
    });
  }

  const invalid = [
    { phone: "", error: "Phone number is required." },
    { phone: "   ", error: "Phone number is required." },
    { phone: "12", error: "Phone number must have 3 to 15 digits (it has 2)." },
    { phone: "1234567890123456", error: "Phone number must have 3 to 15 digits (it has 16)." },
    {
      phone: "617-555-O101",
      error: "Phone number may contain only digits, spaces, ( ) . - and a leading +.",
    },
    {
      phone: "1+617",
      error: "Phone number may contain only digits, spaces, ( ) . - and a leading +.",
    },
    {
      phone: "<script>",
      error: "Phone number may contain only digits, spaces, ( ) . - and a leading +.",
    },
    { phone: "9".repeat(1_000_000), error: "Phone number is too long (at most 32 characters)." },
  ];
  for (const { phone, error } of invalid) {
    it(`rejects ${JSON.stringify(phone.slice(0, 20))}`, () => {
      expect(validatePhoneNumber(phone)).toEqual({ ok: false, error });
    });
  }

  it("names the field in its message", () => {
    expect(validatePhoneNumber("", "From number")).toEqual({
      ok: false,
      error: "From number is required.",
    });
  });
});
