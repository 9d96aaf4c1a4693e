import { HUB_AUTHOR } from '#shared/contract/hub.contract';
import type { InboxBench, InboxKind, InboxRow } from '#shared/contract/inbox.contract';
import { carrierNameMessage } from '#shared/domain/carriers';
import { formatBeijing } from '#shared/domain/datetime';
import type { NameSaid } from '#shared/domain/factory-names';
import { decodeMessage, msg, type Message } from '#shared/i18n/message';
import { AUDITED, type AuditRow, type DamageRow, type DeskLockRow, type DeadlineRow, type ExceptionRow, type FlagRow, type HandoverParcelRow, type StopRow } from './inbox-sources.repo';
import type { LowSku, NegativeSku, PoolLevel } from './shop-levels';
import { flagMessage } from '../sync/flag-people';

/** What turning a source row into an inbox row needs: bench and user names, and the time now. */
export type RowContext = {
  bench: (stationId: string) => InboxBench; userName: (id: string) => string | null;
  /** A user as said (a factory administrator with their bench, in the reader's language), or null when unknown here. */
  person: (id: string) => NameSaid | null; nowMs: number;
};

type Base = Omit<InboxRow, 'key' | 'kind' | 'closes' | 'derived' | 'severity' | 'at' | 'evidence'>;
export const none: Base = {
  benches: [], flagKind: null, orderId: null, orderExternalId: null, skuCode: null, trackingNo: null, carrierCode: null, refId: null, people: [], target: null, photos: [],
};

/** The order number people know (the platform's), from our platform:number id. */
const shown = (orderId: string | null, externalId: string | null) => externalId ?? (orderId === null ? null : orderId.slice(orderId.indexOf(':') + 1));

