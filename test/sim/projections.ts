import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * What a replica believes about the shop, in one shape for a station, the hub and the reference
 * model, so invariant 12 (convergence) is a digest comparison. Keys are sorted and zero stock
 * balances dropped, so two encodings of one state are byte-equal.
 */
export type Projection = {
  /** order id → "generation.rank" */
  status: Record<string, string>;
  /** order id → the station whose claim the hub ordered first */
  claims: Record<string, string>;
  /** sku → on hand (the shelf) */
  stock: Record<string, number>;
  /** sku → units kept apart as damaged (written off, returned defective) */
  damaged: Record<string, number>;
  /** "flagId|open" or "flagId|resolved: <resolution>" for every flag */
  flags: string[];
  /** "shipmentId|orderId|live|void" */
  shipments: string[];
};

type Db = Database.Database;

export function stationProjection(db: Db): Projection {
  const status = db.prepare('SELECT id, status_generation AS g, status_rank AS r FROM orders').all() as { id: string; g: number; r: number }[];
  const claims = db.prepare('SELECT order_id AS id, station_id AS s FROM order_claims').all() as { id: string; s: string }[];
  const bucket = db.prepare('SELECT sku_code AS sku, sum(delta) AS n FROM stock_ledger WHERE bucket = ? GROUP BY sku_code');
  const stock = bucket.all('sellable') as { sku: string; n: number }[];
  const damaged = bucket.all('damaged') as { sku: string; n: number }[];
  const flags = db.prepare('SELECT flag_id AS id, resolution AS r FROM flags').all() as { id: string; r: string | null }[];
  const shipments = db.prepare('SELECT id, order_id AS o, voided_at IS NOT NULL AS v FROM shipments').all() as { id: string; o: string; v: number }[];
  return normalise({
    status: Object.fromEntries(status.map((o) => [o.id, `${o.g}.${o.r}`])),
    claims: Object.fromEntries(claims.map((c) => [c.id, c.s])),
    stock: Object.fromEntries(stock.map((s) => [s.sku, s.n])),
    damaged: Object.fromEntries(damaged.map((s) => [s.sku, s.n])),
    flags: flags.map((f) => flagKey(f.id, f.r)),
    shipments: shipments.map((s) => shipmentKey(s.id, s.o, s.v === 1)),
  });
}

/** order id → the bench's state (open / shipped): a station-only view, compared between stations. */
export const packStates = (db: Db): Record<string, string> =>
  Object.fromEntries((db.prepare('SELECT id, pack_state AS s FROM orders ORDER BY id').all() as { id: string; s: string }[]).map((o) => [o.id, o.s]));

export function hubProjection(db: Db): Projection {
  const orders = db.prepare('SELECT order_id AS id, generation AS g, rank AS r, claim_station AS s FROM hub_orders').all() as { id: string; g: number; r: number; s: string | null }[];
  const stock = db.prepare('SELECT sku_code AS sku, balance AS n FROM hub_sku_balance').all() as { sku: string; n: number }[];
  const damaged = db.prepare("SELECT sku_code AS sku, sum(delta) AS n FROM hub_stock WHERE bucket = 'damaged' GROUP BY sku_code").all() as { sku: string; n: number }[];
  const flags = db.prepare('SELECT flag_id AS id, resolution AS r FROM hub_flags').all() as { id: string; r: string | null }[];
  const shipments = db.prepare('SELECT shipment_id AS id, order_id AS o, voided AS v FROM hub_shipments').all() as { id: string; o: string; v: number }[];
  return normalise({
    status: Object.fromEntries(orders.map((o) => [o.id, `${o.g}.${o.r}`])),
    claims: Object.fromEntries(orders.filter((o) => o.s !== null).map((o) => [o.id, o.s as string])),
    stock: Object.fromEntries(stock.map((s) => [s.sku, Number(s.n)])),
    damaged: Object.fromEntries(damaged.map((s) => [s.sku, Number(s.n)])),
    flags: flags.map((f) => flagKey(f.id, f.r)),
    shipments: shipments.map((s) => shipmentKey(s.id, s.o, s.v === 1)),
  });
}

export const flagKey = (id: string, resolution: string | null) => `${id}|${resolution === null ? 'open' : `resolved: ${resolution}`}`;
export const shipmentKey = (id: string, orderId: string, voided: boolean) => `${id}|${orderId}|${voided ? 'void' : 'live'}`;

export function normalise(p: Projection): Projection {
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    status: sorted(p.status),
    claims: sorted(p.claims),
    stock: sorted(Object.fromEntries(Object.entries(p.stock).filter(([, n]) => n !== 0))),
    damaged: sorted(Object.fromEntries(Object.entries(p.damaged).filter(([, n]) => n !== 0))),
    flags: [...p.flags].sort(),
    shipments: [...p.shipments].sort(),
  };
}

export const digest = (p: Projection): string => createHash('sha256').update(JSON.stringify(normalise(p))).digest('hex').slice(0, 16);

/** The first few differences between two projections, for a failure message a person can act on. */
export function diffProjections(a: Projection, b: Projection, limit = 6): string[] {
  const out: string[] = [];
  const maps = ['status', 'claims', 'stock', 'damaged'] as const;
  for (const part of maps) {
    const left = a[part] as Record<string, unknown>;
    const right = b[part] as Record<string, unknown>;
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      if (left[key] !== right[key]) out.push(`${part}[${key}]: ${String(left[key])} ≠ ${String(right[key])}`);
    }
  }
  for (const part of ['flags', 'shipments'] as const) {
    const left = new Set(a[part]);
    const right = new Set(b[part]);
    for (const x of left) if (!right.has(x)) out.push(`${part}: only left has ${x}`);
    for (const x of right) if (!left.has(x)) out.push(`${part}: only right has ${x}`);
  }
  return out.slice(0, limit).concat(out.length > limit ? [`… ${out.length - limit} more`] : []);
}
