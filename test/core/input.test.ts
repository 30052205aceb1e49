import { describe, expect, it } from "vitest";
import {
  type Validation,
  validateErrorMessage,
  validateNotes,
  validatePhoneNumber,
  validateSize,
  validateWidgetUrl,
} from "../../src/core/input";

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

describe("the other fields", () => {
  const cases: { name: string; check: () => Validation<unknown>; ok?: true; error?: string }[] = [
    {
      name: "notes at the limit",
      check: () => validateNotes("x".repeat(65_536)),
      ok: true as const,
    },
    {
      name: "notes past the limit",
      check: () => validateNotes("x".repeat(65_537)),
      error: "Notes are too long: 65,537 characters, at most 65,536.",
    },
    { name: "empty notes", check: () => validateNotes(""), ok: true as const },
    {
      name: "an empty error message",
      check: () => validateErrorMessage("   "),
      error: "Error message is required.",
    },
    {
      name: "an error message of 1,001 characters",
      check: () => validateErrorMessage("e".repeat(1_001)),
      error: "Error message is too long (at most 1,000 characters).",
    },
    { name: "a size in range", check: () => validateSize("200", "2000"), ok: true as const },
    ...["", "199", "2001", "1e9", "12.5", "-400", "NaN", "0x190"].map((width) => ({
      name: `width ${JSON.stringify(width)}`,
      check: () => validateSize(width, "650"),
      error: "Width and height must be whole numbers from 200 to 2000.",
    })),
    {
      name: "an https URL",
      check: () => validateWidgetUrl(" https://a.example/x "),
      ok: true as const,
    },
    ...[
      "javascript:alert(1)",
      "http://a.example/",
      "a.example",
      `https://a.example/${"x".repeat(2_048)}`,
    ].map((url) => ({
      name: `widget URL ${url.slice(0, 30)}`,
      check: () => validateWidgetUrl(url),
      error: "Widget URL must be a full https:// address.",
    })),
  ];
  for (const { name, check, ok, error } of cases) {
    it(name, () => {
      const result = check();
      if (ok) expect(result.ok).toBe(true);
      else expect(result).toEqual({ ok: false, error });
    });
  }

  it("gives back the values to send, trimmed where a field is", () => {
    expect(validateSize("400", "650")).toEqual({ ok: true, value: { width: 400, height: 650 } });
    expect(validateWidgetUrl(" https://a.example/x ")).toEqual({
      ok: true,
      value: "https://a.example/x",
    });
    expect(validateErrorMessage(" Mic not found ")).toEqual({ ok: true, value: "Mic not found" });
  });
});

describe("each limit, at its bound", () => {
  it("a phone number of 32 characters is taken, of 33 refused", () => {
    const at32 = `617${" ".repeat(26)}555`;
    expect(at32).toHaveLength(32);
    expect(validatePhoneNumber(at32)).toEqual({ ok: true, value: at32 });
    expect(validatePhoneNumber(`617${" ".repeat(27)}555`)).toEqual({
      ok: false,
      error: "Phone number is too long (at most 32 characters).",
    });
  });

  it("an error message of 1,000 characters is taken, of 1,001 refused", () => {
    expect(validateErrorMessage("x".repeat(1_000)).ok).toBe(true);
    expect(validateErrorMessage("x".repeat(1_001))).toEqual({
      ok: false,
      error: "Error message is too long (at most 1,000 characters).",
    });
  });

  it("a widget URL of 2,048 characters is taken, of 2,049 refused", () => {
    const base = "https://example.com/";
    expect(validateWidgetUrl(base + "a".repeat(2_048 - base.length)).ok).toBe(true);
    expect(validateWidgetUrl(base + "a".repeat(2_049 - base.length)).ok).toBe(false);
  });

  it("a size is taken with spaces around it, and refused when either side is not a number", () => {
    expect(validateSize(" 400 ", "650 ")).toEqual({ ok: true, value: { width: 400, height: 650 } });
    expect(validateSize("wide", "650").ok).toBe(false);
    expect(validateSize("400", "tall").ok).toBe(false);
  });
});
