/** The trusted host patterns, fixed at build time from `SOFTPHONE_TRUSTED_HOSTS` (vite.config.ts). */
declare const __TRUSTED_HOSTS__: readonly string[];
