import type { OpOutcome } from '#shared/contract/hub.contract';
import { hubOnlyOps, supervisorOnlyOps, type OpPayload, type OpType } from '#shared/contract/sync-ops.contract';
import { readOp } from '#shared/domain/op-upcast';
import { rules } from '../rules/index';
import { ruleContext, type RuleContext, type RuleOp } from '../rules/rule-context';
import type { LogWriter } from './hub-log.repo';

export type Verdict = { outcome: OpOutcome; reason: string | null };

const ROLE_REFUSALS: Partial<Record<OpType, string>> = {
  'damage.decided': '打包员工位不能裁定破损报告 / A packer\'s station cannot decide a damage report',
  'order.reopened': '打包员工位不能重开订单 / A packer\'s station cannot reopen an order',
  'flag.resolved': '打包员工位不能处理异常 / A packer\'s station cannot resolve a flag',
};

/**
 * Classifies one op and runs its domain rule. The op already holds its hub_seq, so any flag the
 * rule raises lands right after it. Nothing here refuses a physical fact: only ops that cannot be
 * read or that the station's role may not send are rejected, and a rejection is itself recorded.
 */
export async function evaluateOp(w: LogWriter, op: RuleOp & { type: string; version: number; payload: unknown }): Promise<Verdict> {
  const read = readOp(op.type, op.version, op.payload);
  if (read.kind === 'unknown') return { outcome: 'parked', reason: `${op.type} v${op.version} needs a newer hub; kept and read again after an upgrade` };
  const ctx = ruleContext(w, op);
  if (read.kind === 'invalid') return reject(ctx, read.reason, `无法读取的操作：${read.reason} / Unreadable op: ${read.reason}`, op.payload);
  if (hubOnlyOps.includes(read.type)) return { outcome: 'rejected', reason: `only the hub writes ${read.type}` };
  if (op.role === 'packer' && supervisorOnlyOps.includes(read.type)) {
    const text = ROLE_REFUSALS[read.type] ?? `打包员工位不能发送 ${read.type} / A packer's station cannot send ${read.type}`;
    return reject(ctx, text.split(' / ').at(-1) ?? text, text, read.payload);
  }
  const rule = rules[read.type] as ((c: RuleContext, p: OpPayload<OpType>) => Promise<void | { rejected: string }>) | undefined;
  const verdict = rule ? await rule(ctx, read.payload) : undefined;
  if (verdict) return { outcome: 'rejected', reason: verdict.rejected };
  return ctx.raised.length > 0 ? { outcome: 'conflict', reason: [...new Set(ctx.raised)].join(', ') } : { outcome: 'accepted', reason: null };
}

/** Rejected ops are flagged so a supervisor sees what a station tried and why it did not count. */
export async function reject(ctx: RuleContext, reason: string, detail: string, payload: unknown): Promise<Verdict> {
  const orderId = payload && typeof payload === 'object' && typeof (payload as { orderId?: unknown }).orderId === 'string'
    ? (payload as { orderId: string }).orderId
    : null;
  await ctx.raise('op.rejected', { orderId, stationIds: [ctx.op.stationId], opIds: [ctx.op.opId], detail });
  return { outcome: 'rejected', reason };
}
