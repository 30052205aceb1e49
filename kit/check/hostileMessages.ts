/**
 * What a broken or hostile page in HubSpot's place could send a calling app: values posted raw
 * (not even the SDK's envelope), and SDK messages whose payloads are wrong. An app must survive
 * every one without an uncaught error and keep working. Only values `postMessage` can carry.
 */

const MEGABYTE = "9".repeat(1_000_000);
const MARKUP = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';

/** Posted raw into the app's frame, from HubSpot's origin. */
export const HOSTILE_POSTS: readonly unknown[] = [
  null,
  undefined,
  0,
  "",
  "a string",
  MEGABYTE,
  [],
  [1, 2],
  {},
  { type: 42 },
  { type: null, data: {} },
  { type: "SYNC", hostUrl: "https://evil.example", messageId: "hostile_sync" },
  { type: "DIAL_NUMBER", messageId: "hostile_dial" },
  { type: MARKUP, messageId: "hostile_markup" },
];

/** SDK messages with wrong payloads, sent through the SDK's host code like HubSpot's own. */
export const HOSTILE_SENDS: readonly { type: string; data?: unknown }[] = [
  { type: "DIAL_NUMBER", data: null },
  { type: "DIAL_NUMBER", data: "+1 617-555-0101" },
  { type: "DIAL_NUMBER", data: { phoneNumber: MEGABYTE } },
  { type: "DIAL_NUMBER", data: { phoneNumber: MARKUP, objectId: "<b>1</b>" } },
  { type: "DIAL_NUMBER", data: { phoneNumber: { toString: null }, calleeInfo: [] } },
  { type: "CREATE_ENGAGEMENT_SUCCEEDED", data: { engagementId: "<b>7</b>" } },
  { type: "CREATE_ENGAGEMENT_FAILED", data: null },
  { type: "CALLER_ID_MATCH_SUCCEEDED", data: { callerIdMatches: "all of them" } },
  { type: "CALLER_ID_MATCH_FAILED", data: 42 },
  { type: "VISIBILITY_CHANGED", data: { isMinimized: "yes", isHidden: MEGABYTE } },
  { type: "UPDATE_ENGAGEMENT_SUCCEEDED", data: [] },
  { type: "NOT_A_HUBSPOT_MESSAGE", data: { text: MARKUP } },
];
