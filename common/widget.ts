/** HubSpot's calling widget is about this size: the softphone asks for it, the stand-in frames it. */
export const WIDGET_SIZE = { width: 400, height: 650 } as const;

/** The sizes the softphone lets its user ask for with Resize. */
export const MIN_WIDGET_SIDE = 200;
export const MAX_WIDGET_SIDE = 2_000;

/**
 * The frame sizes the stand-in applies, from settings or RESIZE_WIDGET: an app asking for a frame
 * a billion pixels wide, or of negative height, gets a conformance note and no resize.
 */
export const FRAME_SIDE = { min: 100, max: 4_000 } as const;

export const isFrameSide = (value: unknown): value is number =>
  typeof value === "number" &&
  Number.isFinite(value) &&
  value >= FRAME_SIDE.min &&
  value <= FRAME_SIDE.max;
