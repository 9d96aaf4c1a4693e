import { msg } from '#shared/i18n/message';
import { damageReportedOp } from '#shared/ops/damage-reported.op';
import type { Rule } from './rule-context';

/** JSON with sorted keys, so two encodings of one report compare equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A damage report is evidence: written once, never changed. Corrections are new ops. */
export const damageReported: Rule<'damage.reported'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const payload = canonical(p);
  const stored = await trx.selectFrom('hub_damage').select('payload').where('report_id', '=', p.id).executeTakeFirst();
  if (stored) return stored.payload === payload ? undefined : { rejected: msg(damageReportedOp.messages.changed) };
  await trx.insertInto('hub_damage').values({ report_id: p.id, payload, hub_seq: ctx.op.hubSeq }).execute();
};
