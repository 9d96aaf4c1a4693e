import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '#shared/contract/hub.contract';
import { msg } from '#shared/i18n/message';
import { currentOpVersion, isKnownOpType } from '#shared/ops/index';
import { createTempHost } from '../../../test/host/temp-host';
import { barcodeOf, hostCaller } from '../../../test/host/host-client';
import { shippable, stationWithOrders } from '../../../test/host/station-with-orders';

const BENCH_B = 'station-b';
let seq = 0;
const entry = (type: string, payload: unknown, extra: Partial<LogEntry> = {}): LogEntry => ({
  hubSeq: ++seq, opId: `op-${seq}`, stationId: BENCH_B, stationSeq: seq, type, version: isKnownOpType(type) ? currentOpVersion(type) : 1, payload, outcome: 'accepted', reason: null,
  createdAt: '2026-11-26T08:00:00.000Z', userId: null, authorizedBy: null, ...extra,
});
const user = (id: string, name: string, role: string, benchOf: string | null = null) =>
  entry('user.saved', { id, name, role, pinHash: null, badgeHash: null, active: true, benchOf, seenHubSeq: 0 });
const order = (id: string) => ({
  id: `taobao:${id}`, platform: 'taobao', externalId: id, platformStatus: 'WAIT_SELLER_SEND_GOODS', buyerNick: 'b', buyerMessage: '', sellerMemo: '',
  receiver: { name: '张三', mobile: '13800000000', phone: '', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号', zip: '' },
  paidFen: 100, postageFen: 0, createdAt: null, paidAt: null, shipDeadline: null, carrierName: '', trackingNo: '',
  lines: [{ lineNo: 1, subOrderId: null, skuCode: 'SKU-1', title: 't', props: null, qty: 1, priceFen: 100, refundStatus: null }],
});
const adjust = (id: string) => ({ id, skuCode: 'SKU-1', delta: 5, cause: 'adjust', ref: null, note: '', bucket: 'sellable', kind: 'other' });
const at = (minute: number) => `2026-11-26T08:${String(minute).padStart(2, '0')}:00.000Z`;

describe('the audit view', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));
  const station = () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    return { host, call: hostCaller(host) };
  };

  it('lists a supervisor\'s PIN at a packer\'s login: the action with who did it and who authorised it, and the change it authorised', async () => {
    const { call } = station();
    await call('session.login', { pin: '0000' });
    await call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    await call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await call('catalog.saveSku', { code: 'SKU-1', name: '杯子', weightG: 200, location: 'A-01', barcodes: [] });
    await call('session.login', { pin: '2468' });
    await call('bench.bindBarcode', { barcode: '6901234567892', skuCode: 'SKU-1', units: 2, authorizerPin: '5678' });

    // A packer may not read it.
    await expect(call('audit.list', { filter: 'all' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await call('session.login', { pin: '5678' });
    const { entries } = await call('audit.list', { filter: 'authorized' });
    const bound = entries.filter((e) => e.target === '6901234567892');
    const thisBench = { name: expect.any(String), thisBench: true };
    expect(bound).toHaveLength(2);
    expect(bound.find((e) => e.kind === 'action')).toMatchObject({
      bench: thisBench, what: { key: 'audit.actions.bindBarcode' }, note: { key: 'audit.notes.boundTo', params: { sku: 'SKU-1', units: 2 } },
      user: { name: '小王', bench: null }, authorizedBy: { name: '李主管', bench: null }, count: 1,
    });
    expect(bound.find((e) => e.kind === 'op')).toMatchObject({
      bench: thisBench, what: { key: 'audit.ops.barcode.bound' }, user: { name: '小王', bench: null }, authorizedBy: { name: '李主管', bench: null },
    });
    // The SKU the factory admin saved rests on the admin's own authority: the admin did it (it says whose admin that is), on their own say.
    const admin = { name: '管理员', bench: thisBench };
    expect(entries.find((e) => e.what.key === 'audit.ops.sku.saved')).toMatchObject({ target: 'SKU-1', user: admin, authorizedBy: admin });
  });

  it('lists other benches\' entries newest first with their bench; an import is one line; paged and filtered', async () => {
    const { host, call } = station();
    host.context.sync.meta.setStationNames({ [BENCH_B]: '打包台 B' });
    const entries = [
      user('sup-1', '李主管', 'supervisor'),
      user('adm-b', '管理员', 'admin', BENCH_B),
      user('pk-1', '小王', 'packer'),
      entry('audit.recorded', { id: 'a-lock', at: at(0), userId: null, authorizerId: null, action: 'session.pinLockout', target: 'bench', detail: { failures: 5, lockSeconds: 30 } }, { createdAt: at(0) }),
      ...['1001', '1002', '1003'].map((id) => entry('order.imported', order(id), { createdAt: at(1), authorizedBy: 'sup-1' })),
      entry('stock.delta', adjust('d-1'), { createdAt: at(2), authorizedBy: 'adm-b' }),
      entry('audit.recorded', {
        id: 'a-void', at: at(3), userId: 'pk-1', authorizerId: 'sup-1', action: 'shipment.void', target: 'sh-1', detail: { trackingNo: 'YT7400000000009', reason: '面单打错' },
      }, { createdAt: at(3) }),
    ];
    host.context.sync.applier.applyPage(entries, seq);
    await call('session.login', { pin: '0000' });

    const all = await call('audit.list', { filter: 'all' });
    const benchB = { name: '打包台 B', thisBench: false };
    expect(all.total).toBe(4);
    expect(all.entries.map((e) => [e.at, e.kind, e.what.key])).toEqual([
      [at(3), 'action', 'audit.actions.shipmentVoid'],
      [at(2), 'op', 'audit.ops.stock.delta'],
      [at(1), 'op', 'audit.ops.order.imported'],
      [at(0), 'action', 'audit.actions.pinLockout'],
    ]);
    expect(all.entries[0]).toMatchObject({
      bench: benchB, target: 'YT7400000000009', note: { key: 'audit.notes.reason', params: { reason: '面单打错' } },
      user: { name: '小王', bench: null }, authorizedBy: { name: '李主管', bench: null },
    });
    expect(all.entries[1]).toMatchObject({ bench: benchB, target: 'SKU-1', count: 1, authorizedBy: { name: '管理员', bench: benchB } });
    expect(all.entries[2]).toMatchObject({ bench: benchB, count: 3, target: '1001', authorizedBy: { name: '李主管' } });
    expect(all.entries[3]).toMatchObject({ user: null, authorizedBy: null, target: '', note: { key: 'audit.notes.lockout', params: { failures: 5, seconds: 30 } } });

    const authorized = await call('audit.list', { filter: 'authorized', limit: 2, offset: 1 });
    expect(authorized.total).toBe(3);
    expect(authorized.entries.map((e) => e.at)).toEqual([at(2), at(1)]);
  });

  it('shows as authority only what the op needed and the named user holds', async () => {
    const { host, call } = station();
    const page = [
      user('sup-1', '李主管', 'supervisor'),
      user('pk-1', '小王', 'packer'),
      // A claim no rule checks: a scan is a packer's own, so is a parcel's stock.
      entry('scan.recorded', { id: 'sc-1', orderId: null, packerId: 'pk-1', code: 'X', outcome: 'not_found', skuCode: null, lineNo: null, units: 0, at: at(5) }, { authorizedBy: 'sup-1' }),
      entry('stock.delta', { id: 'd-ship', skuCode: 'SKU-1', delta: -1, cause: 'ship', ref: 'sh-9', note: '', bucket: 'sellable', kind: null }, { authorizedBy: 'sup-1' }),
      // A packer, or a user nobody knows, authorises nothing.
      entry('stock.delta', adjust('d-2'), { authorizedBy: 'pk-1' }),
      entry('stock.delta', adjust('d-3'), { authorizedBy: 'ghost-9' }),
      entry('stock.delta', adjust('d-4'), { authorizedBy: 'sup-1' }),
    ];
    host.context.sync.applier.applyPage(page, seq);
    await call('session.login', { pin: '0000' });
    const { entries } = await call('audit.list', { filter: 'authorized' });
    expect(entries.map((e) => [e.what.key, e.authorizedBy?.name])).toEqual([['audit.ops.stock.delta', '李主管']]);
    // It says by how much (it named only the SKU).
    expect(entries[0]!.note).toEqual({ key: 'audit.notes.stockDelta', params: { delta: '+5' } });
    // Everything still took effect: only the claim of authority is not shown.
    expect(host.context.catalogRepo.onHand('SKU-1')).toBe(5 * 3 - 1);
  });

  it('names the bench of every factory administrator in the users list', async () => {
    const { host, call } = station();
    host.context.sync.meta.setStationNames({ [BENCH_B]: '打包台 B' });
    host.context.sync.applier.applyPage([user('adm-b', '管理员', 'admin', BENCH_B), user('sup-1', '李主管', 'supervisor')], seq);
    await call('session.login', { pin: '0000' });
    const users = await call('users.list', {});
    expect(users.map((u) => [u.name, u.bench])).toEqual(
      expect.arrayContaining([
        ['管理员', { name: expect.any(String), thisBench: true }],
        ['管理员', { name: '打包台 B', thisBench: false }],
        ['李主管', null],
      ]),
    );
    const saved = await call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    expect(saved.bench).toBeNull();
  });

  it('filters by kind, person, bench, Beijing day and words; the export is that list as a CSV Excel opens', async () => {
    const { host, call } = station();
    host.context.sync.meta.setStationNames({ [BENCH_B]: '打包台 B' });
    const action = (id: string, when: string, action: string, target: string, userId: string, detail: Record<string, unknown>) =>
      entry('audit.recorded', { id, at: when, userId, authorizerId: 'sup-1', action, target, detail }, { createdAt: when });
    host.context.sync.applier.applyPage([
      user('sup-1', '李主管', 'supervisor'), user('pk-1', '小王', 'packer'), user('pk-2', '小张', 'packer'),
      entry('stock.delta', adjust('d-1'), { createdAt: '2026-11-26T10:00:00.000Z', authorizedBy: 'sup-1' }),
      // 23:59 on 26 November and 00:01 on 27 November in Beijing: one minute, two days.
      action('a-force', '2026-11-26T15:59:00.000Z', 'bench.forceVerify', 'taobao:1001', 'pk-1', { lineNo: 1, units: 2 }),
      action('a-void', '2026-11-26T16:01:00.000Z', 'shipment.void', 'sh-1', 'pk-2', { trackingNo: 'YT7400000000009', reason: '面单打错' }),
      action('a-bind', '2026-11-26T16:02:00.000Z', 'catalog.bindBarcode', "=cmd|' /C calc'!A0", 'pk-2', { skuCode: 'SKU-1', units: 1 }),
    ], seq);
    await call('session.login', { pin: '0000' });
    // A damage decision made here rests on the deciding supervisor's own authority.
    await call('users.save', { name: '周主管', role: 'supervisor', pin: '5678' });
    await call('catalog.saveSku', { code: 'SKU-1', name: '杯子', weightG: 200, location: 'A-01', barcodes: [] });
    await call('session.login', { pin: '5678' });
    const report = await call('damage.report', { skuCode: 'SKU-1', qty: 1, reason: 'broken', note: '杯口裂了' });
    await call('damage.decide', { reportId: report.id, decision: 'write-off', note: '' });

    const ids = async (query: Record<string, unknown>) => (await call('audit.list', query)).entries.map((e) => (e.kind === 'action' ? e.id : e.what.key));
    expect(await ids({ kind: 'forceVerify' })).toEqual(['a-force']);
    expect(await ids({ kind: 'void' })).toEqual(['a-void']);
    expect(await ids({ people: ['pk-2'] })).toEqual(['a-bind', 'a-void']);
    expect(await ids({ people: ['sup-1'], from: '2026-11-26', to: '2026-11-26' })).toEqual(['a-force', 'audit.ops.stock.delta']);
    expect(await ids({ bench: BENCH_B, from: '2026-11-27', to: '2026-11-27' })).toEqual(['a-bind', 'a-void']);
    expect(await ids({ text: 'YT7400000000009' })).toEqual(['a-void']);
    expect(await ids({ text: '100%' })).toEqual([]);
    const damage = (await call('audit.list', { kind: 'damage' })).entries;
    expect(damage.map((e) => [e.what.key, e.category, e.bench?.thisBench, e.user?.name, e.authorizedBy?.name])).toEqual([['audit.ops.damage.decided', 'damage', true, '周主管', '周主管']]);
    // The line says what was decided, not only that something was.
    expect(damage[0]!.note).toEqual(msg('audit.notes.decided', { decision: msg('damageReview.decisions.write-off') }));
    await call('damage.decide', { reportId: report.id, decision: 'refund', note: '', amountFen: 1250 });
    expect((await call('audit.list', { kind: 'damage' })).entries[0]!.note).toEqual(
      msg('audit.notes.decidedAmount', { decision: msg('damageReview.decisions.refund'), amount: '12.50' }),
    );
    const facets = await call('audit.facets', {});
    expect(facets.benches.map((b) => [b.id === BENCH_B ? 'B' : 'here', b.thisBench])).toEqual([['here', true], ['B', false]]);
    expect(facets.people.map((p) => p.name)).toEqual(expect.arrayContaining(['李主管', '小王', '小张', '周主管']));

    const file = await call('audit.export', { bench: BENCH_B, from: '2026-11-27', lang: 'zh-CN' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.fileName).toMatch(/^审计记录-\d{12}\.csv$/);
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
    expect(rows).toEqual([
      ['时间（北京时间）', '工位', '类别', '事项', '对象', '数量', '说明', '操作人', '授权人'],
      // A target typed as a formula stays text in Excel.
      ['2026-11-27 00:02:00', '打包台 B', '绑定条码/订单行', '绑定条码', "'=cmd|' /C calc'!A0", '1', '绑定到 SKU-1 ×1', '小张', '李主管'],
      ['2026-11-27 00:01:00', '打包台 B', '作废', '作废运单', 'YT7400000000009', '1', '原因：面单打错', '小张', '李主管'],
    ]);
    expect(file).toMatchObject({ rows: 2, total: 2 });
  });

  it('exports order and tracking numbers that are all digits as ="…", so Excel keeps every digit; text cells stay as they are', async () => {
    const { host, call } = station();
    const order19 = '1000000153477864404';
    const track = '73144233224145';
    host.context.sync.meta.setStationNames({ [BENCH_B]: '打包台 B' });
    const action = (id: string, minute: number, action: string, target: string, detail: Record<string, unknown>) =>
      entry('audit.recorded', { id, at: at(minute), userId: 'pk-1', authorizerId: 'sup-1', action, target, detail }, { createdAt: at(minute) });
    host.context.sync.applier.applyPage([
      user('sup-1', '李主管', 'supervisor'), user('pk-1', '小王', 'packer'),
      action('x-force', 1, 'bench.forceVerify', `taobao:${order19}`, { lineNo: 1, units: 1 }),
      action('x-void', 2, 'shipment.void', 'sh-x', { trackingNo: track, reason: '面单打错' }),
      action('x-void-yt', 3, 'shipment.void', 'sh-y', { trackingNo: 'YT7400000000009', reason: '面单打错' }),
      action('x-bind', 4, 'catalog.bindBarcode', `=${order19}`, { skuCode: 'SKU-1', units: 1 }),
    ], seq);
    await call('session.login', { pin: '0000' });
    const file = await call('audit.export', { lang: 'zh-CN' });
    const text = Buffer.from(file.base64, 'base64').subarray(3).toString('utf8');
    const rows = parse(text) as string[][];
    const byTarget = (target: string) => rows.find((r) => r[4] === target);
    expect(byTarget(`="${order19}"`)).toMatchObject({ 3: '强制核验' });
    expect(byTarget(`="${track}"`)).toMatchObject({ 3: '作废运单', 6: '原因：面单打错' });
    expect(text).toContain(`,"=""${order19}""",`);
    expect(text).toContain(`,"=""${track}""",`);
    // Letters already keep Excel from reading a tracking number as a number: written as before.
    expect(text).toContain(',YT7400000000009,');
    // A scanned "barcode" that is a formula of digits is neutralised as before, never made a ="…".
    expect(byTarget(`'=${order19}`)).toMatchObject({ 3: '绑定条码' });
    // Only the digit-only cells are text formulas; the time, bench, kind and counts are as before.
    expect(rows.flat().filter((c) => c.startsWith('='))).toEqual([`="${track}"`, `="${order19}"`]);
    expect(rows[2]!.slice(0, 4)).toEqual(['2026-11-26 16:03:00', '打包台 B', '作废', '作废运单']);
    expect(rows.slice(1).map((r) => r[5])).toEqual(['1', '1', '1', '1']);
  });

  it('finds by the words a line shows: an order\'s number finds its void, reprint and force-verify, a tracking number its parcel\'s, a name whose they are', async () => {
    const { host, call } = station();
    // Two orders whose numbers differ in the last digit: one is never found by the other's.
    const [A, B] = ['2000000460471681041', '2000000460471681042'];
    const [trackA, trackB] = ['YT7400000000101', 'YT7400000000102'];
    const parcel = (id: string, number: string, trackingNo: string, at: string) => ({
      id, orderId: `taobao:${number}`, carrierCode: 'YTO', trackingNo, parcelNo: 1, parcelCount: 1, weightG: null, partial: false, packerId: 'pk-1', at,
      groupId: id, orderExternalId: number, reship: null,
    });
    const action = (id: string, minute: number, action: string, target: string, userId: string, detail: Record<string, unknown>) =>
      entry('audit.recorded', { id, at: at(minute), userId, authorizerId: 'sup-1', action, target, detail }, { createdAt: at(minute) });
    host.context.sync.applier.applyPage([
      user('sup-1', '李主管', 'supervisor'), user('pk-1', '小王', 'packer'), user('pk-2', '小张', 'packer'),
      entry('order.imported', order(A)), entry('order.imported', order(B)),
      // The parcels are kept by id: the void names its parcel's id, never the order.
      entry('shipment.created', parcel('sh-a', A, trackA, at(1))), entry('shipment.created', parcel('sh-b', B, trackB, at(1))),
      action('a-force', 2, 'bench.forceVerify', `taobao:${A}`, 'pk-1', { lineNo: 1, units: 1 }),
      action('a-void', 3, 'shipment.void', 'sh-a', 'pk-1', { trackingNo: trackA, reason: '面单打错' }),
      entry('shipment.voided', { id: 'sh-a', reason: '面单打错', reasonCode: 'other', at: at(3) }, { createdAt: at(3), authorizedBy: 'sup-1' }),
      action('a-reprint', 4, 'label.reprint', trackA, 'pk-1', { job: 'job-2', was: 'done', orderRef: A }),
      // A resolved inbox row is kept by its key; the view names the order and parcel behind it.
      entry('inbox.resolved', { key: 'handover-missing:sh-a', kind: 'handover-missing', note: '快递员漏收，已补交' }, { createdAt: at(5), authorizedBy: 'sup-1' }),
      action('b-force', 6, 'bench.forceVerify', `taobao:${B}`, 'pk-2', { lineNo: 1, units: 1 }),
      action('b-void', 7, 'shipment.void', 'sh-b', 'pk-2', { trackingNo: trackB, reason: '地址错' }),
      // A damage decision keeps only its report's id; the view names the report's order, SKU and parcel.
      entry('damage.reported', {
        id: 'dr-1', orderId: `taobao:${A}`, shipmentId: 'sh-a', skuCode: 'SKU-1', qty: 1, reason: 'broken', source: 'delivered', note: '', weightG: null,
        photoHashes: [], returnId: null,
      }),
      entry('damage.decided', {
        id: 'dd-1', reportId: 'dr-1', decision: 'write-off', note: '', seenHubSeq: seq, amountFen: null, carrierCode: null, trackingNo: null,
      }, { createdAt: at(8), authorizedBy: 'sup-1' }),
      // The force-verify looked at in the inbox: named by its order and the SKU of the forced line.
      entry('inbox.resolved', { key: 'audit:a-force', kind: 'force-verify', note: '已核实' }, { createdAt: at(9), authorizedBy: 'sup-1' }),
    ], seq);
    await call('session.login', { pin: '0000' });

    const found = async (text: string) => {
      const page = await call('audit.list', { text, limit: 2 });
      const all = await call('audit.list', { text });
      // Counted and paged in SQL, as the list is: the total is every line found.
      expect(page.total).toBe(all.entries.length);
      return all.entries.map((e) => (e.kind === 'action' ? e.id : e.what.key));
    };
    const ofA = ['audit.ops.inbox.resolved', 'audit.ops.damage.decided', 'audit.ops.inbox.resolved', 'a-reprint', 'audit.ops.shipment.voided', 'a-void', 'a-force'];
    expect(await found(A)).toEqual(ofA);
    const lines = (await call('audit.list', { text: A })).entries;
    expect(lines.slice(0, 3).map((e) => e.target)).toEqual([`${A} · SKU-1`, `${A} · SKU-1 · ${trackA}`, `${A} · ${trackA}`]);
    // A closed inbox row carries the note it was closed with.
    expect(lines[2]!.note).toEqual(msg('audit.notes.resolvedNote', { note: '快递员漏收，已补交' }));
    // A tracking number: that parcel's void, reprint and inbox row, and what was done on its order.
    expect(await found(trackA)).toEqual(ofA);
    expect(await found(trackA.toLowerCase())).toEqual(await found(trackA));
    // The other order's number and parcel find only its own.
    expect(await found(B)).toEqual(['b-void', 'b-force']);
    expect(await found(trackB)).toEqual(['b-void', 'b-force']);
    expect(await found('2000000460471681043')).toEqual([]);
    // Who did it and who authorised it, by the names the screen shows.
    expect(await found('小张')).toEqual(['b-void', 'b-force']);
    expect((await found('李主管')).length).toBe(9);
    // The SKU a decision's report or a forced line names.
    expect(await found('SKU-1')).toEqual(['audit.ops.inbox.resolved', 'audit.ops.damage.decided']);
    // What it stored is still found: a reason, part of a tracking number.
    expect(await found('地址')).toEqual(['b-void']);
    expect(await found('0000000102')).toEqual(['b-void']);
  });

  it('answers any input with a page or INVALID_INPUT, never an internal error', async () => {
    const { host } = station();
    await hostCaller(host)('session.login', { pin: '0000' });
    let id = 0;
    const query = {
      filter: fc.oneof(fc.constantFrom('all', 'authorized'), fc.string()),
      kind: fc.oneof(fc.constantFrom('bind', 'settings', 'damage'), fc.string()),
      people: fc.oneof(fc.array(fc.string()), fc.string()),
      bench: fc.oneof(fc.string(), fc.integer()),
      from: fc.oneof(fc.constantFrom('2026-11-27', '2026-02-30'), fc.string()),
      to: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.string()),
      text: fc.oneof(fc.constantFrom('%', '_', '\\', "'"), fc.string({ maxLength: 120 })),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('audit.list', 'audit.export'),
        fc.oneof(
          fc.anything(),
          fc.record({ ...query, limit: fc.oneof(fc.integer(), fc.double()), offset: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] }),
          fc.record(query, { requiredKeys: [] }),
        ),
        async (method, input) => {
          const r = await host.server.dispatch({ t: 'req', id: ++id, method, input });
          if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
          else expect(r.value).toMatchObject({ total: 0 });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the audit view names stock moves, counts and claim notes', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  it('a restock is one SKU with its two moves, a count says what was counted against what was known, a settled claim its note', async () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('catalog.saveSku', { code: 'SKU-1', name: '杯子', weightG: 200, location: 'A-01', barcodes: [] });
    await call('stock.adjust', { skuCode: 'SKU-1', delta: 100, kind: 'other', note: '到货' });
    const ofType = async (type: string) => (await call('audit.list', { filter: 'all' })).entries.filter((e) => e.what.key === `audit.ops.${type}`);

    const broken = await call('damage.report', { skuCode: 'SKU-1', qty: 1, reason: 'broken', note: '' });
    await call('damage.decide', { reportId: broken.id, decision: 'write-off', note: '' });
    await call('damage.decide', { reportId: broken.id, decision: 'restock', note: '' });
    const moves = await ofType('stock.delta');
    const restock = moves[0]!;
    expect(restock).toMatchObject({ target: 'SKU-1', count: 1 });
    expect(restock.note).toEqual(msg('audit.notes.stockMovedReason', { sellable: '+1', damaged: '-1', reason: msg('damageReview.decisions.restock') }));
    // The adjustment reads as before.
    expect(moves.at(-1)!.note).toEqual(msg('audit.notes.stockDeltaReason', { delta: '+100', reason: '到货' }));

    await call('stock.count', { skuCode: 'SKU-1', countedQty: 97 });
    const [count] = await ofType('stock.counted');
    expect(count).toMatchObject({ target: 'SKU-1', count: 1, note: msg('audit.notes.counted', { counted: 97, diff: '-3' }) });

    const dented = await call('damage.report', { skuCode: 'SKU-1', qty: 1, reason: 'broken', note: '' });
    await call('damage.decide', { reportId: dented.id, decision: 'claim', note: '', amountFen: 1250, carrierCode: 'YTO', trackingNo: 'YT7400000000001' });
    await call('claims.settle', { claimId: dented.id, outcome: 'paid', paidFen: 1500, note: '快递多赔了运费' });
    const [settled] = await ofType('claim.settled');
    expect(settled!.note).toEqual(msg('audit.notes.claimPaidNote', { amount: '15.00', note: '快递多赔了运费' }));
  });

  it('a closed flag or inbox row says the note it was closed with, closed here or pulled from another bench', async () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    const call = hostCaller(host);
    const flag = (flagId: string) => ({ flagId, kind: 'ship.after-cancel', orderId: null, stationIds: [], opIds: [], message: msg('flagText.entryUnapplied', { hubSeq: 1, type: 'x', reason: 'y' }) });
    host.context.sync.applier.applyPage([
      user('sup-c', '赵主管', 'supervisor'),
      entry('flag.raised', flag('f-here'), { stationId: 'hub', stationSeq: null }),
      entry('flag.raised', flag('f-there'), { stationId: 'hub', stationSeq: null }),
      // Closed at B (the hub's desk, say) on a supervisor's say, and pulled here.
      entry('flag.resolved', { flagId: 'f-there', resolution: '已联系圆通拦截B台的包裹' }, { createdAt: at(5), userId: 'sup-c', authorizedBy: 'sup-c' }),
      entry('inbox.resolved', { key: 'weight:w-1', kind: 'weight-mismatch', note: '少装一件，已补' }, { createdAt: at(6), userId: 'sup-c', authorizedBy: 'sup-c' }),
    ], seq);
    await call('session.login', { pin: '0000' });
    await call('flags.resolve', { flagId: 'f-here', resolution: '包裹已拦截' });
    const entries = (await call('audit.list', { filter: 'all' })).entries;
    const notes = entries.filter((e) => e.what.key === 'audit.ops.flag.resolved' || e.what.key === 'audit.ops.inbox.resolved').map((e) => e.note);
    expect(notes).toEqual(expect.arrayContaining(
      ['包裹已拦截', '已联系圆通拦截B台的包裹', '少装一件，已补'].map((note) => msg('audit.notes.resolvedNote', { note })),
    ));
    expect(notes).toHaveLength(3);
  });

  it('a count pulled from another bench says what it counted too', async () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    const call = hostCaller(host);
    host.context.sync.applier.applyPage([
      user('sup-c', '赵主管', 'supervisor'),
      entry('stock.counted', { id: 'c-1', skuCode: 'SKU-1', countedQty: 40, knownQty: 38 }, { authorizedBy: 'sup-c' }),
    ], seq);
    await call('session.login', { pin: '0000' });
    const [count] = (await call('audit.list', { filter: 'all' })).entries.filter((e) => e.what.key === 'audit.ops.stock.counted');
    expect(count!.note).toEqual(msg('audit.notes.counted', { counted: 40, diff: '+2' }));
  });

  it('a partial ship says how many units left and under which number, so the rest is known to be owed', async () => {
    const ctx = await stationWithOrders(20);
    hosts.push(ctx.host);
    const { call } = ctx;
    await call('settings.update', { autoCompleteOnLastScan: false });
    const order = ctx.generated.orders.find((o) => shippable(o) && o.lines.length >= 2 && new Set(o.lines.map((l) => l.skuCode)).size === o.lines.length)!;
    const first = order.lines[0]!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    for (let i = 0; i < first.qty; i++) await call('bench.scan', { code: barcodeOf(first.skuCode!), source: 'wedge' });
    const [parcel] = (await call('bench.ship', { parcelCount: 1, partial: true })).shipments;
    const [line] = (await call('audit.list', { filter: 'all' })).entries.filter((e) => e.what.key === 'audit.actions.shipPartial');
    expect(line).toMatchObject({ target: order.externalId, note: msg('audit.notes.partialShipped', { units: first.qty, tracking: parcel!.trackingNo }) });
  });
});
