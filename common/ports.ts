/** Where each server listens: the one place these numbers are written. */

/**
 * The softphone: `npm start` (the dev server) or `npm run preview` (the build). HubSpot's
 * `installDemoWidget: "local"` loads this address.
 */
export const SOFTPHONE_PORT = 9025;
/** `npm run host`: the HubSpot stand-in. */
export const HOST_PORT = 9026;
/**
 * The softphone's second server in the browser tests and the benchmark: the dev server, while the
 * build is served on `SOFTPHONE_PORT`.
 */
export const DEV_PORT = 9027;

/** A plain static host for the build under a sub-path, in the browser tests. */
export const STATIC_PORT = 9029;

/** The fixture calling app `npm run check` is tested on, in the browser tests. */
export const FIXTURE_PORT = 9030;

export const SOFTPHONE_URL = `https://localhost:${SOFTPHONE_PORT}/`;
export const HOST_URL = `https://localhost:${HOST_PORT}/`;
export const DEV_URL = `https://localhost:${DEV_PORT}/`;
/** `npm run demos`: HubSpot's own demo apps, built from a checkout, for `npm run check`. */
export const DEMOS_PORT = 9031;

/** A second stand-in in the browser tests: the first one restarted on the same settings file. */
export const RESTART_PORT = 9032;

export const FIXTURE_URL = `https://localhost:${FIXTURE_PORT}/`;

/** Nothing listens here: the browser tests of the check's "cannot load" message. */
export const UNUSED_PORT = 9033;

/** The kit's `host` command, run from its tarball in the browser tests. */
export const PACKAGE_HOST_PORT = 9034;

/** A calling app unlike the softphone (other labels, its own backend), for the tests of init. */
export const VENDOR_PORT = 9040;
export const VENDOR_URL = `https://localhost:${VENDOR_PORT}/`;

/** The vendor app again, as a team's own project serves it in the package's test. */
export const PACKAGE_APP_PORT = 9041;
