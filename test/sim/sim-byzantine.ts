import { v7 as uuidv7 } from 'uuid';
import { HUB_PROTOCOL } from '#shared/contract/hub.contract';
import { fixtures, orderPayload } from '../helpers/op-fixtures';
import type { RawOp, SimStation } from './sim-station';
import type { SimWorld } from './sim-world';

/**
 * What a byzantine bench sends besides its honest work (issue 7): ops it writes itself, as wire
 * ops, to go out with its own in its sequence, and pushes it sends straight to the hub over its
 * link. Every one of them must be refused (or answered from the log, for a replay) and none may
 * stop anyone's sync. The bench is paired as a packer, so supervisor ops are forgeries.
 */
export const attacks = ['malformed', 'oversized', 'forged-role', 'forged-authoriser', 'control', 'rule', 'duplicate', 'replay'] as const;
export type Attack = (typeof attacks)[number];

type Row = Record<string, unknown>;
const pick = <T>(list: readonly T[], n: number): T | undefined => list[n % Math.max(1, list.length)];
const AT = '2025-06-02T01:00:00.000Z';

/**
 * Runs one attack; returns what it did for the trace. `settled`: the log up to here is in every
 * backup the hub may be restored from (MAX_SAFE_INTEGER when it is never restored), so a record
 * copied from it is still there after a restore. (A record the hub lost in a restore can be taken
 * first by a thief, its op id or its report id; the honest op then comes back refused.)
 */
export async function attack(world: SimWorld, s: SimStation, kind: Attack, n: number, settled: number): Promise<string> {
  if (kind === 'replay') return replay(world, s, n);
  const forged = forge(world, s, kind, n, settled);
  if (!forged || s.db.prepare('SELECT 1 FROM outbox WHERE op_id = ?').get(forged.opId)) return `${kind}: nothing to forge`;
  s.forgeOps([forged]);
  return `${kind} #${n % 100}: ${printable(forged.type)} v${forged.version}${forged.authorizedBy ? ` by ${printable(forged.authorizedBy).slice(0, 12)}` : ''}`;
}

