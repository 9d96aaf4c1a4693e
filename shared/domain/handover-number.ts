import { beijingStamp } from './datetime';

/**
 * The number a courier reads off the sheet and a person says on the phone: the carrier, the
 * Beijing day the pickup started and four characters of the handover's id (its random end: the
 * id is a UUIDv7, whose start is its time), e.g. `YTO-20261207-9F3A`. Benches open handovers
 * offline, so no shop-wide counter can number them; two of one carrier on one day share a number
 * one time in 65,536, and the full id stays in the sheet's footer.
 */
export function handoverNumber(h: { id: string; carrierCode: string; openedAt: string }): string {
  const tail = h.id.replace(/-/g, '').slice(-4).toUpperCase();
  return `${h.carrierCode}-${beijingStamp(h.openedAt).slice(0, 8)}-${tail}`;
}
