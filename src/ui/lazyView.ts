/**
 * A view made on its first render. Until then the page holds the softphone's markup only as an
 * inert template, so creating its hundred elements (a dozen form controls) waits until after the
 * handshake instead of holding back the page's `load`, on which HubSpot sends SYNC. Values filled
 * before are kept and applied; the form reads as the fields will start.
 *
 * The first render is made in a task of its own (`defer`): a message to another site's frame
 * (INITIALIZED, posted just before) leaves only when the task that posted it ends, so making the
 * page in that task would hold INITIALIZED back by as long.
 */
import type { Form } from "../core/softphone";
import type { SoftphoneView } from "./view";

export function lazyView(
  make: () => SoftphoneView,
  initial: Form,
  defer: (task: () => void) => void = (task) => setTimeout(task),
): SoftphoneView {
  let view: SoftphoneView | null = null;
  let filled: Partial<Form> = {};
  let latest: Parameters<SoftphoneView["render"]>[0] | null = null;
  return {
    render(state) {
      if (view) return view.render(state);
      if (latest === null)
        defer(() => {
          view = make();
          view.fill(filled);
          if (latest) view.render(latest);
        });
      latest = state;
    },
    form: () => view?.form() ?? { ...initial, ...filled },
    fill(values) {
      if (view) view.fill(values);
      else filled = { ...filled, ...values };
    },
  };
}
