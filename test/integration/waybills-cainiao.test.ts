import { afterEach, describe, expect, it } from 'vitest';
import { startFakeCainiaoComponent } from '../fakes/cainiao-component.fake';
import { startTopWaybillFake } from '../fakes/top-waybill.fake';
import { barcodeOf } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/**
 * A 菜鸟 number from 取号 to paper: fetched through the TOP fake, the order packed, and its label
 * sent to the 菜鸟 print component (fake) as the platform's encrypted print data, one document per
 * task, with our custom area, never rendered by us.
 */
describe('a 菜鸟 e-waybill prints through the 菜鸟 print component', () => {
  it('fetches, packs and prints the encrypted print data unchanged', async () => {
    const branch = { province: '浙江省', city: '杭州市', district: '余杭区', detail: '仓前街道文一西路100号' };
    const top = await startTopWaybillFake({ appKey: '12345678', secret: 'topsecret', sellers: [{ session: 'sess-1', userId: '2200000001', subscriptions: { ZTO: { address: branch, balance: 100 } } }] });
    const component = await startFakeCainiaoComponent();
    closers.push(() => top.close(), () => component.close());
    const { call, host, generated } = await stationWithOrders(10, {
      printing: { components: { endpoints: { cainiao: { ws: component.url, wss: component.url } }, timeouts: { connectMs: 2000, replyMs: 2000, resultMs: 2000 } } },
    });
    closers.push(() => host.close());
    await call('settings.update', { sender: { name: '小王', phone: '13800000000', address: '浙江省杭州市余杭区仓前街道文一西路100号' } });
    await call('carriers.saveRules', { rules: [], defaultCarrier: 'ZTO' });
    await call('devices.setPrintComponents', { cainiao: { enabled: true, printer: 'Xprinter XP-420B', customAreaTemplateUrl: 'https://cloudprint.cainiao.com/template/customArea/4001' } });
    await call('waybills.saveKeys', {
      provider: 'cainiao',
      keys: { appKey: '12345678', appSecret: 'topsecret', session: 'sess-1', userId: '2200000001', templates: { ZTO: { url: 'http://cloudprint.cainiao.com/template/standard/101/1', size: '76x130' } }, endpoint: top.url },
    });
    expect(await call('waybills.test', { provider: 'cainiao' })).toEqual({ ok: true, message: null });

    const order = generated.orders.find(shippable)!;
    const report = await call('waybills.fetch', { provider: 'cainiao', orderIds: [`taobao:${order.externalId}`] });
    expect(report).toMatchObject({ issued: 1, failed: [] });
    const [fetched] = await call('waybills.ofOrder', { ref: order.externalId });
    expect(fetched).toMatchObject({ provider: 'cainiao', carrierCode: 'ZTO', hasPrintData: true, templateSize: '76x130', state: 'ready' });

    await call('bench.scan', { code: fetched!.trackingNo, source: 'wedge' });
    let last;
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    expect(last!.shipment?.trackingNo).toBe(fetched!.trackingNo);
    await host.context.labels.idle();

    expect(component.problems).toEqual([]);
    const printed = component.received.filter((f) => (f as { cmd?: string }).cmd === 'print') as { task: { printer: string; documents: { documentID: string; contents: Record<string, unknown>[] }[] } }[];
    expect(printed).toHaveLength(1);
    const doc = printed[0]!.task.documents[0]!;
    expect(printed[0]!.task.printer).toBe('Xprinter XP-420B');
    expect(doc.documentID).toBe(fetched!.trackingNo);
    // The platform's layer exactly as issued (the fake's ledger minted it), then our custom area.
    const issuedData = JSON.parse(top.ledger.printDataOf(fetched!.trackingNo)!) as { encryptedData: string; signature: string };
    expect(doc.contents[0]).toMatchObject({ encryptedData: issuedData.encryptedData, signature: issuedData.signature });
    expect(JSON.stringify(doc.contents)).toContain(order.externalId);
    const [shipment] = (await call('shipments.list', { query: order.externalId })).shipments;
    expect(shipment?.printedAt).not.toBeNull();
  });
});
