import { describe, expect, it } from "vitest";
import { appSteps } from "../../../kit/driver/appControls";

describe("the app fixture's steps, as a team's test takes them", () => {
  const controls = (problem: string | null, resetProblem: string | null, resets = false) => ({
    maps: (step: string) => step === "dial",
    do: async () => ({ problem, acted: problem === null }),
    reset: async () => resetProblem,
    resets,
  });

  it("resolve with whether a control was used, and say which steps are mapped", async () => {
    const app = appSteps(controls(null, null));
    await expect(app.do("dial")).resolves.toEqual({ acted: true });
    await expect(app.reset()).resolves.toBeUndefined();
    expect([app.maps("dial"), app.maps("answer")]).toEqual([true, false]);
  });

  it("throw where a step or the reset does not work, naming it and why", async () => {
    const app = appSteps(
      controls('button "Dial": no such control showed', "POST https://x/ answered 500"),
    );
    await expect(app.do("dial")).rejects.toThrow(
      'the step dial did not work: button "Dial": no such control showed',
    );
    await expect(app.reset()).rejects.toThrow(
      "the actions file's reset did not work: POST https://x/ answered 500",
    );
  });

  it("say, when the log-in never shows and nothing resets the app, that its backend may keep its user", async () => {
    const missing =
      'button "Sign in": locator.click: Timeout 15000ms exceeded. (no such control showed)';
    await expect(appSteps(controls(missing, null)).do("logIn")).rejects.toThrow(
      `the step logIn did not work: ${missing}; if the app's backend keeps its user across a reload (init signs in on it), map "reset" in the actions file to sign it out before each test`,
    );
    // With a reset mapped, or on another step, or another problem: the problem alone.
    for (const [problem, step, resets] of [
      [missing, "logIn", true],
      [missing.replace("Sign in", "Call"), "dial", false],
      [
        'button "Sign in": locator.click: Timeout 15000ms exceeded. (element is not enabled)',
        "logIn",
        false,
      ],
    ] as const)
      await expect(appSteps(controls(problem, null, resets)).do(step)).rejects.toThrow(
        new RegExp(
          `^the step ${step} did not work: ${problem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
        ),
      );
  });
});
