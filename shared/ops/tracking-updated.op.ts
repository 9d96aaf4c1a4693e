import { z } from 'zod';
import { trackingSources, trackingStates } from '../domain/tracking';
import { defineOp } from './define-op';
import { carrierCode, entityId, isoTime, text, trackingNo } from './fields';

const event = z.strictObject({
  at: isoTime,
  state: z.enum(trackingStates),
  text: text(300),
  /** The city the node happened in, '' when the provider did not say. */
  city: text(40),
});

const schema = z.strictObject({
  id: entityId,
  carrierCode,
  trackingNo,
  source: z.enum(trackingSources),
  /** The parcel's state now; null when the provider has no trace yet. */
  state: z.enum(trackingStates).nullable(),
  events: z.array(event).max(100),
  /** The destination city the provider reports ('' when it does not), for 物流信息不一致. */
  destCity: text(40),
  /** The carrier the provider says the number belongs to when it differs from ours (快递100 comNew), else null. */
  reportedCarrier: carrierCode.nullable(),
  /** When the provider's answer was read (hub) or the file imported (station). */
  at: isoTime,
});

/**
 * What a tracking provider (or an imported file) says about one parcel now: its state and its whole
 * trace as far as known (快递100 pushes the full trace each time; events are kept once per time and
 * text). The hub writes the providers' ones; a supervisor's station writes those from a CSV, so
 * tracking works with no internet at all.
 */
export const trackingUpdatedOp = defineOp({
  type: 'tracking.updated',
  version: 1,
  schema,
  maxBytes: 64 * 1024,
  role: (p: z.output<typeof schema>) => (p.source === 'csv' ? 'supervisor' : 'hub'),
  authorisable: true,
});
