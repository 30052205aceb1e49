/**
 * A handler for every message the SDK routes, taken from the SDK's own routing table
 * (`Constants.messageHandlerNames`) plus its `defaultEventHandler`, each forwarding to one function
 * as a `HostEvent`: a handler the SDK adds is covered without a change here.
 */
import { Constants, type EventHandlers } from "@hubspot/calling-extensions-sdk";
import { isRecord } from "../../common/guards";
import type { HandlerName, HostEvent } from "./hostMessages";

const HANDLERS: readonly HandlerName[] = [
  ...new Set(Object.values(Constants.messageHandlerNames)),
  "defaultEventHandler",
];

export function createEventHandlers(receive: (event: HostEvent) => void): Required<EventHandlers> {
  const on = (handler: HandlerName) => (data: unknown, message: unknown) => {
    const type = isRecord(message) && typeof message.type === "string" ? message.type : "(no type)";
    // The SDK calls `onFailed` beside the specific handler of every `*_FAILED` message: pass it on
    // once, from the specific handler, unless the message is the generic FAILED itself.
    if (handler === "onFailed" && type !== "FAILED") return;
    receive({ handler, type, data });
  };
  return Object.fromEntries(
    HANDLERS.map((handler) => [handler, on(handler)]),
  ) as unknown as Required<EventHandlers>;
}
