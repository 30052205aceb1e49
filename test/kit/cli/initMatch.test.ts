import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  actionsFor,
  LISTED_MAX,
  matchSteps,
  type SeenControl,
  score,
  unmatched,
} from "../../../kit/cli/initMatch";
import { parseActions, ROLES } from "../../../kit/driver/actions";
import { cleanName } from "../../../kit/driver/shownControls";

const button = (name: string, more: Partial<SeenControl> = {}): SeenControl => ({
  role: "button",
  name,
  ...more,
});

/** Each step's control name, as matched. */
const mapped = (seen: readonly SeenControl[]) =>
  Object.fromEntries(matchSteps(seen).map((m) => [m.step, m.control.name]));

describe("init's matcher: the user's steps to the controls an app shows", () => {
  it("maps controls named for what they report, as HubSpot's minimal demo names them, to the steps that bring it", () => {
    const demo = [
      "initialize",
      "log in",
      "log out",
      "available BETA",
      "unavailable BETA",
      "outgoing call started",
      "incoming call started BETA",
      "call answered",
      "call ended",
      "call completed",
      "send error",
      "resize widget",
    ].map((name) => button(name));
    expect(mapped(demo)).toEqual({
      logIn: "log in",
      logOut: "log out",
      available: "available BETA",
      dial: "outgoing call started",
      answer: "call answered",
      end: "call ended",
      complete: "call completed",
    });
    // Without the one Dial it has, no other "call" control is taken for it.
    expect(mapped(demo.filter((c) => c.name !== "outgoing call started")).dial).toBeUndefined();
  });

  it.each([
    ["Log in", "logIn"],
    ["LOGIN", "logIn"],
    ["Log-in", "logIn"],
    ["Sign in", "logIn"],
    ["sign in with SSO", "logIn"],
    ["Connect", "logIn"],
    ["Log out", "logOut"],
    ["Sign out", "logOut"],
    ["Logout", "logOut"],
    ["Available", "available"],
    ["Go online", "available"],
    ["Dial", "dial"],
    ["Call", "dial"],
    ["Place call", "dial"],
    ["Start call", "dial"],
    ["Answer", "answer"],
    ["Accept", "answer"],
    ["Pick up", "answer"],
    ["End", "end"],
    ["Hang up", "end"],
    ["End call", "end"],
    ["Disconnect", "end"],
    ["Complete", "complete"],
    ["Save", "complete"],
    ["Save call", "complete"],
    ["Wrap up", "complete"],
    ["Log call", "complete"],
    ["Done", "complete"],
  ])("%s is %s", (name, step) => {
    expect(mapped([button(name)])).toEqual({ [step]: name });
  });

  it.each([
    "Unavailable",
    "Not available",
    "Incoming call",
    "Callback",
    "Calls",
    "Weekend",
    "Send",
    "Accept cookies",
    "Disconnected",
    "Redial later",
  ])("%s is none of the steps it looks like", (name) => {
    // Callback, Calls, Redial: not the whole word; the rest are ruled out.
    const seen = [button(name)];
    const m = mapped(seen);
    expect(m.dial, name).toBeUndefined();
    expect(m.available, name).toBeUndefined();
    expect(m.answer, name).toBeUndefined();
    expect(m.logIn, name).toBeUndefined();
  });

  it('"End call" and "Hang up" are never Dial, "Save call" and "Log call" never either', () => {
    for (const name of ["End call", "Hang up call", "Save call", "Log call", "Answer call"])
      expect(score("dial", button(name)), name).toBeNull();
    expect(mapped([button("End call"), button("Call")])).toEqual({ end: "End call", dial: "Call" });
    // Only "End call" shows: it ends, and nothing dials.
    expect(mapped([button("End call")])).toEqual({ end: "End call" });
  });

  it("prefers a button, a control that shows, and a name that is the phrase itself", () => {
    expect(mapped([{ role: "link", name: "Call" }, button("Call")]).dial).toBe("Call");
    expect(matchSteps([{ role: "link", name: "Call" }, button("Call")])[0]?.control.role).toBe(
      "button",
    );
    const shown = button("Call", { frame: ["#b"] });
    expect(matchSteps([button("Call", { hidden: true }), shown])[0]?.control).toBe(shown);
    // A name that is the phrase wins over a part of one, even hidden when looked.
    expect(mapped([button("Call", { hidden: true }), button("Call now")]).dial).toBe("Call");
    expect(mapped([button("Call back the last caller"), button("Call")]).dial).toBe("Call");
    expect(mapped([button("Quick dial"), button("Dial")]).dial).toBe("Dial");
  });

  it("maps no two steps to one control, and no step to two", () => {
    // "Connect" is log-in's; "End" alone is end's: each control once.
    const seen = [button("End"), button("Done"), button("Save")];
    const matches = matchSteps(seen);
    expect(new Set(matches.map((m) => m.control)).size).toBe(matches.length);
    expect(new Set(matches.map((m) => m.step)).size).toBe(matches.length);
    expect(mapped(seen)).toEqual({ end: "End", complete: "Done" });
  });

  it("takes no field to type in for a step, and finds controls in nested frames", () => {
    expect(mapped([{ role: "textbox", name: "Call" }])).toEqual({});
    const inFrame = button("Dial", { frame: ["#dialer"] });
    expect(actionsFor([inFrame]).file.dial).toEqual({
      role: "button",
      name: "Dial",
      exact: true,
      frame: ["#dialer"],
    });
  });

  it("writes $schema first, each step or its $todo, and what might be it", () => {
    const { file, left } = actionsFor([
      button("Sign in"),
      button("Call"),
      button("Call", { role: "link" }),
    ]);
    expect(Object.keys(file)[0]).toBe("$schema");
    expect(file.$schema).toBe("./node_modules/hubspot-calling-stand-in/actions.schema.json");
    expect(file.logIn).toEqual({ role: "button", name: "Sign in", exact: true });
    expect(left).toEqual(["logOut", "available", "incomingCall", "answer", "end", "complete"]);
    expect(file["$todo.answer"]).toBe(
      'no control matched; map it, or declare "app" (the app does it by itself) or "none"',
    );
    expect(file["$todo.incomingCall"]).toMatch(/request to your backend/);
    // Whether the backend remembers its user cannot be seen by looking: said, last.
    expect(Object.keys(file).at(-1)).toBe("$todo.reset");
    expect(file["$todo.reset"]).toContain('"reset": { "request": "https://…" }');
    // A control ruled out for a step is named as what might be it.
    const ruledOut = actionsFor([button("Incoming call")]).file["$todo.dial"];
    expect(ruledOut).toContain('button "Incoming call"');
  });

  it("writes an Answer hidden in every look as used only where it shows; no other step so", () => {
    // Hidden at the start, signed in and in an outbound call: an Answer for inbound calls only.
    const { file } = actionsFor([
      button("Accept", { hidden: true }),
      button("Disconnect call", { hidden: true }),
    ]);
    expect(file.answer).toEqual({ role: "button", name: "Accept", exact: true, ifPresent: true });
    // Hang up may show only in a call: it is waited for, not skipped.
    expect(file.end).toEqual({ role: "button", name: "Disconnect call", exact: true });
    // An Answer that showed is taken as any control.
    expect(actionsFor([button("Pick up")]).file.answer).toEqual({
      role: "button",
      name: "Pick up",
      exact: true,
    });
  });

  it("matches a name cut at 200 characters, or read otherwise, as a part", () => {
    expect(actionsFor([button("Dial", { cut: true })]).file.dial).toEqual({
      role: "button",
      name: "Dial",
      exact: false,
    });
  });

  it("writes a file the check reads without a mistake, whatever the app shows", () => {
    const seenControl = fc.record(
      {
        role: fc.constantFrom(...ROLES),
        name: fc.oneof(
          fc.constantFrom("Sign in", "Call", "End call", "Hang up", "Save", "Pick up", "Log out"),
          fc.string({ maxLength: 300 }),
          fc.string({ unit: "grapheme", maxLength: 300 }),
        ),
        frame: fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        hidden: fc.boolean(),
      },
      { requiredKeys: ["role", "name"] },
    );
    fc.assert(
      fc.property(fc.array(seenControl, { maxLength: 30 }), (raw) => {
        // As init keeps them: names cleaned, none empty.
        const seen = raw.flatMap((c) => {
          const { name, cut } = cleanName(c.name);
          return name === "" ? [] : [{ ...c, name, ...(cut ? { cut } : {}) }];
        });
        const { file, matches } = actionsFor(seen);
        const parsed = parseActions(JSON.stringify(file));
        expect(parsed).not.toHaveProperty("errors");
        expect(new Set(matches.map((m) => m.control)).size).toBe(matches.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("init's looks, merged", () => {
  it("keeps each control once, shown if it showed in any look, in the order first seen", async () => {
    const { merged } = await import("../../../kit/cli/initLook");
    const hidden = button("Hang up", { hidden: true });
    const shown = button("Hang up");
    expect(
      merged([
        [button("Sign in"), hidden],
        [shown, button("Sign in")],
      ]),
    ).toEqual([button("Sign in"), shown]);
    // The same name in another frame is another control.
    expect(merged([[shown], [button("Hang up", { frame: ["#f"] })]])).toHaveLength(2);
  });
});

describe("init's list of the other controls it saw", () => {
  it("names each control no step took, once, with its frame and whether it was hidden", () => {
    const seen = [
      button("Sign in"),
      button("availability-toggle-button"),
      button("Call"),
      { role: "textbox", name: "Number" } as const,
      button("availability-toggle-button"),
      button("Mute", { hidden: true, frame: ["#dialer"] }),
    ];
    expect(unmatched(seen, matchSteps(seen))).toEqual({
      names: [
        'button "availability-toggle-button"',
        'textbox "Number"',
        'button "Mute" in #dialer (hidden when looked)',
      ],
      more: 0,
    });
  });

  it("lists at most LISTED_MAX, and says how many more", () => {
    const seen = Array.from({ length: LISTED_MAX + 5 }, (_, i) => button(`option ${i}`));
    const { names, more } = unmatched(seen, []);
    expect(names).toHaveLength(LISTED_MAX);
    expect(names[0]).toBe('button "option 0"');
    expect(more).toBe(5);
  });
});
