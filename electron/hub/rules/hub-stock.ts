import { msg } from '#shared/i18n/message';
import { entityId, skuCode } from '#shared/ops/fields';
import { stockDeltaOp, type StockBucket } from '#shared/ops/stock-delta.op';
import { chunks } from '../store/chunks';
import type { HubTables } from '../store/hub-schema';
import type { LogWriter } from '../sync/hub-log.repo';
import type { RuleContext } from './rule-context';

type Delta = { id: string; skuCode: string; delta: number; hubSeq: number; stationId: string; bucket: StockBucket };

/**
 * One push's view of the stock ledger. Log writers run one at a time (the counter lock), so the
 * balances read at the start stay true for the whole transaction: a push of 500 stock movements
 * reads its SKUs and delta ids in a few queries, works in memory, and writes once at commit,
 * instead of two round trips per movement.
 */
type Ledger = {
  balances: Map<string, number>; booked: Set<string>; absent: Set<string>; rows: HubTables['hub_stock'][]; dirty: Set<string>;
  /** The damaged bucket's balance of the SKUs this push moved it for (summed from the ledger: it keeps no balance row). */
  damaged: Map<string, number>;
};

const ledgers = new WeakMap<LogWriter, Ledger>();

function ledgerOf(w: LogWriter): Ledger {
  let ledger = ledgers.get(w);
  if (!ledger) {
    const made: Ledger = { balances: new Map(), booked: new Set(), absent: new Set(), rows: [], dirty: new Set(), damaged: new Map() };
    w.beforeCommit(() => flush(w, made));
    ledgers.set(w, made);
    ledger = made;
  }
  return ledger;
}

/** The delta a count books: one per count, whichever station's push brings it. */
export const countAdjustId = (countId: string) => `${countId}:adjust`;

/**
 * Reads, in a few queries, what the stock ops among a push's raw ops will ask about. Only a
 * shortcut: a key it misses (or a payload that later fails its schema) is looked up on its own.
 */
export async function prefetchStock(w: LogWriter, raws: readonly unknown[]): Promise<void> {
  const ids = new Set<string>();
  const skus = new Set<string>();
  for (const raw of raws) {
    const op = (typeof raw === 'object' && raw !== null ? raw : {}) as { type?: unknown; payload?: { id?: unknown; skuCode?: unknown } | null };
    if (op.type !== 'stock.delta' && op.type !== 'stock.counted') continue;
    const p = op.payload ?? {};
    // Only keys the op's own fields accept reach a query (a NUL would fail it on PostgreSQL).
    const id = entityId.safeParse(p.id);
    const sku = skuCode.safeParse(p.skuCode);
    if (id.success) ids.add(op.type === 'stock.counted' ? countAdjustId(id.data) : id.data);
    if (sku.success) skus.add(sku.data);
  }
  if (ids.size === 0) return;
  const ledger = ledgerOf(w);
  for (const part of chunks([...ids])) {
    const found = await w.trx.selectFrom('hub_stock').select('delta_id').where('delta_id', 'in', part).execute();
    for (const r of found) ledger.booked.add(r.delta_id);
    for (const id of part) if (!ledger.booked.has(id)) ledger.absent.add(id);
  }
  const wanted = [...skus].filter((s) => !ledger.balances.has(s));
  for (const part of chunks(wanted)) {
    const found = await w.trx.selectFrom('hub_sku_balance').select(['sku_code', 'balance']).where('sku_code', 'in', part).execute();
    for (const sku of part) ledger.balances.set(sku, 0);
    for (const r of found) ledger.balances.set(r.sku_code, Number(r.balance));
  }
}

/**
 * Whether the hub has ever known stock of a SKU: a balance, or a movement of either bucket booked
 * before or earlier in this push. A count of a SKU it never knew is the SKU's opening stock.
 */
