import { msg } from '#shared/i18n/message';
import { returnReceivedOp } from '#shared/ops/return-received.op';
import { canonical } from './damage-reported.rule';
import type { Rule } from './rule-context';

/**
 * A return is evidence like a damage report: written once, never changed (the same op again is
 * accepted as it was). The hub keeps it with its station: that station's stock movements naming
 * it are checked against what it lists (stock-delta.rule).
 */
export const returnReceived: Rule<'return.received'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const payload = canonical(p);
  const stored = await trx.selectFrom('hub_returns').select('payload').where('return_id', '=', p.id).executeTakeFirst();
  if (stored) return stored.payload === payload ? undefined : { rejected: msg(returnReceivedOp.messages.changed) };
  await trx.insertInto('hub_returns').values({ return_id: p.id, station_id: ctx.op.stationId, payload, booked: '{}', hub_seq: ctx.op.hubSeq }).execute();
};

type ReturnDelta = { ref: string; skuCode: string; delta: number; bucket: 'sellable' | 'damaged' };

/**
 * A packer's bench moves stock for a return only as that return says: units in, of a SKU it lists
 * in that condition (good to the shelf, defective to the damaged bucket), a return this station
 * received, and never more than it lists in all. Books the units against the return when allowed.
 */
export async function bookAgainstReturn(ctx: Parameters<Rule<'stock.delta'>>[0], d: ReturnDelta): Promise<boolean> {
  if (d.delta <= 0) return false;
  const { trx } = ctx.w;
  const row = await trx.selectFrom('hub_returns').select(['payload', 'booked']).where('return_id', '=', d.ref).where('station_id', '=', ctx.op.stationId).executeTakeFirst();
  if (!row) return false;
  const condition = d.bucket === 'sellable' ? 'good' : 'defective';
  // Stored by the rule above from a payload that passed its schema.
  const { items } = JSON.parse(row.payload) as { items: { skuCode: string; qty: number; condition: string }[] };
  const listed = items.filter((i) => i.skuCode === d.skuCode && i.condition === condition).reduce((sum, i) => sum + i.qty, 0);
  const booked = JSON.parse(row.booked) as Record<string, number>;
  const key = `${d.bucket} ${d.skuCode}`;
  const after = (booked[key] ?? 0) + d.delta;
  if (after > listed) return false;
  booked[key] = after;
  await trx.updateTable('hub_returns').set({ booked: JSON.stringify(booked) }).where('return_id', '=', d.ref).execute();
  return true;
}
