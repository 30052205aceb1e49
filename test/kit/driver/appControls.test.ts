import type { APIRequestContext, FrameLocator } from "@playwright/test";
import { describe, expect, it } from "vitest";
import type { Actions } from "../../../kit/driver/actions";
import { AppControls, controlProblem, pollGap } from "../../../kit/driver/appControls";

/** Playwright 1.65's own messages for a click that timed out, as it wrote them (ANSI codes kept). */
const dim = (line: string) => `\u001b[2m${line}\u001b[22m`;
const clickTimedOut = (...log: string[]) =>
  new Error(`locator.click: Timeout 1500ms exceeded.\nCall log:\n${log.map(dim).join("\n")}\n`);

describe("Why a control could not be used", () => {
  it("says a disabled control is not enabled, past Playwright's retries", () => {
    const error = clickTimedOut(
      "  - waiting for getByRole('button', { name: 'Log in' })",
      "    - locator resolved to <button disabled>Log in</button>",
      "  - attempting click action",
      "    2 × waiting for element to be visible, enabled and stable",
      "      - element is not enabled",
      "    - retrying click action",
      "    - waiting 20ms",
      "    2 × waiting for element to be visible, enabled and stable",
      "      - element is not enabled",
      "    - retrying click action",
      "      - waiting 500ms",
    );
    expect(controlProblem(error)).toBe(
      "locator.click: Timeout 1500ms exceeded. (element is not enabled)",
    );
  });

  it("names what covers a control", () => {
    const error = clickTimedOut(
      "  - waiting for getByRole('button', { name: 'Cover' })",
      "    - locator resolved to <button>Cover</button>",
      "  - attempting click action",
      "    2 × waiting for element to be visible, enabled and stable",
      "      - element is visible, enabled and stable",
      "      - scrolling into view if needed",
      "      - done scrolling",
      "      - <div></div> intercepts pointer events",
      "    - retrying click action",
      "      - waiting 100ms",
    );
    expect(controlProblem(error)).toBe(
      "locator.click: Timeout 1500ms exceeded. (<div></div> intercepts pointer events)",
    );
  });

  it("keeps what covers a control when the call log names it at length (the reason is at the end)", () => {
    const input = `<input value="+1" class="${"sc-x ".repeat(20)}" data-test-id="dial-number-input"/>`;
    const error = clickTimedOut(
      "  - waiting for getByRole('button', { name: 'available-option', exact: true })",
      "    - locator resolved to <button>available-option</button>",
      "  - attempting click action",
      `      - ${input} from <div class="${"dropdown ".repeat(10)}">…</div> subtree intercepts pointer events`,
      "    - retrying click action",
    );
    const problem = controlProblem(error);
    expect(problem).toMatch(/^locator\.click: Timeout 1500ms exceeded\. \(<input value="\+1" /);
    expect(problem).toMatch(/…<\/div> subtree intercepts pointer events\)$/);
    expect(problem).toContain("characters) …");
    expect(problem.length).toBeLessThan(300);
  });

  it("says when no such control showed at all", () => {
    const error = clickTimedOut("  - waiting for getByRole('button', { name: 'Missing' })");
    expect(controlProblem(error)).toBe(
      "locator.click: Timeout 1500ms exceeded. (no such control showed)",
    );
  });

  it("keeps an error with no call log to its first line, and never throws on what was thrown", () => {
    expect(controlProblem(new Error("Target closed\nmore"))).toBe("Target closed");
    expect(controlProblem({ toString: null })).toBe("an object");
    const hostile = new Error("x");
    Object.defineProperty(hostile, "message", {
      get() {
        throw new Error("no");
      },
    });
    expect(controlProblem(hostile)).toBe("an Error");
  });
});

describe("How often a control is looked for", () => {
  it("every 50 ms in the first two seconds, then 50 ms less often each second, up to 250 ms", () => {
    expect([0, 999, 1_999, 2_000, 3_500, 4_000, 5_000, 15_000, 60_000].map(pollGap)).toEqual([
      50, 50, 50, 100, 150, 200, 250, 250, 250,
    ]);
  });
});

describe("A control used only if it shows (ifPresent)", () => {
  /**
   * An app's frame whose controls never show: the page's wait for one has not ended yet (it never
   * does here), so only the step being done can end it. Counts each wait and each click.
   */
  function neverShowing() {
    const seen = { waits: 0, clicks: 0 };
    const control = {
      first: () => control,
      nth: () => control,
      waitFor: () => {
        seen.waits++;
        return new Promise<void>(() => {});
      },
      click: async () => {
        seen.clicks++;
      },
    };
    const frame = { getByRole: () => control, getByLabel: () => control, getByText: () => control };
    return { frame: frame as unknown as FrameLocator, seen };
  }
  const request = {} as APIRequestContext;
  const actions = {
    answer: [{ role: "button", name: "Pick up", ifPresent: true }],
    end: [{ role: "button", name: "Hang up" }],
  } as const satisfies Actions;

  it("is waited for no longer once the app has done the step, and nothing is used after", async () => {
    const { frame, seen } = neverShowing();
    const controls = new AppControls(frame, actions, request, 5_000);
    let looks = 0;
    // The app answers its outbound call by itself while its Pick up is waited for.
    const done = () => ++looks > 2;
    expect(await controls.do("answer", done)).toEqual({ problem: null, acted: false });
    expect(seen).toEqual({ waits: 1, clicks: 0 });
    // A step already done uses none of its controls.
    expect(await controls.do("end", () => true)).toEqual({ problem: null, acted: false });
    expect(seen).toEqual({ waits: 1, clicks: 0 });
  });
});

describe("A panel's toggle (opens)", () => {
  it("taken as open because the control after it shows, then that control cannot be clicked: said", async () => {
    const clicked: string[] = [];
    const control = (name: string) => {
      const self = {
        first: () => self,
        nth: () => self,
        waitFor: async () => {},
        getAttribute: async () => null,
        // The option is in the page while its panel is closed: shown, and covered.
        isVisible: async () => true,
        click: async () => {
          if (name === "available-option")
            throw new Error("locator.click: Timeout 15000ms exceeded.");
          clicked.push(name);
        },
      };
      return self;
    };
    const frame = {
      getByRole: (_role: string, { name }: { name: string }) => control(name),
    } as unknown as FrameLocator;
    const actions = {
      available: [
        { role: "button", name: "availability-toggle-button", opens: true },
        { role: "button", name: "available-option" },
      ],
    } as const satisfies Actions;
    const controls = new AppControls(frame, actions, {} as APIRequestContext, 5_000);
    const { problem, acted } = await controls.do("available");
    expect(clicked).toEqual([]);
    expect(acted).toBe(false);
    expect(problem).toContain(
      'button "available-option": locator.click: Timeout 15000ms exceeded.',
    );
    expect(problem).toContain(
      'button "availability-toggle-button" was not clicked, its panel taken as open',
    );
    expect(problem).toContain('leave "opens" out');
  });
});
