/**
 * How far back a courier handover looks: parcels printed this many days back are expected at a
 * pickup. When a shop starts handing parcels over, those printed longer before its first handover
 * were the shop's before it used handovers: they left when printed (the export, the late-shipping
 * guard and the dashboard count them as gone); those printed within the window must be handed over.
 */
export const HANDOVER_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** Parcels printed before this left without a handover, given the shop's first handover time. */
export const leftWithoutHandoverBefore = (firstHandoverAt: string): string =>
  new Date(Date.parse(firstHandoverAt) - HANDOVER_WINDOW_DAYS * DAY_MS).toISOString();
