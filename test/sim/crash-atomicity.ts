import type { SimStation } from './sim-station';

/** Invariant 5, also called right after every restart: the op and the change it describes are one. */
export function checkCrashAtomicity(s: SimStation, fail: (invariant: number, message: string) => void): void {
  const db = s.db;
  const seqs = db.prepare('SELECT station_seq FROM outbox ORDER BY station_seq').pluck().all() as number[];
  seqs.forEach((seq, i) => {
    if (seq !== i + 1) fail(5, `s${s.index}: outbox has seq ${seq} at position ${i + 1} (a gap)`);
  });
  const counter = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number | undefined;
  if ((counter ?? 0) !== (seqs.at(-1) ?? 0)) fail(5, `s${s.index}: next station_seq would be ${(counter ?? 0) + 1}, max is ${seqs.at(-1) ?? 0}`);

  // Raw ops the harness wrote into the outbox on purpose describe no local change.
  const raw = new Set(s.injected.map((x) => x.opId));
  const opsOf = (type: string) =>
    (db.prepare('SELECT op_id, payload FROM outbox WHERE type = ?').all(type) as { op_id: string; payload: string }[])
      .filter((r) => !raw.has(r.op_id))
      .map((r) => JSON.parse(r.payload) as Record<string, unknown>);
  const shipmentOps = new Set(opsOf('shipment.created').map((p) => p['id']));
  const ownShipments = db.prepare('SELECT id FROM shipments WHERE station_id IS NULL').pluck().all() as string[];
  for (const id of ownShipments) if (!shipmentOps.has(id)) fail(5, `s${s.index}: shipment ${id} has no shipment.created op`);
  const allShipments = new Set(db.prepare('SELECT id FROM shipments').pluck().all() as string[]);
  for (const id of shipmentOps) if (typeof id === 'string' && !allShipments.has(id)) fail(5, `s${s.index}: op for shipment ${id} but no shipment row`);

  const ledger = new Set(db.prepare('SELECT id FROM stock_ledger').pluck().all() as string[]);
  const deltaOps = opsOf('stock.delta').map((p) => p['id']).filter((id): id is string => typeof id === 'string');
  for (const id of deltaOps) if (!ledger.has(id)) fail(5, `s${s.index}: stock.delta op ${id} has no ledger row`);
  const unconfirmedRows = db.prepare('SELECT id FROM stock_ledger WHERE hub_seq IS NULL').pluck().all() as string[];
  const ownIds = new Set([...deltaOps, ...opsOf('stock.counted').map((p) => `${String(p['id'])}:adjust`)]);
  for (const id of unconfirmedRows) if (!ownIds.has(id)) fail(5, `s${s.index}: unconfirmed ledger row ${id} has no op`);

  const claimOps = new Set(opsOf('order.claimed').map((p) => p['claimId']));
  const provisional = db.prepare('SELECT claim_id FROM order_claims WHERE hub_seq IS NULL').pluck().all() as string[];
  for (const id of provisional) if (!claimOps.has(id)) fail(5, `s${s.index}: provisional claim ${id} has no op`);
}
