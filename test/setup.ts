// The SDK's webpack bundle reads the browser global `self` when it is imported; Node has none.
(globalThis as { self?: unknown }).self ??= globalThis;