function forge(world: SimWorld, s: SimStation, kind: Exclude<Attack, 'replay'>, n: number, settled: number): RawOp | null {
  const hub = world.hubDb;
  const order = pick(world.orderIds, n) ?? 'taobao:1';
  const sku = pick(world.skus, n) ?? 'SKU-1';
  const op = (type: string, payload: unknown, over: Partial<RawOp> = {}): RawOp => ({ opId: uuidv7(), type, version: 1, payload, createdAt: AT, authorizedBy: null, ...over });
  // A valid op a packer may not send, for the role and authoriser forgeries (the i-th of 10).
  const supervisorOnly = (i: number): RawOp => {
    const parcel = pick(hub.prepare('SELECT shipment_id AS id FROM hub_shipments WHERE voided = 0 ORDER BY hub_seq').all() as Row[], n);
    const free = hub.prepare("SELECT number FROM hub_waybills WHERE station_id IS NULL AND lease_id IS NULL ORDER BY number LIMIT 3").pluck().all() as string[];
    const variants: (() => RawOp)[] = [
      () => op('order.reopened', { orderId: order, reason: 'byzantine' }),
      () => op('shipment.voided', { id: String(parcel?.['id'] ?? 'sh-1'), reason: 'byzantine', at: AT }),
      () => op('stock.counted', { id: uuidv7(), skuCode: sku, countedQty: 0, knownQty: 40 }, { version: 2 }),
      () => op('sku.saved', fixtures['sku.saved']({ code: sku, name: 'renamed by a packer' })),
      () => op('barcode.bound', { barcode: '6900000000000', skuCode: sku, units: 100 }),
      () => op('order.imported', orderPayload(order.split(':')[1] ?? '1', { receiver: { name: 'thief', mobile: '1', phone: '', province: 'x', city: 'x', district: 'x', detail: 'x', zip: '' } })),
      () => op('user.saved', fixtures['user.saved']({ id: uuidv7(), role: 'admin' })),
      () => op('waybill.pooled', { carrierCode: 'YTO', numbers: free.length > 0 ? free : ['YT0000001'], source: 'import' }, { version: 3 }),
      () => op('stock.delta', { id: uuidv7(), skuCode: sku, delta: 50, cause: 'adjust', ref: null, note: 'found' }, { version: 2 }),
      () => op('shipment.created', fixtures['shipment.created']({ id: uuidv7(), orderId: order, partial: true, trackingNo: `BZ${String(n).padStart(8, '0')}` })),
    ];
    return pick(variants, i)!();
  };

  switch (kind) {
    case 'malformed':
      return pick<() => RawOp>([
        // Issue 7 item 1: an order without receiver, or with carrierName null, poisoned every other station's pull.
        () => op('order.imported', (({ receiver: _r, ...rest }) => rest)(orderPayload(`9${n}`))),
        () => op('order.imported', { ...orderPayload(`9${n}`), carrierName: null }),
        () => op('stock.delta', { id: `p-${n}`, skuCode: 42, delta: 'lots', cause: 'ship', ref: null, note: '' }, { version: 2 }),
        () => op('scan.recorded', null),
        () => op('order.claimed', [order, 'claim']),
        () => op('order.claimed', { orderId: order, claimId: uuidv7(), extra: true }),
        () => op('shipment.created', fixtures['shipment.created']({ orderId: order, parcelNo: 0, weightG: -5 })),
        () => op('Stock.Delta!', {}),
        () => op('order.claimed', { orderId: order, claimId: uuidv7() }, { version: 0 }),
        () => op('order.claimed', { orderId: order, claimId: uuidv7() }, { createdAt: 'yesterday' }),
        () => op('order.claimed', { orderId: order, claimId: uuidv7() }, { opId: `not an op id ${uuidv7()}` }),
        () => op('order.claimed', { orderId: order, claimId: uuidv7() }, { authorizedBy: 'not a user!' }),
      ], n)!();
    case 'oversized':
      return pick<() => RawOp>([
        // Issue 7 item 2: ops near the body limit stopped every catch-up.
        () => op('order.imported', { ...orderPayload(`8${n}`), buyerMessage: 'x'.repeat(270 * 1024) }),
        () => op('stock.delta', { id: uuidv7(), skuCode: sku, delta: -1, cause: 'ship', ref: 'sh-1', note: 'y'.repeat(2000) }, { version: 2 }),
        () => op('future.blob', { blob: 'z'.repeat(70 * 1024) }),
        () => op('damage.reported', fixtures['damage.reported']({ id: uuidv7(), skuCode: sku, note: 'd'.repeat(9000) })),
      ], n)!();
    case 'forged-role': {
      const hubOnly: (() => RawOp)[] = [
        () => op('flag.raised', { flagId: uuidv7(), kind: 'op.rejected', orderId: null, stationIds: [], opIds: [], message: { key: 'legacy.text', params: { text: 'fake' } } }, { version: 2 }),
        () => op('waybill.leased', { leaseId: uuidv7(), stationId: s.stationId, carrierCode: 'YTO', numbers: [`YT${String(7_400_000_002_000 + n)}`] }),
        () => op('stock.delta', { id: `${uuidv7()}:adjust`, skuCode: sku, delta: 99, cause: 'count', ref: null, note: '' }, { version: 2 }),
      ];
      // 13 variants: n = 0..12 reaches each.
      return n % 13 < hubOnly.length ? hubOnly[n % 13]!() : supervisorOnly((n % 13) - hubOnly.length);
    }
    case 'forged-authoriser': {
      const own = s.db.prepare('SELECT id FROM users WHERE bench_of = ?').pluck().get(s.stationId) as string | undefined;
      const packers = hub.prepare("SELECT user_id FROM hub_users WHERE role = 'packer' ORDER BY hub_seq").pluck().all() as string[];
      const inactive = hub.prepare('SELECT user_id FROM hub_users WHERE active = 0 ORDER BY hub_seq').pluck().all() as string[];
      // Nobody the hub knows as an active supervisor: an unknown id, this bench's own administrator, a packer, a disabled user.
      const who = pick([uuidv7(), own ?? uuidv7(), pick(packers, n) ?? uuidv7(), pick(inactive, n) ?? uuidv7()], Math.floor(n / 10))!;
      // 40 variants: n = 0..39 reaches each op with each authoriser.
      return { ...supervisorOnly(n), authorizedBy: who };
    }
    case 'control':
      return pick<() => RawOp>([
        // Issue 7 item 3: a NUL reached PostgreSQL and failed every retry of the push that carried it.
        () => op('scan.recorded', fixtures['scan.recorded']({ id: uuidv7(), code: `69\u00000${n}` })),
        () => op('order.claimed', { orderId: `${order}\u0000`, claimId: uuidv7() }),
        () => op('damage.reported', fixtures['damage.reported']({ id: uuidv7(), skuCode: sku, note: `crushed\u0000${n}` })),
        () => op('stock.delta', { id: uuidv7(), skuCode: `${sku}\u0000`, delta: -1, cause: 'ship', ref: 'sh-1', note: '' }, { version: 2 }),
        () => op('scan.recorded', fixtures['scan.recorded']({ id: uuidv7(), code: `\u202e${n}` })),
        () => op('damage.reported', fixtures['damage.reported']({ id: uuidv7(), skuCode: sku, note: `half \ud800 a pair` })),
        () => op('order.claimed', { orderId: order, claimId: uuidv7() }, { opId: `${uuidv7()}\u0000` }),
        () => op('order.claimed', { orderId: order, claimId: uuidv7() }, { createdAt: `${AT}\u0000` }),
        () => op('order.claimed\u0000', { orderId: order, claimId: uuidv7() }),
        () => op('order.reopened', { orderId: order, reason: 'x' }, { authorizedBy: `${uuidv7()}\u0000` }),
      ], n)!();
    case 'rule': {
      // Ops a packer may send, refused by their op's own rule whenever they reach the hub.
      const others = hub.prepare('SELECT shipment_id FROM hub_shipments WHERE station_id != ? ORDER BY hub_seq').pluck().all(s.stationId) as string[];
      const report = pick(hub.prepare('SELECT payload FROM hub_damage WHERE hub_seq <= ? ORDER BY hub_seq').pluck().all(settled) as string[], n);
      // The top of the pool: leases take the lowest numbers, so these stay free (a restore sets them aside, though).
      const supervisor = hub.prepare("SELECT user_id FROM hub_users WHERE role = 'supervisor' AND active = 1 ORDER BY hub_seq").pluck().get() as string | undefined;
      const free = settled < Number.MAX_SAFE_INTEGER ? [] : (hub.prepare('SELECT number FROM hub_waybills WHERE station_id IS NULL AND lease_id IS NULL ORDER BY number DESC LIMIT 2').pluck().all() as string[]);
      const variants: (() => RawOp | null)[] = [
        () => (others.length > 0 ? op('stock.delta', { id: uuidv7(), skuCode: sku, delta: -1, cause: 'ship', ref: pick(others, n)!, note: '' }, { version: 2 }) : null),
        () => op('stock.delta', { id: uuidv7(), skuCode: sku, delta: 5, cause: 'void', ref: uuidv7(), note: '' }, { version: 2 }),
        () => (report ? op('damage.reported', { ...(JSON.parse(report) as Row), qty: 99, description: 'worse than reported' }) : null),
        () => (free.length > 0 ? op('waybill.pooled', { carrierCode: 'YTO', numbers: free, source: 'held' }, { version: 3 }) : null),
        () => op('audit.recorded', fixtures['audit.recorded']({ id: uuidv7(), authorizerId: uuidv7() })),
        // With a real supervisor's authority (a name is all a forger needs), a flag the hub never raised.
        () => (supervisor ? op('flag.resolved', { flagId: uuidv7(), resolution: 'closed by a forger' }, { authorizedBy: supervisor }) : null),
      ];
      return pick(variants, n)!();
    }
    case 'duplicate': {
      // An op id already in the log, as a cloned disk (or a thief) would send it.
      const entry = pick(hub.prepare('SELECT op_id, type, version, payload FROM hub_log WHERE station_id != ? AND hub_seq <= ? ORDER BY hub_seq').all(s.stationId, settled) as Row[], n);
      return entry
        ? op(String(entry['type']), JSON.parse(String(entry['payload'])), { opId: String(entry['op_id']), version: Number(entry['version']) })
        : null;
    }
  }
}

