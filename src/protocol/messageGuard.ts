/**
 * The SDK's message listener destructures `event.data` before any check, so a `postMessage(null)`
 * from any window makes it throw. This listener, added before the SDK's, stops such messages.
 */
export function guardSdkListener(win: Window): void {
  win.addEventListener("message", (event) => {
    if (event.data === null || event.data === undefined) event.stopImmediatePropagation();
  });
}
