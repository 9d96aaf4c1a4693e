import { describe, expect, it } from 'vitest';
import { hubBackends, startTestHub } from '../helpers/hub-db';
import { barcodeOf } from '../host/host-client';
import { packAndShip, pairedStation, shippable, shopHarness, type Station, twoStationShop } from '../helpers/sync-shop';

/** Users and carrier rules belong to the shop once paired (issue 7): made at an admin's PC, known at every bench. */
describe.each(hubBackends)('shop-wide users and rules (%s)', (backend) => {
  const { storage, open } = shopHarness(backend);
  async function shop() {
    const hub = await startTestHub(await storage.fresh());
    open.push(hub);
    const { a: sup, b: packer, orders } = await twoStationShop(hub);
    const office = await pairedStation(hub, '办公室', 'admin');
    open.push(sup.host, packer.host, office.host);
    return { hub, office, sup, packer, orders };
  }
  const flags = async (s: Station) => (await s.call('flags.list', { open: true })).flags;
  const syncAll = async (...stations: Station[]) => {
    for (const s of stations) await s.sync();
    for (const s of stations) await s.sync();
  };

  it('a user made at the office logs in at every bench, offline too; their PIN authorises a packer bench, the bench\'s own admin does not', async () => {
    const { hub, office, sup, packer, orders } = await shop();
    await office.call('users.save', { name: '李主管', role: 'supervisor', pin: '5678', badge: 'SUP-0001' });
    await office.call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await syncAll(office, packer, sup);

    // The packer bench is cut off from the hub: the shop's users still log in there.
    await hub.close();
    await packer.call('session.logout', {});
    expect((await packer.call('session.login', { pin: '2468' })).user).toMatchObject({ name: '小王', role: 'packer' });
    expect((await packer.call('session.login', { badge: 'SUP-0001' })).user).toMatchObject({ name: '李主管', role: 'supervisor' });
    await packer.call('session.login', { pin: '2468' });

    // A parcel, then its void with the supervisor's PIN: recorded here at once, carried with who authorised it.
    const parcel = await packAndShip(packer, orders.find(shippable)!);
    const voided = await packer.call('shipments.void', { id: parcel.id, reason: '面单打错', authorizerPin: '5678' });
    expect(voided.voidedAt).not.toBeNull();
    const authorised = packer.host.context.db.prepare("SELECT authorized_by FROM outbox WHERE type = 'shipment.voided'").pluck().get();
    const supervisorId = office.host.context.db.prepare("SELECT id FROM users WHERE name = '李主管'").pluck().get();
    expect(authorised).toBe(supervisorId);
    // The bench's own factory admin (PIN 0000) is no user of the shop: it cannot authorise anything here.
    const other = await packAndShip(packer, orders.filter(shippable)[1]!);
    await expect(packer.call('shipments.void', { id: other.id, reason: '测试', authorizerPin: '0000' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the hub accepts a packer bench\'s void authorised by a shop supervisor, and every bench sees it', async () => {
    const { office, sup, packer, orders } = await shop();
    await office.call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    await syncAll(office, packer, sup);
    await packer.call('session.logout', {});
    await packer.call('session.login', { pin: '0000' });
    const parcel = await packAndShip(packer, orders.find(shippable)!);
    await packer.call('shipments.void', { id: parcel.id, reason: '面单打错', authorizerPin: '5678' });
    await syncAll(packer, sup);
    const atSup = (await sup.call('shipments.list', { query: parcel.trackingNo, state: 'all', limit: 5, offset: 0 })).shipments;
    expect(atSup.map((s) => s.voidedAt !== null)).toEqual([true]);
    expect((await flags(sup)).map((f) => f.kind)).not.toContain('op.rejected');
  });

  it('one badge given to two people at two benches: the first the hub orders keeps it, the other loses it everywhere, and it is flagged', async () => {
    const { hub, office, sup, packer } = await shop();
    const office2 = await pairedStation(hub, '仓库办公室', 'admin');
    open.push(office2.host);
    await syncAll(office, office2);
    await office.call('users.save', { name: '张三', role: 'packer', pin: '1111', badge: 'EMP-7' });
    await office2.call('users.save', { name: '李四', role: 'packer', pin: '2222', badge: 'EMP-7' });
    await syncAll(office, office2, packer, sup);
    for (const s of [office, office2, packer, sup]) {
      await s.call('session.logout', {});
      expect((await s.call('session.login', { badge: 'EMP-7' })).user?.name, s.name).toBe('张三');
    }
    expect((await flags(sup)).find((f) => f.kind === 'user.badge-clash')?.message).toMatchObject({ key: 'flagText.badgeClash', params: { user: '李四' } });
    // 李四 keeps the PIN.
    await packer.call('session.logout', {});
    expect((await packer.call('session.login', { pin: '2222' })).user?.name).toBe('李四');
  });

  it('one user changed at two admin benches that had not seen each other\'s change: the later save stands everywhere, and it is flagged', async () => {
    const { hub, office, sup, packer } = await shop();
    const office2 = await pairedStation(hub, '仓库办公室', 'admin');
    open.push(office2.host);
    const made = await office.call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await syncAll(office, office2, packer);
    // One office disables 小王 while the other, unaware, makes 小王 a supervisor.
    await office.call('users.save', { id: made.id, name: '小王', role: 'packer', active: false });
    await office2.call('users.save', { id: made.id, name: '小王', role: 'supervisor' });
    await office.sync();
    await syncAll(office2, packer, office, sup);
    for (const s of [office, office2, packer]) {
      expect((await s.call('users.list', {})).find((u) => u.id === made.id), s.name).toMatchObject({ role: 'supervisor', active: true });
    }
    const flagged = (await flags(sup)).filter((f) => f.kind === 'user.concurrent-edit');
    expect(flagged.map((f) => f.message)).toEqual([{ key: 'flagText.userConcurrent', params: { user: '小王' } }]);
  });

  it('carrier rules are the shop\'s: the last save the hub orders stands everywhere, and two benches editing unseen are flagged', async () => {
    const { office, sup, packer } = await shop();
    await syncAll(office, sup, packer);
    await office.call('carriers.saveRules', { rules: [], defaultCarrier: 'ZTO' });
    await sup.call('carriers.saveRules', { rules: [{ carrierCode: 'SF', provinces: ['北京'], minWeightG: null, maxWeightG: null, skuCodes: [] }], defaultCarrier: 'YTO' });
    await office.sync();
    await syncAll(sup, packer, office);
    const rules = await Promise.all([office, sup, packer].map((s) => s.call('carriers.getRules', {})));
    expect(rules.map((r) => r.defaultCarrier)).toEqual(['YTO', 'YTO', 'YTO']);
    expect(rules[2]!.rules.map((r) => r.carrierCode)).toEqual(['SF']);
    expect((await flags(packer)).map((f) => f.kind)).toContain('rules.concurrent-edit');
  });

  it('inbox thresholds changed at two benches that had not seen each other\'s change: the later stands everywhere and the supervisor is told', async () => {
    const { office, sup, packer } = await shop();
    await syncAll(office, sup, packer);
    const base = await office.call('inbox.settings', {});
    // Each bench saves while the other's save has not reached it.
    await office.call('inbox.saveSettings', { ...base, pickupTime: '15:00' });
    await sup.call('inbox.saveSettings', { ...base, deadlineRiskHours: 12 });
    await office.sync();
    await syncAll(sup, packer, office);
    const everywhere = await Promise.all([office, sup, packer].map((s) => s.call('inbox.settings', {})));
    expect(everywhere.map((x) => [x.pickupTime, x.deadlineRiskHours])).toEqual([['16:00', 12], ['16:00', 12], ['16:00', 12]]);
    const rows = (await sup.call('inbox.list', { kind: 'sync-conflict' })).rows.filter((r) => r.flagKind === 'settings.concurrent-edit');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.benches.map((b) => b.name).sort()).toEqual(['办公室', '打包台 A']);
    expect(rows[0]!.evidence).toMatchObject({ key: 'flagText.settingsConcurrent' });

    // A change made after seeing the last one overwrites nothing unseen: no new flag.
    await office.call('inbox.saveSettings', { ...everywhere[0]!, pickupTime: '15:30' });
    await syncAll(office, sup);
    expect((await flags(sup)).filter((f) => f.kind === 'settings.concurrent-edit')).toHaveLength(1);
    expect((await sup.call('inbox.settings', {})).pickupTime).toBe('15:30');
  });

  it('one SKU changed at two benches offline: the later save stands everywhere, the SKU\'s row names both benches; the same catalog saved twice is no conflict', async () => {
    const { office, sup, packer } = await shop();
    await syncAll(office, sup, packer);
    const sku = { code: 'SKU-0001', name: '商品 SKU-0001', location: 'A-01', barcodes: [{ barcode: barcodeOf('SKU-0001'), units: 1 }] };
    // The office corrects the weight; the supervisor's bench adds a case pack, not having seen the weight.
    await office.call('catalog.saveSku', { ...sku, weightG: 250 });
    await sup.call('catalog.saveSku', { ...sku, weightG: 200, barcodes: [...sku.barcodes, { barcode: '6900000099999', units: 12 }] });
    // Both benches save SKU-0002 exactly the same way: nothing is lost, nothing to tell.
    const same = { code: 'SKU-0002', name: '同名', weightG: 300, location: 'B-02', barcodes: [{ barcode: barcodeOf('SKU-0002'), units: 1 }] };
    await office.call('catalog.saveSku', same);
    await sup.call('catalog.saveSku', same);
    await office.sync();
    await syncAll(sup, packer, office);
    const weights = await Promise.all([office, sup, packer].map(async (s) => (await s.call('catalog.list', { query: 'SKU-0001', limit: 5, offset: 0 })).skus.find((x) => x.code === 'SKU-0001')?.weightG));
    expect(weights).toEqual([200, 200, 200]);
    const rows = (await packer.call('inbox.list', { kind: 'sync-conflict' })).rows.filter((r) => r.flagKind === 'sku.concurrent-edit');
    expect(rows.map((r) => r.skuCode)).toEqual(['SKU-0001']);
    expect(rows[0]!.target).toBe('catalog');
    expect(rows[0]!.benches.map((b) => b.name).sort()).toEqual(['办公室', '打包台 A']);
    expect(rows[0]!.evidence).toMatchObject({ key: 'flagText.skuConcurrent', params: { sku: 'SKU-0001' } });
  });

  it('a barcode bound at a bench is not lost silently: a SKU save that had not seen the bind, or another bind of the same barcode, is flagged', async () => {
    const { office, sup, packer } = await shop();
    await syncAll(office, sup, packer);
    const sku = { code: 'SKU-0003', name: '商品 SKU-0003', weightG: 200, location: 'A-01', barcodes: [{ barcode: barcodeOf('SKU-0003'), units: 1 }] };
    // The supervisor's bench binds a new case-pack barcode; the office, not having seen it, saves the SKU with its old list.
    await sup.call('bench.bindBarcode', { barcode: '6909999999990', skuCode: 'SKU-0003', units: 6 });
    await sup.sync();
    await office.call('catalog.saveSku', { ...sku, weightG: 220 });
    // The same new barcode bound to two different SKUs at the two benches.
    await sup.call('bench.bindBarcode', { barcode: '6909999999991', skuCode: 'SKU-0004', units: 1 });
    await office.call('bench.bindBarcode', { barcode: '6909999999991', skuCode: 'SKU-0005', units: 1 });
    // The other way round: a save ordered first, then a bind made without having seen it. Nothing is lost.
    await sup.call('catalog.saveSku', { code: 'SKU-0006', name: '商品 SKU-0006', weightG: 260, location: 'A-01', barcodes: [{ barcode: barcodeOf('SKU-0006'), units: 1 }] });
    await office.call('bench.bindBarcode', { barcode: '6909999999992', skuCode: 'SKU-0006', units: 2 });
    await sup.sync();
    await syncAll(office, sup, packer);
    const rows = (await packer.call('inbox.list', { kind: 'sync-conflict' })).rows.filter((r) => r.flagKind === 'sku.concurrent-edit');
    expect(rows.map((r) => r.evidence)).toEqual(expect.arrayContaining([
      expect.objectContaining({ key: 'flagText.skuConcurrent', params: expect.objectContaining({ sku: 'SKU-0003' }) }),
      expect.objectContaining({ key: 'flagText.barcodeConcurrent', params: { barcode: '6909999999991', sku: 'SKU-0005' } }),
    ]));
    expect(rows).toHaveLength(2);
    // Every bench agrees on the outcome: the later save and the later bind stand.
    for (const s of [office, sup, packer]) {
      const codes = async (code: string) => (await s.call('catalog.list', { query: code, limit: 5, offset: 0 })).skus.find((x) => x.code === code)?.barcodes.map((x) => x.barcode);
      expect(await codes('SKU-0003'), s.name).toEqual([barcodeOf('SKU-0003')]);
      expect(await codes('SKU-0005'), s.name).toContain('6909999999991');
      expect(await codes('SKU-0004'), s.name).not.toContain('6909999999991');
      expect(await codes('SKU-0006'), s.name).toEqual([barcodeOf('SKU-0006'), '6909999999992']);
    }
  });
});