/**
 * A push straight to the hub, bypassing the bench's own sync: an answered place in its sequence
 * sent again with other content, a place far ahead of it, or an old epoch. The hub answers from
 * its log or refuses the request; nothing may change.
 */
async function replay(world: SimWorld, s: SimStation, n: number): Promise<string> {
  const answered = s.db.prepare('SELECT station_seq FROM outbox WHERE outcome IS NOT NULL ORDER BY station_seq').pluck().all() as number[];
  const last = s.db.prepare('SELECT max(station_seq) FROM outbox').pluck().get() as number;
  const epoch = s.db.prepare("SELECT value FROM meta WHERE key = 'sync.hub_epoch'").pluck().get() as string | undefined;
  const variant = n % 3;
  const seq = variant === 1 ? last + 5 : pick(answered, n >> 2);
  if (seq === undefined || !epoch) return 'replay: nothing answered yet';
  const ops = [{
    stationSeq: seq, opId: uuidv7(), type: 'stock.delta', version: 2, createdAt: AT, authorizedBy: null,
    payload: { id: uuidv7(), skuCode: pick(world.skus, n) ?? 'SKU-1', delta: 1000, cause: 'adjust', ref: null, note: 'replayed' },
  }];
  const reply = await s.link.forge({
    method: 'POST', path: '/sync/push', token: s.token,
    body: { protocol: HUB_PROTOCOL, appVersion: '0.0.0', schemaVersion: 1, hubEpoch: variant === 2 ? 'forged-epoch' : epoch, ops },
  });
  return `replay seq ${seq}${variant === 2 ? ' in a forged epoch' : ''}: ${reply ? reply.status : 'cut off'}`;
}

const printable = (v: string) => v.replace(/[^\x20-\x7e]/g, '?');