export async function stockKnown(w: LogWriter, sku: string): Promise<boolean> {
  const ledger = ledgerOf(w);
  if (ledger.rows.some((r) => r.sku_code === sku)) return true;
  const moved = await w.trx.selectFrom('hub_stock').select('delta_id').where('sku_code', '=', sku).limit(1).executeTakeFirst();
  if (moved) return true;
  const balance = await w.trx.selectFrom('hub_sku_balance').select('sku_code').where('sku_code', '=', sku).executeTakeFirst();
  return balance !== undefined;
}

/** Whether a delta id is already on the ledger (booked before, or earlier in this push). */
export async function deltaBooked(w: LogWriter, id: string): Promise<boolean> {
  const ledger = ledgerOf(w);
  if (ledger.booked.has(id)) return true;
  if (ledger.absent.has(id)) return false;
  const row = await w.trx.selectFrom('hub_stock').select('delta_id').where('delta_id', '=', id).executeTakeFirst();
  (row ? ledger.booked : ledger.absent).add(id);
  return row !== undefined;
}

async function balanceOf(w: LogWriter, ledger: Ledger, sku: string): Promise<number> {
  const known = ledger.balances.get(sku);
  if (known !== undefined) return known;
  const row = await w.trx.selectFrom('hub_sku_balance').select('balance').where('sku_code', '=', sku).executeTakeFirst();
  const balance = row ? Number(row.balance) : 0;
  ledger.balances.set(sku, balance);
  return balance;
}

/**
 * The damaged bucket's balance before this push's unbooked rows: every damaged movement comes
 * through here, so a SKU not yet in the map has none of them waiting in ledger.rows.
 */
async function damagedOf(w: LogWriter, ledger: Ledger, sku: string): Promise<number> {
  const known = ledger.damaged.get(sku);
  if (known !== undefined) return known;
  const row = await w.trx.selectFrom('hub_stock').select((eb) => eb.fn.sum<number | string | null>('delta').as('total'))
    .where('sku_code', '=', sku).where('bucket', '=', 'damaged').executeTakeFirst();
  return Number(row?.total ?? 0);
}

/**
 * Stock is a ledger of signed deltas: addition commutes and the ledger dedupes by delta id, so
 * arrival order and re-delivery cannot change a balance. Going negative is allowed (the goods
 * left the building) and flagged once per crossing, on the shelf and in the damaged bucket alike:
 * two offline benches can each dispose of or restock the same damaged units.
 */
export async function bookDelta(ctx: RuleContext, d: Delta): Promise<void> {
  const { w } = ctx;
  if (await deltaBooked(w, d.id)) return;
  const ledger = ledgerOf(w);
  const damaged = d.bucket === 'damaged';
  const before = damaged ? await damagedOf(w, ledger, d.skuCode) : await balanceOf(w, ledger, d.skuCode);
  ledger.booked.add(d.id);
  ledger.absent.delete(d.id);
  ledger.rows.push({ delta_id: d.id, sku_code: d.skuCode, delta: d.delta, hub_seq: d.hubSeq, station_id: d.stationId, bucket: d.bucket });
  const after = before + d.delta;
  if (damaged) ledger.damaged.set(d.skuCode, after);
  else {
    ledger.balances.set(d.skuCode, after);
    ledger.dirty.add(d.skuCode);
  }
  if (before >= 0 && after < 0) {
    await ctx.raise('stock.negative', {
      orderId: null, stationIds: [ctx.op.stationId], opIds: [ctx.op.opId],
      message: msg(damaged ? stockDeltaOp.messages.damagedNegative : stockDeltaOp.messages.negative, { sku: d.skuCode, qty: after }),
    });
  }
}

async function flush(w: LogWriter, ledger: Ledger): Promise<void> {
  for (const part of chunks(ledger.rows)) await w.trx.insertInto('hub_stock').values(part).execute();
  const balances = [...ledger.dirty].map((sku) => ({ sku_code: sku, balance: ledger.balances.get(sku)! }));
  for (const part of chunks(balances)) {
    await w.trx
      .insertInto('hub_sku_balance')
      .values(part)
      .onConflict((oc) => oc.column('sku_code').doUpdateSet((eb) => ({ balance: eb.ref('excluded.balance') })))
      .execute();
  }
}
