import { statusAfter, type LatticeStatus } from '#shared/domain/order-lattice';
import type { HubTables } from '../store/hub-schema';
import type { LogWriter } from '../sync/hub-log.repo';

type OrderRow = HubTables['hub_orders'];

/** An order the hub has not heard of yet starts at imported: orders may arrive after the work on them. */
export async function loadOrder(w: LogWriter, orderId: string): Promise<OrderRow> {
  const row = await w.trx.selectFrom('hub_orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return row ?? { order_id: orderId, generation: 0, rank: 0, platform_status: null, cancelled: 0, claim_station: null, claim_op_id: null };
}

export async function saveOrder(w: LogWriter, row: OrderRow): Promise<void> {
  const { order_id: _key, ...rest } = row;
  await w.trx.insertInto('hub_orders').values(row).onConflict((oc) => oc.column('order_id').doUpdateSet(rest)).execute();
}

/** The order after `type` moved it along the status lattice (shared with stations and the simulator). */
export function moved(row: OrderRow, type: string, payload: { platformStatus?: unknown } = {}): OrderRow {
  const next: LatticeStatus = statusAfter({ generation: row.generation, rank: row.rank }, type, payload);
  return { ...row, generation: next.generation, rank: next.rank };
}

export async function moveOrder(w: LogWriter, orderId: string, type: string): Promise<OrderRow> {
  const row = moved(await loadOrder(w, orderId), type);
  await saveOrder(w, row);
  return row;
}
