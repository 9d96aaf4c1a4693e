import type { z } from 'zod';
import { msg, type Message } from '../i18n/message';
import { auditRecordedOp } from './audit-recorded.op';
import { barcodeBoundOp } from './barcode-bound.op';
import { benchExceptionOp } from './bench-exception.op';
import { carrierRulesSavedOp } from './carrier-rules-saved.op';
import { claimSettledOp } from './claim-settled.op';
import { damageDecidedOp } from './damage-decided.op';
import { damageReportedOp } from './damage-reported.op';
import type { Producer } from './define-op';
import { flagRaisedOp } from './flag-raised.op';
import { flagResolvedOp } from './flag-resolved.op';
import { handoverAbandonedOp } from './handover-abandoned.op';
import { handoverClosedOp } from './handover-closed.op';
import { handoverOpenedOp } from './handover-opened.op';
import { handoverScannedOp } from './handover-scanned.op';
import { inboxResolvedOp } from './inbox-resolved.op';
import { inboxSettingsSavedOp } from './inbox-settings-saved.op';
import { opProblem } from './op-problem';
import { orderClaimedOp } from './order-claimed.op';
import { orderImportedOp } from './order-imported.op';
import { orderLineBoundOp } from './order-line-bound.op';
import { orderReleasedOp } from './order-released.op';
import { orderReopenedOp } from './order-reopened.op';
import { returnReceivedOp } from './return-received.op';
import { scanRecordedOp } from './scan-recorded.op';
import { shipmentCreatedOp } from './shipment-created.op';
import { shipmentExportedOp } from './shipment-exported.op';
import { shipmentPrintedOp } from './shipment-printed.op';
import { shipmentVoidedOp } from './shipment-voided.op';
import { skuSavedOp } from './sku-saved.op';
import { stockCountedOp } from './stock-counted.op';
import { stockDeltaOp } from './stock-delta.op';
import { trackingUpdatedOp } from './tracking-updated.op';
import { userSavedOp } from './user-saved.op';
import { waybillCancelRequestedOp } from './waybill-cancel-requested.op';
import { waybillCancelledOp } from './waybill-cancelled.op';
import { waybillIssuedOp } from './waybill-issued.op';
import { waybillLeasedOp } from './waybill-leased.op';
import { waybillPooledOp } from './waybill-pooled.op';
import { waybillPrintedOp } from './waybill-printed.op';
import { waybillRetiredOp } from './waybill-retired.op';

export { flagKinds, type FlagKind } from './flag-raised.op';
export { roleSuffices, type Producer } from './define-op';

/** Every op type, each declared once in its module (DESIGN §9). */
export const ops = {
  'order.imported': orderImportedOp,
  'order.claimed': orderClaimedOp,
  'order.reopened': orderReopenedOp,
  'order.released': orderReleasedOp,
  'scan.recorded': scanRecordedOp,
  'shipment.created': shipmentCreatedOp,
  'shipment.printed': shipmentPrintedOp,
  'shipment.voided': shipmentVoidedOp,
  'shipment.exported': shipmentExportedOp,
  'stock.delta': stockDeltaOp,
  'stock.counted': stockCountedOp,
  'sku.saved': skuSavedOp,
  'barcode.bound': barcodeBoundOp,
  'order.line-bound': orderLineBoundOp,
  'waybill.pooled': waybillPooledOp,
  'audit.recorded': auditRecordedOp,
  'damage.reported': damageReportedOp,
  'damage.decided': damageDecidedOp,
  'flag.resolved': flagResolvedOp,
  'user.saved': userSavedOp,
  'carrier.rules-saved': carrierRulesSavedOp,
  'claim.settled': claimSettledOp,
  'waybill.leased': waybillLeasedOp,
  'waybill.retired': waybillRetiredOp,
  'flag.raised': flagRaisedOp,
  'return.received': returnReceivedOp,
  'bench.exception': benchExceptionOp,
  'inbox.resolved': inboxResolvedOp,
  'inbox.settings-saved': inboxSettingsSavedOp,
  'tracking.updated': trackingUpdatedOp,
  'handover.opened': handoverOpenedOp,
  'handover.scanned': handoverScannedOp,
  'handover.closed': handoverClosedOp,
  'handover.abandoned': handoverAbandonedOp,
  'waybill.issued': waybillIssuedOp,
  'waybill.cancel-requested': waybillCancelRequestedOp,
  'waybill.cancelled': waybillCancelledOp,
  'waybill.printed': waybillPrintedOp,
} as const;

