/** HubSpot's calling widget is about this size: the softphone asks for it, the stand-in frames it. */
export const WIDGET_SIZE = { width: 400, height: 650 } as const;

/** The sizes the softphone lets its user ask for with Resize. */
export const MIN_WIDGET_SIDE = 200;
export const MAX_WIDGET_SIDE = 2_000;
