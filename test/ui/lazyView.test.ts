import { describe, expect, it } from "vitest";
import { initialSoftphone, type SoftphoneState } from "../../src/core/softphone";
import { lazyView } from "../../src/ui/lazyView";
import { INITIAL_FORM, type SoftphoneView } from "../../src/ui/view";

function fakeView() {
  const calls: string[] = [];
  const rendered: SoftphoneState[] = [];
  let form = { ...INITIAL_FORM, phoneNumber: "from the page" };
  const view: SoftphoneView = {
    render: (state) => {
      calls.push("render");
      rendered.push(state);
    },
    form: () => form,
    fill: (values) => {
      calls.push(`fill ${JSON.stringify(values)}`);
      form = { ...form, ...values };
    },
  };
  return { view, calls, rendered };
}

describe("the page made on its first render", () => {
  it("is not made before, and reads as its fields will start, with what was filled", () => {
    let made = 0;
    const lazy = lazyView(() => {
      made++;
      return fakeView().view;
    }, INITIAL_FORM);
    lazy.fill({ fromNumber: "+1 555-010-0000" });
    expect(made).toBe(0);
    expect(lazy.form()).toEqual({ ...INITIAL_FORM, fromNumber: "+1 555-010-0000" });
    expect(INITIAL_FORM.endStatus).toBe("COMPLETED");
  });

  it("is made once, in a task after the first render, with what was filled and the latest state", () => {
    const fake = fakeView();
    const tasks: (() => void)[] = [];
    let made = 0;
    const lazy = lazyView(
      () => {
        made++;
        return fake.view;
      },
      INITIAL_FORM,
      (task) => tasks.push(task),
    );
    lazy.fill({ fromNumber: "+1 555" });
    const first = initialSoftphone();
    const latest = { ...first, notice: "latest" };
    lazy.render(first);
    lazy.render(latest);
    // Not in the task that rendered (and posted INITIALIZED just before): in one of its own.
    expect(made).toBe(0);
    expect(tasks).toHaveLength(1);
    tasks[0]?.();
    lazy.render(latest);
    lazy.fill({ phoneNumber: "+1 617" });
    expect(made).toBe(1);
    expect(fake.calls).toEqual([
      'fill {"fromNumber":"+1 555"}',
      "render",
      "render",
      'fill {"phoneNumber":"+1 617"}',
    ]);
    expect(fake.rendered[0]).toBe(latest);
    expect(lazy.form().phoneNumber).toBe("+1 617");
  });
});
