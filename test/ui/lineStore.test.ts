import { describe, expect, it } from "vitest";
import { createLineStore, LINE_KEY } from "../../src/ui/lineStore";

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

describe("the line store", () => {
  it("remembers the line last called from", () => {
    const storage = memoryStorage();
    const store = createLineStore(() => storage);
    expect(store.last()).toBeNull();
    store.save("+1 555-010-0001");
    expect(store.last()).toBe("+1 555-010-0001");
    expect(storage.getItem(LINE_KEY)).toBe("+1 555-010-0001");
  });

  it("works, remembering nothing, where the browser refuses storage", () => {
    const store = createLineStore(() => {
      throw new DOMException("blocked", "SecurityError");
    });
    expect(() => store.save("+1 555-010-0001")).not.toThrow();
    expect(store.last()).toBeNull();
  });
});
