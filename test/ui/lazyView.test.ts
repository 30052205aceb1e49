import { describe, expect, it } from "vitest";
import { initialSoftphone } from "../../src/core/softphone";
import { lazyView } from "../../src/ui/lazyView";
import { INITIAL_FORM, type SoftphoneView } from "../../src/ui/view";

function fakeView() {
  const calls: string[] = [];
  let form = { ...INITIAL_FORM, phoneNumber: "from the page" };
  const view: SoftphoneView = {
    render: () => calls.push("render"),
    form: () => form,
    fill: (values) => {
      calls.push(`fill ${JSON.stringify(values)}`);
      form = { ...form, ...values };
    },
  };
  return { view, calls };
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

  it("is made once, on the first render, gets what was filled, then passes everything on", () => {
    const fake = fakeView();
    let made = 0;
    const lazy = lazyView(() => {
      made++;
      return fake.view;
    }, INITIAL_FORM);
    lazy.fill({ fromNumber: "+1 555" });
    lazy.render(initialSoftphone());
    lazy.render(initialSoftphone());
    lazy.fill({ phoneNumber: "+1 617" });
    expect(made).toBe(1);
    expect(fake.calls).toEqual([
      'fill {"fromNumber":"+1 555"}',
      "render",
      "render",
      'fill {"phoneNumber":"+1 617"}',
    ]);
    expect(lazy.form().phoneNumber).toBe("+1 617");
  });
});
