/**
 * A test whose verdict is a wait (an app that rightly stays silent, a control that never comes, a
 * slow start) keeps a core idle while it waits. Tagged so, it runs in a lane of its own beside the
 * CPU-bound tests (playwright.config.ts), instead of leaving one of their cores idle.
 */
export const WAITS = "@waits";
