/**
 * The scenarios `npm run check` runs: HubSpot's side is scripted, the user's side goes through the
 * actions file. Every scenario starts with the handshake (the stand-in frames the app and waits for
 * INITIALIZED) in a fresh browser profile; every message is checked by the stand-in's conformance
 * rules on the way. `security` is not a list of steps and is run apart.
 */

import { MESSAGE } from "../../common/protocol";
import type {
  Expected,
  Fault,
  HubSpotStep,
  PlannedStep,
  UserStep,
  Visibility,
} from "../../common/steps";
import { RECORDS } from "../stand-in/crm";
import { HOSTILE_POSTS, HOSTILE_SENDS } from "./hostileMessages";

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly PlannedStep[];
}

const first = RECORDS[0];
if (!first) throw new Error("the stand-in's CRM has no record");
/** The record HubSpot's user calls: the first in the stand-in's CRM. */
const CALLEE = { record: first.objectId, phone: first.phones[0] ?? "" };

const user = (step: UserStep, optional = false): PlannedStep => ({
  step: { by: "user", step, ...(optional ? { optional } : {}) },
  // What a user's step brings is read from the trace (check/trace.ts `happened`).
  expect: [],
});
const hubspot = (step: HubSpotStep, ...expect: string[]): PlannedStep => ({
  step: { by: "hubspot", step },
  expect: expect.map((type): Expected => ({ type })),
});
const call = (): PlannedStep => hubspot({ kind: "call", ...CALLEE });
const fault = (name: Fault, on: boolean) => hubspot({ kind: "fault", fault: name, on });
const widget = (to: Visibility) => hubspot({ kind: "visibility", to });

/**
 * HubSpot's user clicks Call on a record; the app's user dials (a click-to-call app has already),
 * and the callee answers (by a click, or by the network: the call goes on answered or not).
 */
const OUTBOUND_UNTIL_ANSWERED = [call(), user("dial"), user("answer", true)];
const END_AND_COMPLETE = [user("end"), user("complete")];

export const SCENARIOS: readonly Scenario[] = [
  {
    id: "handshake",
    title: "Handshake: SYNC answered, INITIALIZED sent with valid fields",
    steps: [],
  },
  {
    id: "outbound",
    title: "Outbound call from a record: log in, dial, answer, end, complete",
    steps: [user("logIn"), ...OUTBOUND_UNTIL_ANSWERED, ...END_AND_COMPLETE],
  },
  {
    id: "inbound",
    title: "Inbound call: log in, a call comes in, answer, end, complete",
    steps: [
      user("logIn"),
      // Apps that route inbound calls only to available users have a control for it.
      user("available", true),
      user("incomingCall"),
      user("answer", true),
      ...END_AND_COMPLETE,
    ],
  },
  {
    id: "hubspot-ends",
    title: "HubSpot ends the call (END_CALL): the app reports CALL_ENDED, then completes",
    steps: [
      user("logIn"),
      ...OUTBOUND_UNTIL_ANSWERED,
      hubspot({ kind: "send", type: MESSAGE.END_CALL }, MESSAGE.CALL_ENDED),
      user("complete"),
    ],
  },
  {
    id: "engagement-failures",
    title: "Engagement failures: HubSpot cannot create, then cannot update, and the calls go on",
    steps: [
      fault("failCreate", true),
      user("logIn"),
      ...OUTBOUND_UNTIL_ANSWERED,
      ...END_AND_COMPLETE,
      fault("failCreate", false),
      fault("failUpdate", true),
      ...OUTBOUND_UNTIL_ANSWERED,
      ...END_AND_COMPLETE,
    ],
  },
  {
    id: "hubspot-quirks",
    title:
      "HubSpot's quirks: one click on Call delivers DIAL_NUMBER twice, with objectId 0; the app places one call",
    steps: [
      user("logIn"),
      fault("dialTwice", true),
      fault("objectIdZero", true),
      ...OUTBOUND_UNTIL_ANSWERED,
      ...END_AND_COMPLETE,
    ],
  },
  {
    id: "reload",
    title:
      "Reload mid-call: HubSpot loads the app again during a call, which is then ended and completed",
    steps: [
      user("logIn"),
      ...OUTBOUND_UNTIL_ANSWERED,
      hubspot({ kind: "reload" }, MESSAGE.INITIALIZED),
      ...END_AND_COMPLETE,
    ],
  },
  {
    id: "visibility",
    title: "Visibility changes: the widget minimised, hidden and shown again, then a call",
    steps: [
      user("logIn"),
      widget("minimised"),
      widget("hidden"),
      widget("visible"),
      ...OUTBOUND_UNTIL_ANSWERED,
      ...END_AND_COMPLETE,
    ],
  },
  {
    id: "hostile-payloads",
    title: "Hostile host payloads: garbage, markup and megabyte strings, then a normal call",
    steps: [
      user("logIn"),
      ...HOSTILE_POSTS.map((value) => hubspot({ kind: "post", value })),
      ...HOSTILE_SENDS.map(({ type, data }) => hubspot({ kind: "send", type, data })),
      ...OUTBOUND_UNTIL_ANSWERED,
      ...END_AND_COMPLETE,
    ],
  },
];

/** Checked apart: the app's `frame-ancestors`, and whether it initialises in an untrusted host. */
export const SECURITY = {
  id: "security",
  title: "Security: frame-ancestors, and no INITIALIZED inside an untrusted host",
} as const;

export const SCENARIO_IDS: readonly string[] = [...SCENARIOS.map((s) => s.id), SECURITY.id];

/** HubSpot's quirks a scenario can be played with, beside its own (`--quirk` names them kebab-case). */
export const QUIRKS = { "engagement-created": "engagementCreated" } as const;
export type Quirk = (typeof QUIRKS)[keyof typeof QUIRKS];
