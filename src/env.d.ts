/** The trusted host patterns, fixed at build time from `SOFTPHONE_TRUSTED_HOSTS` (vite.config.ts). */
declare const __TRUSTED_HOSTS__: readonly string[];
/** The user's phone lines, fixed at build time from `SOFTPHONE_LINES` (vite.config.ts). */
declare const __LINES__: readonly string[];
