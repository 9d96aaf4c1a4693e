import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubHosting } from '../../electron/hub/hub-hosting';
import { hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import { saveHubWaybillKeys } from '../../electron/hub/waybills/hub-waybill-keys';
import { startKuaidi100LabelFake, type Kuaidi100LabelFake } from '../fakes/kuaidi100-label.fake';
import { startCuttableProxy, type CuttableProxy } from '../fakes/tcp-proxy.fake';
import { hubStorage, startTestHub, type TestHub } from '../helpers/hub-db';
import { packAndShip, pairedStation, shippable, SKUS, station } from '../helpers/sync-shop';
import { barcodeOf } from '../host/host-client';
import { generateTaobaoClassic } from '../fixtures/taobao-export.generator';

/**
 * A shop whose hub holds the 快递100 account: a supervisor's bench fetches numbers for every order
 * awaiting shipment through the hub; another bench, its cable then pulled, packs with them
 * offline; its void's cancel waits for the cable and then the hub sends it.
 */
describe('e-waybills in a shop with a hub', () => {
  const storage = hubStorage('sqlite');
  let hub: TestHub | undefined;
  let fake: Kuaidi100LabelFake | undefined;
  let cable: CuttableProxy | undefined;
  afterEach(async () => {
    await cable?.close();
    await hub?.close();
    await fake?.close();
  });

  it('the hub fetches for every bench; a bench packs offline with the numbers; a void is cancelled by the hub once the bench is back', async () => {
    const options = await storage.fresh();
    fake = await startKuaidi100LabelFake({ key: 'SHOPKEY', secret: 'SHOPSECRET', partners: { yuantong: 'YT-SHOP' } });
    saveHubWaybillKeys(options.dataDir!, 'kuaidi100', { key: 'SHOPKEY', secret: 'SHOPSECRET', accounts: { YTO: { partnerId: 'YT-SHOP' } }, endpoint: fake.url });
    hub = await startTestHub({ ...options, trackingEveryMs: 0, waybillCancelEveryMs: 0 });
    cable = await startCuttableProxy({ host: '127.0.0.1', port: Number(new URL(hub.url).port) });

    const a = await pairedStation(hub, '打包台 A', 'supervisor');
    // B reaches the hub through a cable that can be pulled.
    const b = station('打包台 B');
    await b.call('session.login', { pin: '0000' });
    const { code } = await hub.hub.newPairingCode('supervisor');
    await b.call('sync.pair', { hubUrl: cable.url.replace('http:', 'https:'), code, fingerprint: hub.fingerprint, stationName: '打包台 B' });

    for (const sku of SKUS) {
      await a.call('catalog.saveSku', { code: sku, name: `商品 ${sku}`, weightG: 200, location: 'A-01', barcodes: [{ barcode: barcodeOf(sku), units: 1 }] });
      await a.call('stock.adjust', { skuCode: sku, delta: 100, kind: 'other', note: '期初' });
    }
    await a.call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
    await a.call('settings.update', { sender: { name: '王店长', phone: '13800000000', address: '广东省 东莞市 长安镇 振安路1号' } });
    const generated = generateTaobaoClassic({ orders: 30, seed: 11, skus: SKUS, quirks: false });
    await a.call('orders.import', {
      files: [
        { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
        { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
      ],
    });
    await a.sync();

    // The bench has no account of its own: the hub's is the one it sees and uses.
    const providers = await a.call('waybills.providers', {});
    expect(providers).toMatchObject({ viaHub: true, hostsHub: false });
    expect(providers.providers.find((p) => p.name === 'kuaidi100')).toMatchObject({ where: 'hub', carriers: ['YTO'] });
    const awaiting = (await a.call('waybills.status', {})).awaitingWithout;
    const report = await a.call('waybills.fetch', { provider: 'kuaidi100', awaiting: true });
    expect(report).toMatchObject({ issued: awaiting, failed: [] });
    expect((await a.call('waybills.status', {})).ready).toBe(awaiting);

    // A prints them for the pickers (打单); B learns the numbers, and that they are on paper, then its cable is pulled.
    expect((await a.call('waybills.print', {})).queued).toBe(awaiting);
    await a.host.context.labels.idle();
    await a.sync();
    await b.sync();
    expect((await b.call('waybills.status', {})).ready).toBe(awaiting);
    await cable.cut();
    const toPack = generated.orders.filter(shippable).slice(0, 5);
    const shipped = [];
    for (const order of toPack) {
      const [fetched] = await b.call('waybills.ofOrder', { ref: order.externalId });
      const parcel = await packAndShip(b, order);
      expect(parcel.trackingNo).toBe(fetched!.trackingNo);
      shipped.push(parcel);
    }
    expect((await b.call('sync.now', {})).state).toBe('offline');
    // The labels came from A's printer: B printed none of them again.
    await b.host.context.labels.idle();
    expect(existsSync(join(b.host.dataDir, 'labels', `${shipped[0]!.trackingNo}.png`))).toBe(false);
    expect(existsSync(join(a.host.dataDir, 'labels', `${shipped[0]!.trackingNo}.png`))).toBe(true);

    // A void while offline: the cancel is the hub's to send (it holds the account), after B is back.
    await b.call('shipments.void', { id: shipped[0]!.id, reason: '面单打印错位，作废重打' });
    expect(fake.live()).toContain(shipped[0]!.trackingNo);
    await cable.heal();
    await b.sync();
    await hub.hub.waybills.sendCancelsNow();
    expect(fake.live()).not.toContain(shipped[0]!.trackingNo);
    await a.sync();
    expect((await a.call('waybills.ofOrder', { ref: shipped[0]!.trackingNo }))[0]?.state).toBe('cancelled');
    // Every other fetched number is still live at the provider: none was issued twice.
    expect(fake.live()).toHaveLength(awaiting - 1);
  });

  it('at the PC that hosts the hub, the admin\'s account is the hub\'s; a bench paired elsewhere is told to enter it at the hub', async () => {
    fake = await startKuaidi100LabelFake({ key: 'HOSTKEY', secret: 'HOSTSECRET', partners: { yuantong: 'YT-HOST' } });
    const host = createTempHost({ sync: { autoSync: false, hubHosting: createHubHosting({ appVersion: '0.1.0-test' }) } });
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    expect(await call('hub.setHosting', { enabled: true, port })).toMatchObject({ running: true });
    try {
      await call('waybills.saveKeys', { provider: 'kuaidi100', keys: { key: 'HOSTKEY', secret: 'HOSTSECRET', accounts: { YTO: { partnerId: 'YT-HOST' } }, endpoint: fake.url } });
      expect(statSync(join(host.dataDir, 'hub-waybill-keys.json')).mode & 0o777).toBe(0o600);
      expect(existsSync(join(host.dataDir, 'waybill-keys.json'))).toBe(false);
      const providers = await call('waybills.providers', {});
      expect(providers).toMatchObject({ viaHub: true, hostsHub: true });
      expect(providers.providers.find((p) => p.name === 'kuaidi100')).toMatchObject({ where: 'hub', carriers: ['YTO'] });
      expect(await call('waybills.test', { provider: 'kuaidi100' })).toEqual({ ok: true, message: null });

      // Another bench of the shop keeps no account of its own.
      const other = station('打包台 C');
      await other.call('session.login', { pin: '0000' });
      const { code } = await call('hub.newPairingCode', { role: 'admin' });
      await other.call('sync.pair', { hubUrl: `https://127.0.0.1:${port}`, code, fingerprint: (await call('hub.hosting', {})).fingerprint!, stationName: '打包台 C' });
      await expect(other.call('waybills.saveKeys', { provider: 'kuaidi100', keys: { key: 'x', secret: 'y', accounts: {} } })).rejects.toMatchObject({ msg: { key: 'waybills.keysAtHub' } });
      other.host.close();
    } finally {
      await call('hub.setHosting', { enabled: false, port });
      host.close();
    }
  });
});
