import { describe, expect, it } from "vitest";
import { todoNote } from "../../../kit/cli/check";

describe("what the check says of init's notes left in the actions file", () => {
  it("says nothing where none is left", () => {
    expect(todoNote("calling-actions.json", [])).toBeNull();
  });

  it("names the steps not taken, and what an unmapped reset does to scenarios side by side", () => {
    expect(todoNote("calling-actions.json", ["available"])).toBe(
      "calling-actions.json still has init's $todo notes for available: those steps are not taken.\n",
    );
    const reset =
      "calling-actions.json still has init's $todo.reset: if your app's backend remembers its user or its call, map reset (else the scenarios side by side share it), or run with --workers 1; if it does not, delete the note.\n";
    expect(todoNote("calling-actions.json", ["incomingCall", "reset"])).toBe(
      `calling-actions.json still has init's $todo notes for incomingCall: those steps are not taken.\n${reset}`,
    );
    expect(todoNote("calling-actions.json", ["reset"])).toBe(reset);
  });
});
