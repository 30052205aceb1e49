import { describe, expect, it } from "vitest";
import type { CallState } from "../../src/core/callState";
import { initialState } from "../../src/core/callState";
import { createCallStore, restore, STORAGE_KEY } from "../../src/ui/callStore";

class MemoryStorage implements Storage {
  private values = new Map<string, string>();
  get length() {
    return this.values.size;
  }
  clear() {
    this.values.clear();
  }
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  key(index: number) {
    return [...this.values.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
}

const call = {
  direction: "OUTBOUND",
  externalCallId: "c1",
  toNumber: "+1 617",
  fromNumber: "+1 555",
  startedAt: 5,
  engagementId: 9,
} as const;
const connected: CallState = {
  ...initialState,
  host: "ready",
  phase: "connected",
  available: true,
  call: { ...call, answeredAt: 6 },
};

describe("createCallStore", () => {
  it("keeps the call in progress and login across a reload, waiting for a new handshake", () => {
    const storage = new MemoryStorage();
    createCallStore(() => storage).save(connected);
    const restored = createCallStore(() => storage).load();
    expect(restored).toEqual({ ...connected, host: "pending" });
  });

  it("a completed call is cleared", () => {
    const storage = new MemoryStorage();
    const store = createCallStore(() => storage);
    store.save(connected);
    store.save({ ...connected, phase: "ready", call: null, lastCall: connected.call });
    expect(createCallStore(() => storage).load()).toEqual({
      ...initialState,
      phase: "ready",
      available: true,
    });
  });

  it("degrades to memory when the browser refuses storage", () => {
    const store = createCallStore(() => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    });
    expect(store.persistent).toBe(false);
    expect(() => store.save(connected)).not.toThrow();
    expect(store.load()).toBe(initialState);
  });

  it("survives a full storage", () => {
    const storage = new MemoryStorage();
    const store = createCallStore(() => storage);
    storage.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    expect(() => store.save(connected)).not.toThrow();
  });

  it("restores nothing from damaged or foreign data", () => {
    const storage = new MemoryStorage();
    for (const raw of [
      "{",
      "null",
      '"x"',
      '{"phase":"flying"}',
      '{"phase":"connected","call":null}',
      '{"phase":"ready","call":{"direction":"OUTBOUND"}}',
    ]) {
      storage.setItem(STORAGE_KEY, raw);
      expect(createCallStore(() => storage).load(), raw).toBe(initialState);
    }
  });
});

describe("restore", () => {
  it("drops fields of the wrong type and keeps the rest", () => {
    const restored = restore({
      phase: "ended",
      call: { ...call, engagementId: "9", endStatus: "HUNG_UP", endedAt: 7 },
    });
    const { engagementId: _, ...withoutId } = call;
    expect(restored?.call).toEqual({ ...withoutId, endedAt: 7 });
  });
});