export type OpType = keyof typeof ops;
export type OpPayload<T extends OpType> = z.output<(typeof ops)[T]['schema']>;
/** Op types a station may send (the rest only the hub writes). */
export type StationOpType = { [T in OpType]: (typeof ops)[T]['role'] extends 'hub' ? never : T }[OpType];

export const opTypes = Object.keys(ops) as OpType[];
export const isKnownOpType = (type: string): type is OpType => Object.hasOwn(ops, type);
export const currentOpVersion = (type: OpType): number => ops[type].version;
/** An op type as people read it in a message (保存快递分配规则, not carrier.rules-saved); a newer Packdesk's type as it came. */
export const opLabel = (type: string): Message | string => (isKnownOpType(type) ? msg(`audit.ops.${type}`) : type.slice(0, 64));

/** An op from a newer Packdesk waits in the log for an upgrade; it may not be larger than this. */
export const PARKED_MAX_BYTES = 64 * 1024;
/** No op of any type is larger (the largest is an order with its lines). */
export const OP_MAX_BYTES = 256 * 1024;

export type ReadOp =
  | { kind: 'known'; type: OpType; payload: OpPayload<OpType> }
  | { kind: 'unknown' }
  | { kind: 'invalid'; reason: Message };

/**
 * Reads an op as recorded by any version: upcast to the current version, then held to its
 * module's strict schema and size cap. An unknown type or a newer version is `unknown` (kept for
 * an upgrade); anything else that does not fit is `invalid`, with the reason as a message.
 * `bytes`: the payload's JSON length when the caller already knows it.
 */
export function readOp(type: string, version: number, payload: unknown, bytes?: number): ReadOp {
  if (!isKnownOpType(type) || version > ops[type].version) return { kind: 'unknown' };
  const op = ops[type];
  const size = bytes ?? jsonBytes(payload);
  if (size > op.maxBytes) return { kind: 'invalid', reason: msg('opRefusal.tooLarge', { type: opLabel(type), bytes: size, max: op.maxBytes }) };
  let value = payload;
  for (let v = version; v < op.version; v++) {
    // A payload that is no object is malformed at any version: the schema below says so.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) break;
    const up = (op as { upcasters?: Readonly<Record<number, (p: Record<string, unknown>) => unknown>> }).upcasters?.[v];
    if (!up) return { kind: 'invalid', reason: msg('opRefusal.unreadableVersion', { type: opLabel(type), version: v }) };
    value = up(value as Record<string, unknown>);
  }
  const parsed = (op.schema as z.ZodType).safeParse(value);
  if (!parsed.success) return { kind: 'invalid', reason: opProblem(opLabel(type), parsed.error.issues) };
  return { kind: 'known', type, payload: parsed.data as OpPayload<OpType> };
}

/** The role an op needs, given its payload. */
export function producerOf<T extends OpType>(type: T, payload: OpPayload<T>): Producer {
  const role = ops[type].role as Producer | ((p: OpPayload<T>) => Producer);
  return typeof role === 'function' ? role(payload) : role;
}

export const orderOf = <T extends OpType>(type: T, payload: OpPayload<T>): string | null =>
  (ops[type] as { orderOf?: (p: OpPayload<T>) => string | null }).orderOf?.(payload) ?? null;
export const entityOf = <T extends OpType>(type: T, payload: OpPayload<T>): string | null =>
  (ops[type] as { entityOf?: (p: OpPayload<T>) => string }).entityOf?.(payload) ?? null;

/** The UTF-8 size of a value's JSON text, without building a Buffer. */
export const jsonBytes = (value: unknown): number => textBytes(JSON.stringify(value) ?? '');

/** The UTF-8 size of a text. */
export function textBytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
