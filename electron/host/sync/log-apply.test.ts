import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '#shared/contract/hub.contract';
import { createTempHost } from '../../../test/host/temp-host';

const OTHER = 'station-b';
let seq = 0;
const entry = (type: string, payload: unknown, extra: Partial<LogEntry> = {}): LogEntry => ({
  hubSeq: ++seq, opId: `op-${seq}`, stationId: OTHER, stationSeq: seq, type, version: 1, payload, outcome: 'accepted', reason: null,
  createdAt: '2026-11-26T08:00:00.000Z', userId: null, authorizedBy: null, ...extra,
});
const order = (id: string) => ({
  id: `taobao:${id}`, platform: 'taobao', externalId: id, platformStatus: 'WAIT_SELLER_SEND_GOODS', buyerNick: 'b', buyerMessage: '', sellerMemo: '',
  receiver: { name: '张三', mobile: '13800000000', phone: '', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号', zip: '' },
  paidFen: 100, postageFen: 0, createdAt: null, paidAt: null, shipDeadline: null, carrierName: '', trackingNo: '',
  lines: [{ lineNo: 1, subOrderId: null, skuCode: 'SKU-1', title: 't', props: null, qty: 1, priceFen: 100, refundStatus: null }],
});

describe('applying pulled log entries', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));
  const station = () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    return host;
  };

  it('a parcel that arrives before its order waits for it, and lands once the order does', () => {
    const host = station();
    const { applier, meta } = host.context.sync;
    const ship = entry('shipment.created', {
      id: 'sh-1', orderId: 'taobao:900', carrierCode: 'YTO', trackingNo: 'YT7400000000009', parcelNo: 1, parcelCount: 1, partial: false,
      at: '2026-11-26T08:00:00.000Z', weightG: null, packerId: 'u-1', groupId: 'sh-1', orderExternalId: '900',
    });
    applier.applyPage([ship], ship.hubSeq);
    expect(meta.cursor()).toBe(ship.hubSeq);
    expect(applier.parkedCount()).toBe(1);
    expect(host.context.shipmentsRepo.get('sh-1')).toBeNull();

    const imported = entry('order.imported', order('900'));
    applier.applyPage([imported], imported.hubSeq);
    expect(applier.parkedCount()).toBe(0);
    expect(host.context.shipmentsRepo.get('sh-1')?.trackingNo).toBe('YT7400000000009');
    expect(host.context.ordersRepo.get('taobao:900')?.packState).toBe('shipped');
  });

  it('an op from a newer Packdesk is kept, not dropped, while the cursor moves on; a second delivery changes nothing', () => {
    const host = station();
    const { applier, meta } = host.context.sync;
    const future = entry('future.op', { anything: true });
    const delta = entry('stock.delta', { id: 'd-1', skuCode: 'SKU-1', delta: 5, reason: 'in' });
    applier.applyPage([future, delta], delta.hubSeq);
    applier.applyPage([future, delta], delta.hubSeq);
    expect(meta.cursor()).toBe(delta.hubSeq);
    expect(applier.parkedCount()).toBe(1);
    expect(host.context.catalogRepo.onHand('SKU-1')).toBe(5);
    applier.retryParked();
    expect(applier.parkedCount()).toBe(1);
  });

  it('entries parked by an older version are applied when the upgraded station starts', () => {
    const first = station();
    // Stand-in for an upgrade: an entry this build can read, parked by a build that could not.
    const parked = entry('stock.delta', { id: 'd-parked', skuCode: 'SKU-9', delta: 7, reason: 'in' });
    first.context.db.prepare("INSERT INTO pending_unknown (hub_seq, entry, waiting_for) VALUES (?, ?, 'upgrade')").run(parked.hubSeq, JSON.stringify(parked));
    first.close();
    const upgraded = createTempHost({ dataDir: first.dataDir, sync: { autoSync: false } });
    hosts.push(upgraded);
    expect(upgraded.context.sync.applier.parkedCount()).toBe(0);
    expect(upgraded.context.catalogRepo.onHand('SKU-9')).toBe(7);
  });

  it('a flag only counts when the hub wrote it: a forged one is kept aside and this bench is told', () => {
    const host = station();
    const flag = { flagId: 'f-1', kind: 'ship.double', orderId: null, stationIds: [], opIds: [], detail: 'x' };
    const forged = entry('flag.raised', flag);
    const real = entry('flag.raised', { ...flag, flagId: 'f-2' }, { stationId: 'hub', stationSeq: null });
    host.context.sync.applier.applyPage([forged, real], real.hubSeq);
    const flags = host.context.sync.flags.list(true, (id) => id);
    expect(flags.map((f) => [f.flagId, f.kind])).toEqual([['f-2', 'ship.double'], [`local:${forged.hubSeq}`, 'sync.entry-unapplied']]);
    expect(flags[1]?.message).toMatchObject({ key: 'flagText.entryUnapplied', params: { type: { key: 'audit.ops.flag.raised' }, reason: { key: 'opRefusal.hubOnly' } } });
    expect(host.context.sync.meta.cursor()).toBe(real.hubSeq);
  });

  it("another station's older import does not overwrite this station's newer one the hub has not ordered yet", async () => {
    const host = station();
    const mine = { ...order('901'), buyerMessage: '本站新导入' };
    host.context.db.transaction(() => host.context.recorder.record('order.imported', mine as never))();
    const theirs = entry('order.imported', { ...order('901'), buyerMessage: '别站旧导入' });
    host.context.sync.applier.applyPage([theirs], theirs.hubSeq);
    expect(host.context.ordersRepo.get(mine.id)?.buyerMessage).toBe('本站新导入');
  });

  it('an entry that fails its schema, or whose applying fails, is kept with its reason and flagged here; the entries after it apply', () => {
    const host = station();
    const { applier, meta, flags } = host.context.sync;
    // An old log's poison: no receiver. Then one whose lines clash (two line 1s): it passes its schema, and writing it fails.
    const { receiver: _gone, ...noReceiver } = order('910');
    const poisoned = entry('order.imported', noReceiver);
    const line = order('911').lines[0]!;
    const clashing = entry('order.imported', { ...order('911'), lines: [line, { ...line, title: 'again' }] });
    const good = entry('order.imported', order('912'));
    applier.applyPage([poisoned, clashing, good], good.hubSeq);
    expect(meta.cursor()).toBe(good.hubSeq);
    expect(host.context.ordersRepo.get('taobao:912')).not.toBeNull();
    expect(host.context.ordersRepo.get('taobao:911')).toBeNull();
    expect(applier.parkedCount()).toBe(2);
    const local = flags.list(true, (id) => id).filter((f) => f.kind === 'sync.entry-unapplied');
    expect(local.map((f) => f.message)).toEqual([
      expect.objectContaining({ params: expect.objectContaining({ hubSeq: clashing.hubSeq, reason: expect.objectContaining({ key: 'sync.applyFailed' }) }) }),
      expect.objectContaining({ params: expect.objectContaining({ hubSeq: poisoned.hubSeq, reason: expect.objectContaining({ key: 'opRefusal.invalid', params: expect.objectContaining({ field: 'receiver' }) }) }) }),
    ]);
    // Closing such a flag is this bench's business alone: nothing goes to the hub.
    const before = host.context.sync.service.status().pendingOps;
    host.context.sync.resolveLocalFlag(local[0]!.flagId, 'seen');
    expect(host.context.sync.service.status().pendingOps).toBe(before);
  });
});
