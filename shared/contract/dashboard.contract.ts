import { z } from 'zod';
import { damageReasons } from '../ops/damage-reported.op';
import { procedure } from '../rpc/define';
import { isoDateSchema, nameSaidSchema } from './common';

/** Today, the last 7 or the last 30 days, in Beijing days (the shop's day), up to now. */
export const dashboardRanges = ['today', '7d', '30d'] as const;
export type DashboardRange = (typeof dashboardRanges)[number];

/** Item scans that count against a packer: a wrong item, an over-scan, an unknown barcode, a forced line. */
export const scanErrorKinds = ['wrong_item', 'over_scan', 'unknown_barcode', 'forced'] as const;
export type ScanErrorKind = (typeof scanErrorKinds)[number];

const count = z.number().int().nonnegative();
/** A Beijing calendar day, 'yyyy-MM-dd'. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const packerStatsSchema = z.object({
  packerId: z.string().nullable(),
  /** The user's name; null when nobody was logged in or the user is unknown here. */
  name: nameSaidSchema.nullable(),
  /** Orders shipped (complete parcels, not voided) and units verified in the range. */
  orders: count,
  units: count,
  /** Time spent scanning: gaps between a packer's scans, each counted up to 5 minutes. */
  activeMinutes: z.number().nonnegative(),
  ordersPerHour: z.number().nonnegative().nullable(),
  unitsPerHour: z.number().nonnegative().nullable(),
  /** Seconds from one item scan to the next within an order; null with fewer than two. */
  secondsPerScan: z.number().nonnegative().nullable(),
  /** Item scans: right ones and every error kind. */
  itemScans: count,
  errors: z.record(z.enum(scanErrorKinds), count),
});
export type PackerStats = z.infer<typeof packerStatsSchema>;

export const dashboardSchema = z.object({
  range: z.enum(dashboardRanges),
  from: isoDateSchema,
  to: isoDateSchema,
  /** The Beijing days of the range, oldest first (every series has one point per day). */
  days: z.array(day),
  /**
   * Shipped: orders that became shipped in the range (their first complete parcel left then), the
   * Orders screen's 已发货; partial: orders a partial parcel left for in the range that still wait for
   * the rest; parcels: every live parcel of the range, partial ones too. Awaiting and late are now
   * (open orders, not blocked). Once the shop hands parcels over, a parcel leaves when handed over:
   * late and shippedLate go by that time. doubleShipped is now: orders shipped at two benches whose
   * ship.double conflict no supervisor has closed (the shipped figure counts each once, its parcels twice).
   * handedOver: of those parcels, the ones a courier took at a handover (交接); null while the shop
   * hands nothing over (then a printed parcel is a shipped one, and nothing more is said).
   */
  kpi: z.object({
    shipped: count, partial: count, parcels: count, handedOver: count.nullable(), awaiting: count, late: count, shippedLate: count, doubleShipped: count,
  }),
  /** Orders that became shipped per Beijing day (they add up to kpi.shipped). */
  shippedByDay: z.array(count),
  /** Orders that became shipped per Beijing hour of day (0–23), over the range. */
  shippedByHour: z.array(count).length(24),
  /** Orders whose deadline fell on the day and that shipped after it, or are still open past it. */
  lateByDay: z.array(count),
  packers: z.array(packerStatsSchema),
  carriers: z.array(z.object({ carrierCode: z.string(), parcels: count })),
  damage: z.object({
    reports: count,
    /** Reports per day, per reason code (one array per reason, aligned with `days`). */
    byDay: z.record(z.enum(damageReasons), z.array(count)),
    bySku: z.array(z.object({ skuCode: z.string(), name: z.string().nullable(), reports: count, units: count })),
    /** By the carrier of the parcel the report names; null: no parcel (found on the shelf, at the bench). */
    byCarrier: z.array(z.object({ carrierCode: z.string().nullable(), reports: count })),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const dashboardContract = {
  /** The supervisor's figures over a range, shop-wide when paired (computed from the replicated scans, parcels and reports). */
  'dashboard.get': procedure(z.strictObject({ range: z.enum(dashboardRanges).default('today') }), dashboardSchema),
} as const;
