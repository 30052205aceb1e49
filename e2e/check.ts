/** What the check's browser tests share. */

/** Every scenario, in the check's order, written out here rather than read from the code under test. */
export const ALL_SCENARIOS = [
  "handshake",
  "outbound",
  "inbound",
  "hubspot-ends",
  "engagement-failures",
  "hubspot-quirks",
  "reload",
  "visibility",
  "hostile-payloads",
  "security",
] as const;

/** The fixture calling app's actions files (e2e/fixtures/calling-app). */
export const FIXTURE_ACTIONS = "e2e/fixtures/calling-app/actions.json";
export const NESTED_ACTIONS = "e2e/fixtures/calling-app/actions-nested.json";
export const BACKEND_ACTIONS = "e2e/fixtures/calling-app/actions-backend.json";
