import type { Rule } from './rule-context';

export const shipmentVoided: Rule<'shipment.voided'> = async (ctx, p) => {
  await ctx.w.trx.updateTable('hub_shipments').set({ voided: 1 }).where('shipment_id', '=', p.id).execute();
  // Remembered even when the parcel has not arrived yet (voided at another station): it lands void.
  await ctx.w.trx.insertInto('hub_voids').values({ shipment_id: p.id, hub_seq: ctx.op.hubSeq }).onConflict((oc) => oc.column('shipment_id').doNothing()).execute();
};
