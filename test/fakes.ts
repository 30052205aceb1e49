/**
 * Fakes for the softphone's collaborators: an SDK that records what it was asked to send, and a
 * view that holds the form's fields and the last state rendered.
 */
import { MessageLog } from "../common/messageLog";
import { callingWindowFor, type Form, type SoftphoneState } from "../src/core/softphone";
import type { HubSpotMethods } from "../src/protocol/appMessages";
import type { HostEvent } from "../src/protocol/hostMessages";
import { createSoftphone, type SoftphoneDeps } from "../src/shell";
import type { SoftphoneView } from "../src/ui/view";

export type Sent = { method: keyof HubSpotMethods; payload: unknown };

/** Every SDK method the softphone may call, written out: the SDK's method names, not the app's table. */
const SDK_METHODS: readonly (keyof HubSpotMethods)[] = [
  "initialized",
  "userLoggedIn",
  "userLoggedOut",
  "userAvailable",
  "userUnavailable",
  "outgoingCall",
  "incomingCall",
  "callAnswered",
  "callEnded",
  "callCompleted",
  "callTransferred",
  "finalizeEngagement",
  "publishToChannel",
  "callData",
  "navigateToRecord",
  "sendError",
  "resizeWidget",
  "setWidgetUrl",
];

export function fakeSdk(sent: Sent[]): HubSpotMethods {
  const record = (method: keyof HubSpotMethods) => (payload?: unknown) => {
    sent.push({ method, payload });
  };
  return Object.fromEntries(SDK_METHODS.map((m) => [m, record(m)])) as unknown as HubSpotMethods;
}

/** A form as a user would leave it before a call: both numbers filled. */
export const FORM: Form = {
  phoneNumber: "+1 617-555-0101",
  fromNumber: "+1 555-010-0000",
  endStatus: "COMPLETED",
  notes: "",
  callerNumber: "+1 617-555-0102",
  errorMessage: "",
  width: "400",
  height: "650",
  widgetUrl: "",
  openIn: "CURRENT_TAB",
};

export class FakeView implements SoftphoneView {
  fields: { -readonly [K in keyof Form]: string } = { ...FORM };
  state: SoftphoneState | undefined;
  render(state: SoftphoneState) {
    this.state = state;
  }
  form(): Form {
    return { ...this.fields };
  }
  fill(values: Partial<Form>) {
    Object.assign(this.fields, values);
  }
  /** The inline errors the page would show. */
  get errors() {
    return this.state?.errors ?? {};
  }
  get callingWindowShown() {
    return this.state !== undefined && callingWindowFor(this.state) !== null;
  }
}

export function setup(overrides: Partial<SoftphoneDeps> = {}) {
  const sent: Sent[] = [];
  const view = new FakeView();
  const log = new MessageLog();
  let ids = 0;
  const softphone = createSoftphone({
    hubspot: fakeSdk(sent),
    view,
    log,
    config: {
      trustedHosts: ["https://*.hubspot.com"],
      sizeInfo: { width: 400, height: 650 },
      canRelay: overrides.relay !== undefined,
    },
    now: () => 1_000,
    newCallId: () => `call-${++ids}`,
    ...overrides,
  });
  const receive = (handler: HostEvent["handler"], type: string, data?: unknown) =>
    softphone.receive({ handler, type, data });
  const ready = () =>
    receive("onReady", "READY", { hostUrl: "https://app.hubspot.com", portalId: 1 });
  return { softphone, sent, view, log, receive, ready };
}
