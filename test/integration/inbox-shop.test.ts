import { describe, expect, it } from 'vitest';
import type { InboxKind, InboxRow } from '#shared/contract/inbox.contract';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import { msg } from '#shared/i18n/message';
import { inTransaction } from '../../electron/host/db/open-database';
import { startFakeTcpPrinter } from '../fakes/tcp-printer.fake';
import { buildModel, type SyntheticOrder } from '../fixtures/synthetic-orders';
import { hubBackends, startTestHub } from '../helpers/hub-db';
import { exportFiles } from '../helpers/order-files';
import { packAndShip, pairedStation, shippable, shopHarness, SKUS, type Station, twoStationShop } from '../helpers/sync-shop';

/**
 * The inbox is the shop's: two benches and an office on one hub (SQLite and PostgreSQL) meet every
 * kind of exception; after sync each bench lists the same rows, each exception once; a supervisor
 * closes a row with a note at one bench and it leaves every bench (and the audit view names them);
 * a packer may not; rows whose condition ends (a deadline met, a label printed, a pool refilled)
 * leave by themselves.
 */
const HOUR = 3_600_000;

describe.each(hubBackends)('the exceptions inbox across benches (%s)', (backend) => {
  const { storage, open, syncAll } = shopHarness(backend);
  const inbox = async (s: Station) => (await s.call('inbox.list', {})).rows;
  /**
   * What must read the same at every bench: the row, its kind, where and about what (deadline texts
   * count minutes, so not theirs). A damage report's reporter is known only at its own bench (the
   * damage.reported op does not carry it), so not theirs either.
   */
  const shared = (rows: InboxRow[]) =>
    rows.map((r) => ({
      key: r.key, kind: r.kind, flagKind: r.flagKind, benches: r.benches.map((b) => b.id).sort(), orderId: r.orderId,
      trackingNo: r.trackingNo, skuCode: r.skuCode, people: r.kind === 'damage' ? [] : r.people,
      // Who holds a claim is named where that user is known (A's own factory administrator is not known at B): its bench is everywhere.
      evidence: r.derived ? r.evidence.key : r.flagKind === 'claim.conflict' ? r.evidence.params?.['bench'] : r.evidence,
    }));
  const kinds = (rows: InboxRow[]) => {
    const out: Partial<Record<InboxKind, number>> = {};
    for (const r of rows) out[r.kind] = (out[r.kind] ?? 0) + 1;
    return out;
  };

  it('every kind of exception shows once at every bench; resolved at one bench it leaves all; conditions that end take their rows along', async () => {
    const hub = await startTestHub(await storage.fresh());
    open.push(hub);
    const { a, b, orders } = await twoStationShop(hub);
    const office = await pairedStation(hub, '办公室', 'admin');
    open.push(a.host, b.host, office.host);
    await office.call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    await office.call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await syncAll(office, a, b);
    const printer = await startFakeTcpPrinter({ status: 0 });
    open.push(printer);
    await b.call('devices.setPrinter', { kind: 'tspl', host: printer.host, port: 9100 });
    await b.call('session.login', { pin: '2468' });

    const ready = orders.filter(shippable);
    const [both, cancelled, refunded, paperOut] = [ready[0]!, ready[1]!, ready[2]!, ready[3]!];
    const forced = ready.slice(4).find((o) => o.lines.length > 1)!;
    // Both benches pack one order, neither having heard of the other: the hub flags it twice.
    await packAndShip(a, both);
    await packAndShip(b, both);
    // A parcel whose order the platform then closes, and one whose buyer then asks a refund.
    await packAndShip(a, cancelled);
    await packAndShip(b, refunded);
    // B's printer runs out of paper on the next label.
    await until(async () => ((await b.call('printQueue.list', {})).jobs.filter((j) => j.state === 'done').length === 2 ? true : undefined));
    printer.setStatus(0x04);
    await packAndShip(b, paperOut);
    // At B, a supervisor's PIN lets the packer force a line and bind an unknown barcode; B files a damage report.
    expect((await b.call('bench.scan', { code: forced.externalId, source: 'wedge' })).outcome).toBe('opened');
    await b.call('bench.forceVerify', { lineNo: 1, authorizerPin: '5678' });
    await b.call('bench.cancel', {});
    await b.call('bench.bindBarcode', { barcode: '6909999999999', skuCode: SKUS[1]!, units: 1, authorizerPin: '5678' });
    const report = await b.call('damage.report', { orderRef: null, skuCode: SKUS[2]!, qty: 1, reason: 'leaking', note: '瓶盖松了' });
    // B's scale weighed a parcel outside its tolerance (the scale's own path is serial-devices.test.ts).
    inTransaction(b.host.context.db, () =>
      b.host.context.recorder.record('bench.exception', {
        id: 'weight-1', kind: 'weight.mismatch', state: 'open', orderId: `taobao:${paperOut.externalId}`, trackingNo: null, ref: null,
        message: msg('flagText.weightMismatch', { order: paperOut.externalId, weight: 584, expected: 851, deviation: -267 }), at: new Date().toISOString(),
      }),
    );
    // A counts a SKU short below zero; the hub flags it.
    await a.call('stock.adjust', { skuCode: SKUS[3]!, delta: -150, kind: 'other', note: '盘亏' });
    // The platform: one order closed and one refund asked after their labels, two new orders due within hours.
    const model = buildModel({ orders: 30, seed: 11, skus: SKUS, quirks: false });
    const close = (o: SyntheticOrder) => Object.assign(o, { kind: 'closedRefunded' as const, refundFen: 100 });
    close(model.find((o) => o.id === cancelled.externalId)!);
    model.find((o) => o.id === refunded.externalId)!.refundFen = 100;
    await a.call('orders.import', { files: exportFiles(model) });
    const due = buildModel({ orders: 2, seed: 99, skus: SKUS, quirks: false, startMs: Date.now() - 44 * HOUR }).map((o) =>
      Object.assign(o, { kind: 'wait' as const, paidMs: o.createdMs, trackingNo: '', carrierName: '', refundFen: 0, lines: o.lines.map((l) => ({ ...l, codeIn: 'outer' as const })) }),
    );
    await a.call('orders.import', { files: exportFiles(due, Date.now()) });
    // The shop's threshold for a low pool: more than the shop holds.
    await a.call('inbox.saveSettings', { deadlineRiskHours: 6, poolLowFree: 5000 });
    // The label B printed on a printer out of paper.
    const failedAtB = await until(async () => (await b.call('inbox.list', { kind: 'print-failed' })).rows[0]);
    await syncAll(a, b, office);

    const atA = await inbox(a);
    expect(kinds(atA)).toEqual({
      'parcel-stop': 2, damage: 1, 'print-failed': 1, 'weight-mismatch': 1, 'deadline-risk': 2, 'stock-negative': 1, 'pool-low': 1, 'sync-conflict': 2,
      'force-verify': 1, 'barcode-bound': 1,
    });
    for (const s of [b, office]) expect(shared(await inbox(s)), s.name).toEqual(shared(atA));
    for (const s of [a, b, office]) expect((await s.call('inbox.counts', {})).total, s.name).toBe(atA.length);
    const row = (kind: InboxKind) => atA.find((r) => r.kind === kind)!;
    const benchB = (await b.call('sync.status', {})).stationId;
    expect(atA.filter((r) => r.kind === 'sync-conflict').map((r) => r.flagKind).sort()).toEqual(['claim.conflict', 'ship.double']);
    expect(atA.filter((r) => r.kind === 'parcel-stop').map((r) => [r.orderExternalId, r.closes]).sort()).toEqual(
      [[cancelled.externalId, 'flag'], [refunded.externalId, 'note']].sort(),
    );
    expect(row('damage')).toMatchObject({ refId: report.id, benches: [{ id: benchB, name: '打包台 B', thisBench: false }] });
    expect(row('force-verify')).toMatchObject({ orderExternalId: forced.externalId, people: ['小王', '李主管'], benches: [{ name: '打包台 B' }] });
    expect(row('print-failed')).toMatchObject({ key: failedAtB.key, trackingNo: failedAtB.trackingNo, benches: [{ name: '打包台 B', thisBench: false }] });
    expect(row('pool-low').evidence).toMatchObject({ key: 'inbox.evidence.poolLowShop', params: { carrier: { key: 'carrierNames.YTO' }, threshold: 5000 } });
    const atB = await a.call('inbox.list', { bench: benchB });
    expect(atB.rows.map((r) => r.kind).sort()).toEqual(
      ['barcode-bound', 'damage', 'force-verify', 'print-failed', 'sync-conflict', 'sync-conflict', 'weight-mismatch'].sort(),
    );
    // The filter's chips count B's rows; the badge's counts stay the shop's.
    expect(atB.benchCounts).toMatchObject({ total: 7, byKind: { 'sync-conflict': 2, damage: 1 } });
    expect(atB.counts.total).toBeGreaterThan(7);
    expect((await a.call('inbox.list', {})).benchCounts).toBeUndefined();

    // A packer cannot close a row; a supervisor at any bench can, with a note, and every bench follows.
    await expect(b.call('inbox.resolve', { key: row('force-verify').key, note: '看过了' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await b.call('inbox.resolve', { key: row('weight-mismatch').key, note: '少装一件，已补', authorizerPin: '5678' });
    await a.call('session.login', { pin: '5678' });
    await a.call('inbox.resolve', { key: row('force-verify').key, note: '已核对实物' });
    const conflict = atA.find((r) => r.flagKind === 'ship.double')!;
    await a.call('inbox.resolve', { key: conflict.key, note: '第二个包裹已拦截' });
    // B's printer gets paper and the label prints; B ships one of the orders that are due; the hub gets a new roll.
    printer.setStatus(0);
    await b.call('printQueue.retry', { id: failedAtB.refId! });
    await packAndShip(b, { externalId: due[0]!.id, lines: due[0]!.lines.map((l) => ({ skuCode: l.sku, qty: l.qty })) } as unknown as ImportedOrder);
    await hub.hub.importPool('YTO', Array.from({ length: 5000 }, (_, i) => `YT75${String(10_000_000_000 + i)}`));
    await until(async () => ((await b.call('inbox.list', { kind: 'print-failed' })).rows.length === 0 ? true : undefined));
    await syncAll(a, b, office);

    const after = await inbox(a);
    expect(kinds(after)).toEqual({
      'parcel-stop': 2, damage: 1, 'deadline-risk': 1, 'stock-negative': 1, 'sync-conflict': 1, 'barcode-bound': 1,
    });
    for (const s of [b, office]) expect(shared(await inbox(s)), s.name).toEqual(shared(after));
    const notes = (await office.call('inbox.resolved', {})).resolutions.map((r) => [r.kind, r.note, r.by, r.authorizedBy]);
    // Who closed it, and whose PIN it rested on when not theirs: a flag's too.
    expect(notes).toEqual(expect.arrayContaining([
      ['weight-mismatch', '少装一件，已补', '小王', '李主管'], ['force-verify', '已核对实物', '李主管', null], ['sync-conflict', '第二个包裹已拦截', '李主管', null],
    ]));
    const audited = (await office.call('audit.list', { filter: 'authorized' })).entries.filter((e) => e.what.key === 'audit.ops.inbox.resolved');
    // Named by the order they were about (then its SKU or parcel), not by the row's key.
    expect(audited.map((e) => [e.target.split(' · ')[0], e.user?.name, e.authorizedBy?.name, e.bench?.name]).sort()).toEqual(
      // Who did it and on whose authority, pulled from the other benches: the packer at B with 李主管's PIN, 李主管 at A.
      [[row('weight-mismatch').orderExternalId, '小王', '李主管', '打包台 B'], [row('force-verify').orderExternalId, '李主管', '李主管', '打包台 A']].sort(),
    );
  });
});

/** Waits for what happens off the scan path (the label queue) or after a sync. */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (const giveUp = Date.now() + 20_000; Date.now() < giveUp; ) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}