function parse(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

// Flags about goods or a waybill that may be out of the door twice or wrongly: red, like the flags screen had them.
const SEVERE_FLAGS = new Set(['ship.double', 'ship.after-cancel', 'waybill.reused']);
const FLAG_KINDS: Record<string, InboxKind> = { 'stock.negative': 'stock-negative', 'ship.after-cancel': 'parcel-stop', 'weight.mismatch': 'weight-mismatch' };

/** The inbox kind a hub flag is listed as. */
export const kindOfFlag = (flagKind: string): InboxKind => FLAG_KINDS[flagKind] ?? 'sync-conflict';

export function flagRow(f: FlagRow, c: RowContext): InboxRow {
  const kind = kindOfFlag(f.kind);
  const message = flagMessage(f.detail, c.userName);
  const aboutSku = kind === 'stock-negative' || f.kind === 'sku.concurrent-edit';
  const sku = aboutSku && typeof message.params?.['sku'] === 'string' ? message.params['sku'] : null;
  const stations = (JSON.parse(f.station_ids) as string[]).filter((id) => id !== HUB_AUTHOR);
  return {
    ...none, key: `flag:${f.flag_id}`, kind, closes: 'flag', derived: false, severity: SEVERE_FLAGS.has(f.kind) ? 'alarm' : 'warn', at: f.raised_at,
    benches: stations.map(c.bench), flagKind: f.kind, orderId: f.order_id, orderExternalId: shown(f.order_id, f.external_id), skuCode: sku, refId: f.flag_id,
    evidence: message, target: f.order_id ? 'order' : sku ? 'catalog' : null,
  };
}

export function damageRow(r: DamageRow, c: RowContext): InboxRow {
  const reason = msg(`damageReasons.${r.reason as 'other'}`);
  const params = { sku: r.sku_code, name: r.sku_name ?? '', qty: r.qty, reason };
  const what = r.description.trim() ? msg('inbox.evidence.damageNote', { ...params, note: r.description.slice(0, 300) }) : msg('inbox.evidence.damage', params);
  return {
    ...none, key: `damage:${r.id}`, kind: 'damage', closes: 'decide', derived: false, severity: 'warn', at: r.reported_at || '1970-01-01T00:00:00.000Z',
    benches: r.station_id ? [c.bench(r.station_id)] : [], orderId: r.order_id, orderExternalId: shown(r.order_id, r.external_id), skuCode: r.sku_code,
    trackingNo: r.tracking_no, refId: r.id, people: named(c, [r.reported_by]), target: 'damage', photos: JSON.parse(r.photo_hashes) as string[],
    evidence: r.order_id === null && r.return_scanned ? msg('inbox.evidence.damageReturn', { what, ref: r.return_scanned }) : what,
  };
}

export function auditRow(a: AuditRow, c: RowContext): InboxRow {
  const d = parse(a.detail);
  const order = shown(a.target, a.external_id) ?? '';
  const evidence: Message =
    a.action === 'bench.forceVerify'
      ? msg('inbox.evidence.forceVerify', { order, line: num(d['lineNo']), units: num(d['units']) })
      : a.action === 'bench.bindLine'
        ? msg('inbox.evidence.bindLine', { order, line: num(d['lineNo']), sku: str(d['skuCode']), barcode: str(d['barcode']) })
        : msg('inbox.evidence.bindBarcode', { barcode: a.target, sku: str(d['skuCode']), units: num(d['units']) || 1 });
  const onOrder = a.action !== 'catalog.bindBarcode';
  return {
    ...none, key: `audit:${a.id}`, kind: AUDITED[a.action], closes: 'note', derived: false, severity: 'warn', at: a.at,
    benches: a.station_id ? [c.bench(a.station_id)] : [], orderId: onOrder ? a.target : null, orderExternalId: onOrder ? order : null,
    skuCode: str(d['skuCode']) || null, refId: a.id, people: named(c, [a.user_id, a.authorizer_id]), evidence, target: onOrder ? 'order' : 'catalog',
  };
}

/**
 * 手机登录已锁定: someone kept guessing a name's PIN at the phone desk, so its phone login stopped
 * for a day. Red: the real supervisor is locked out and someone on the shop's network is guessing.
 * Closing it (inbox.resolved) unlocks the name at the hub's desk; unclosed, it goes when the lock ends.
 */
export function deskLockedRow(a: DeskLockRow, lockMs: number): InboxRow {
  const d = parse(a.detail);
  const until = new Date(Date.parse(a.at) + lockMs).toISOString();
  return {
    ...none, key: `desk-locked:${a.id}`, kind: 'desk-locked', closes: 'note', derived: true, severity: 'alarm', at: a.at, refId: a.id,
    evidence: msg('inbox.evidence.deskLocked', { name: str(d['name']), failures: num(d['failures']), sources: num(d['sources']), at: a.at, until }),
  };
}

/** The inbox kind a bench exception is listed as. */
export const kindOfException = (kind: string): InboxKind => (kind === 'print.failed' ? 'print-failed' : 'weight-mismatch');

export function exceptionRow(e: ExceptionRow, c: RowContext): InboxRow {
  const print = e.kind === 'print.failed';
  return {
    ...none, key: `exception:${e.id}`, kind: kindOfException(e.kind), closes: 'note', derived: false, severity: 'warn', at: e.at,
    benches: [c.bench(e.station_id)], orderId: e.order_id, orderExternalId: shown(e.order_id, e.external_id), trackingNo: e.tracking_no, refId: e.ref,
    evidence: decodeMessage(e.detail), target: print ? 'print-queue' : e.order_id ? 'order' : null,
  };
}

export function deadlineRow(o: DeadlineRow, c: RowContext): InboxRow {
  const left = Date.parse(o.ship_deadline) - c.nowMs;
  const span = Math.abs(left) / 60_000;
  const params = { order: o.external_id, deadline: formatBeijing(o.ship_deadline), hours: Math.floor(span / 60), minutes: Math.floor(span % 60) };
  return {
    ...none, key: `deadline:${o.id}`, kind: 'deadline-risk', closes: 'note', derived: true, severity: left < 0 ? 'alarm' : 'warn', at: o.ship_deadline,
    orderId: o.id, orderExternalId: o.external_id, target: 'order',
    evidence: msg(left < 0 ? 'inbox.evidence.deadlineLate' : 'inbox.evidence.deadlineSoon', params),
  };
}

export function stopRow(o: StopRow): InboxRow {
  return {
    ...none, key: `stop:${o.id}`, kind: 'parcel-stop', closes: 'note', derived: true, severity: 'alarm', at: o.updated_at,
    orderId: o.id, orderExternalId: o.external_id, trackingNo: o.tracking_no, carrierCode: o.carrier_code, target: 'shipments',
    evidence: msg('inbox.evidence.parcelStop', { order: o.external_id, carrier: carrierNameMessage(o.carrier_code), trackingNo: o.tracking_no, reason: decodeMessage(o.blocked_reason) }),
  };
}

/**
 * A parcel a courier handover left behind: printed but not scanned (missing), or kept back because
 * its order turned (intercepted, red). It goes by itself once the parcel is handed over or voided.
 */
export function handoverRow(p: HandoverParcelRow, state: 'missing' | 'intercepted', c: RowContext): InboxRow {
  // The ISO time: the catalog's {{at, moment}} writes it as the reader's screen writes times.
  const params = { carrier: carrierNameMessage(p.carrier_code), trackingNo: p.tracking_no, order: p.external_id, at: p.closed_at, courier: p.courier_name ?? '' };
  return {
    ...none, key: `handover-${state}:${p.shipment_id}`, kind: `handover-${state}`, closes: 'note', derived: true, severity: state === 'intercepted' ? 'alarm' : 'warn',
    at: p.closed_at, benches: p.closed_station ? [c.bench(p.closed_station)] : [], orderId: p.order_id, orderExternalId: p.external_id,
    trackingNo: p.tracking_no, carrierCode: p.carrier_code, refId: p.handover_id, target: 'handover',
    evidence: state === 'missing'
      ? msg('inbox.evidence.handoverMissing', params)
      : msg('inbox.evidence.handoverIntercepted', { ...params, reason: p.blocked_reason ? decodeMessage(p.blocked_reason) : msg('handoverSheet.none') }),
  };
}

export function poolRow(p: PoolLevel, threshold: number): InboxRow {
  const evidence =
    p.held === null
      ? msg('inbox.evidence.poolLow', { carrier: carrierNameMessage(p.carrierCode), left: p.left, threshold })
      : msg('inbox.evidence.poolLowShop', { carrier: carrierNameMessage(p.carrierCode), left: p.left, free: p.free, held: p.held, threshold });
  return { ...none, key: `pool:${p.carrierCode}`, kind: 'pool-low', closes: 'note', derived: true, severity: 'warn', at: p.at, carrierCode: p.carrierCode, evidence, target: 'carriers' };
}

export function negativeRow(n: NegativeSku): InboxRow {
  return {
    ...none, key: `negative:${n.skuCode}`, kind: 'stock-negative', closes: 'note', derived: true, severity: 'warn', at: n.at || '1970-01-01T00:00:00.000Z',
    skuCode: n.skuCode, evidence: msg('flagText.stockNegative', { sku: n.skuCode, qty: n.qty }), target: 'catalog',
  };
}

/** 低于安全库存: one row a SKU, gone by itself once the shelf is restocked above the threshold. */
export function lowStockRow(n: LowSku): InboxRow {
  return {
    ...none, key: `low:${n.skuCode}`, kind: 'stock-low', closes: 'note', derived: true, severity: 'warn', at: n.at || '1970-01-01T00:00:00.000Z',
    skuCode: n.skuCode, evidence: msg('inbox.evidence.stockLow', { sku: n.skuCode, name: n.name, qty: n.qty, threshold: n.safetyStock }), target: 'catalog',
  };
}

function named(c: RowContext, ids: readonly (string | null)[]): NameSaid[] {
  const names: NameSaid[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    names.push(c.person(id) ?? `#${id.slice(-6)}`);
  }
  return names;
}
