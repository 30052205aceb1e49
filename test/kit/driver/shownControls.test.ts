import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cleanName,
  editDistance,
  MAX_SHOWN,
  nearestShown,
  shownIn,
} from "../../../kit/driver/shownControls";

/** Playwright 1.65's `ariaSnapshot()` of the kit's vendor app, signed out, as it wrote it. */
const VENDOR = `- main:
  - heading "Acme Dialer" [level=1]
  - status: Signed out
  - button "Sign in"`;

/** The same of the demo softphone, logged out (its start). */
const SOFTPHONE = `- main:
  - heading "Demo softphone" [level=1]
  - paragraph:
    - status "Call status": Logged out
  - status "Notice"
  - text: Phone number
  - textbox "Phone number"
  - text: From number
  - combobox "From number": +1 555-010-0000
  - button "Log in"
  - button "Log out" [disabled]
  - button "Available" [disabled]
  - button "Unavailable" [disabled]
  - button "Incoming call" [disabled]
  - button "Dial" [disabled]
  - button "Answer" [disabled]
  - button "End" [disabled]
  - button "Complete" [disabled]
  - text: End status
  - combobox "End status":
    - option "COMPLETED" [selected]
    - option "FAILED"`;

describe("The names an app's accessibility snapshot shows", () => {
  it("reads each named node with its role, in order, and nothing unnamed", () => {
    expect(shownIn(VENDOR)).toEqual([
      { role: "heading", name: "Acme Dialer" },
      { role: "button", name: "Sign in" },
    ]);
    const softphone = shownIn(SOFTPHONE);
    expect(softphone.filter((s) => s.role === "button").map((s) => s.name)).toEqual([
      "Log in",
      "Log out",
      "Available",
      "Unavailable",
      "Incoming call",
      "Dial",
      "Answer",
      "End",
      "Complete",
    ]);
    expect(softphone).toContainEqual({ role: "combobox", name: "From number" });
    expect(softphone).toContainEqual({ role: "option", name: "COMPLETED" });
  });

  it("reads a quoted name's escapes, and cleans what the app wrote", () => {
    expect(shownIn('- button "Say \\"hi\\"\\n now\\u0007"')).toEqual([
      { role: "button", name: 'Say "hi" now' },
    ]);
    expect(shownIn('- button "\\x41 bad escape"')).toEqual([
      { role: "button", name: "\\x41 bad escape" },
    ]);
  });

  it("never throws, keeps at most MAX_SHOWN, and no name holds a control character", () => {
    const line = fc
      .tuple(fc.constantFrom("button", "link", "textbox", "x"), fc.string({ maxLength: 80 }))
      .map(([role, name]) => `  - ${role} ${JSON.stringify(name)}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(line, fc.string()), { maxLength: 400 }), (lines) => {
        const shown = shownIn(lines.join("\n"));
        expect(shown.length).toBeLessThanOrEqual(MAX_SHOWN);
        for (const { name } of shown) {
          const hidden = [...name].filter((c) => {
            const code = c.codePointAt(0) ?? 0;
            return code < 32 || (code >= 127 && code < 160) || (code >= 0x202a && code <= 0x202e);
          });
          expect(hidden).toEqual([]);
          expect(name.length).toBeLessThanOrEqual(200);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("What is said when a control did not show", () => {
  it("names the app's controls of that role, the nearest first", () => {
    expect(nearestShown("button", "Sign In", shownIn(VENDOR))).toBe('shown as button: "Sign in"');
    // Edits from "dail": Dial 2, End 4, Log in 5, Available and Answer 6 (the page's order).
    expect(nearestShown("button", "Dail", shownIn(SOFTPHONE))).toBe(
      'shown as button: "Dial", "End", "Log in", "Available", "Answer" and 4 more',
    );
  });

  it("says none shows, and where the name shows under another role", () => {
    expect(nearestShown("link", "Sign in", shownIn(VENDOR))).toBe(
      'no link shows; a button named "Sign in" shows',
    );
    expect(nearestShown("checkbox", undefined, shownIn(VENDOR))).toBe("no checkbox shows");
    expect(nearestShown("textbox", "Number", [])).toBe("no textbox shows");
  });

  it("quotes each name as JSON, cut at 60 characters", () => {
    const long = `${"x".repeat(70)}"`;
    expect(nearestShown("button", "x", [{ role: "button", name: long }])).toBe(
      `shown as button: "${"x".repeat(60)}…"`,
    );
    expect(nearestShown("button", "x", [{ role: "button", name: 'a "b"' }])).toBe(
      'shown as button: "a \\"b\\""',
    );
  });

  it("counts edits between names, case aside", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("Sign In", "sign in")).toBe(0);
    expect(editDistance("", "Dial")).toBe(4);
  });
});

describe("A name as an app gives it", () => {
  it("is cleaned: no control characters, bounded, whole characters", () => {
    expect(cleanName("  Sign\n\tin\u0007 ")).toEqual({ name: "Sign in", cut: false });
    expect(cleanName("Call\u202Eevil\u200B")).toEqual({ name: "Call evil", cut: false });
    const long = cleanName("x".repeat(500));
    expect(long).toEqual({ name: "x".repeat(200), cut: true });
    const emoji = cleanName("📞".repeat(150));
    expect(emoji.cut).toBe(true);
    expect(emoji.name.length).toBeLessThanOrEqual(200);
    expect(emoji.name).toBe("📞".repeat(100));
  });
});
