/**
 * Demo data both pages share: the caller of the softphone's first inbound call, a number the
 * stand-in's CRM has on a record (Grace Hopper), so HubSpot's caller-ID match finds someone.
 * Fictional, as every 555-01xx number is.
 */
export const DEMO_CALLER = "+1 617-555-0102";
