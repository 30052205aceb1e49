/**
 * A view made on its first render. Until then the page holds the softphone's markup only as an
 * inert template, so creating its hundred elements (a dozen form controls) waits until after the
 * handshake instead of holding back the page's `load`, on which HubSpot sends SYNC. Values filled
 * before are kept and applied; the form reads as the fields will start.
 */
import type { Form } from "../core/softphone";
import type { SoftphoneView } from "./view";

export function lazyView(make: () => SoftphoneView, initial: Form): SoftphoneView {
  let view: SoftphoneView | null = null;
  let filled: Partial<Form> = {};
  return {
    render(state) {
      if (!view) {
        view = make();
        view.fill(filled);
      }
      view.render(state);
    },
    form: () => view?.form() ?? { ...initial, ...filled },
    fill(values) {
      if (view) view.fill(values);
      else filled = { ...filled, ...values };
    },
  };
}
