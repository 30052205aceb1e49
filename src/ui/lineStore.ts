/**
 * Remembers the From number the user last called from, in `localStorage` where the browser allows
 * it. In HubSpot's cross-site frame, browsers that block third-party storage throw on the first
 * touch: the softphone then offers its first line every time.
 */
export interface LineStore {
  last(): string | null;
  save(line: string): void;
}

export const LINE_KEY = "hubspot-calling-softphone:fromNumber";

/** `storage` is a getter, because reading `window.localStorage` is what throws. */
export function createLineStore(storage: () => Storage): LineStore {
  const guarded = <T>(use: (store: Storage) => T, fallback: T): T => {
    try {
      return use(storage());
    } catch {
      return fallback;
    }
  };
  return {
    last: () => guarded((store) => store.getItem(LINE_KEY), null),
    save: (line) => guarded((store) => store.setItem(LINE_KEY, line), undefined),
  };
}
