/** Fakes for the softphone's collaborators: an SDK that records what it was asked to send, and a view. */
import type { HubSpotMethods } from "../src/appMessages";
import type { CallState } from "../src/callState";
import type { HostEvent } from "../src/hostMessages";
import { MessageLog } from "../src/messageLog";
import { createSoftphone, type SoftphoneDeps } from "../src/softphone";
import type { ErrorSlot, FieldName, Output, SoftphoneView } from "../src/view";

export type Sent = { method: keyof HubSpotMethods; payload: unknown };

export function fakeSdk(sent: Sent[]): HubSpotMethods {
  const record = (method: keyof HubSpotMethods) => (payload?: unknown) => {
    sent.push({ method, payload });
  };
  const methods: (keyof HubSpotMethods)[] = [
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
  return Object.fromEntries(methods.map((m) => [m, record(m)])) as unknown as HubSpotMethods;
}

export class FakeView implements SoftphoneView {
  fields: Record<FieldName, string> = {
    phoneNumber: "+1 617-555-0101",
    fromNumber: "+1 555-010-0000",
    endStatus: "COMPLETED",
    notes: "",
    callerNumber: "+1 617-555-0102",
    errorMessage: "",
    width: "400",
    height: "650",
    widgetUrl: "",
  };
  errors: Partial<Record<ErrorSlot, string>> = {};
  notices: { message: string; kind: string }[] = [];
  outputs: Partial<Record<Output, string>> = {};
  state: CallState | undefined;
  render(state: CallState) {
    this.state = state;
  }
  field(name: FieldName) {
    return this.fields[name];
  }
  setField(name: FieldName, value: string) {
    this.fields[name] = value;
  }
  showError(slot: ErrorSlot, message: string) {
    this.errors[slot] = message;
  }
  notify(message: string, kind = "info") {
    this.notices.push({ message, kind });
  }
  clearFailure() {}
  show(output: Output, text: string) {
    this.outputs[output] = text;
  }
  showOutside() {}
  callingWindowShown = false;
  showCallingWindow(shown: boolean) {
    this.callingWindowShown = shown;
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
    trustedHosts: ["https://*.hubspot.com"],
    sizeInfo: () => ({ width: 400, height: 650 }),
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
