import { describe, expect, it } from "vitest";
import { appSteps } from "../../../kit/driver/appControls";

describe("the app fixture's steps, as a team's test takes them", () => {
  const controls = (problem: string | null, resetProblem: string | null) => ({
    maps: (step: string) => step === "dial",
    do: async () => ({ problem, acted: problem === null }),
    reset: async () => resetProblem,
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
});
