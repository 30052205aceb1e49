/** DOM helpers both pages use. Data reaches the page only as text. */

/**
 * One delegated listener for every `data-action` button under `root`, so the markup declares
 * what each button does and nothing else binds clicks.
 */
export function bindActions(
  root: HTMLElement,
  handlers: Readonly<Record<string, (button: HTMLButtonElement) => void>>,
): void {
  root.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
    if (!(target instanceof HTMLButtonElement) || target.disabled) return;
    handlers[target.dataset.action ?? ""]?.(target);
  });
}

/** Fills a `<select>` (first one selected) or a `<datalist>` with `values`. */
export function fillOptions(
  select: HTMLSelectElement | HTMLDataListElement,
  values: readonly string[],
): void {
  const doc = select.ownerDocument;
  select.replaceChildren(
    ...values.map((value) => {
      const option = doc.createElement("option");
      option.value = value;
      option.textContent = value;
      return option;
    }),
  );
}

/** An element holding `text` as text. */
export function element(doc: Document, tag: string, text: string, className?: string): HTMLElement {
  const node = doc.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Finds each element once: some are updated for every host message, and those come in floods. */
export function finder(root: ParentNode): <T extends Element = HTMLElement>(selector: string) => T {
  const found = new Map<string, Element>();
  return <T extends Element>(selector: string): T => {
    const element = found.get(selector) ?? root.querySelector<T>(selector);
    if (!element) throw new Error(`The page has no ${selector}`);
    found.set(selector, element);
    return element as T;
  };
}

/** Offers `text` as a JSON file to save, named `name` (a click's download, from any frame). */
export function download(doc: Document, name: string, text: string): void {
  const link = doc.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
