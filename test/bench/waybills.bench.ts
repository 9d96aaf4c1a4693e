import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost } from '../../electron/host/create-host';
import { kuaidi100LabelProvider } from '../../electron/providers/waybill/kuaidi100-label.provider';
import { startKuaidi100LabelFake } from '../fakes/kuaidi100-label.fake';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { hostCaller } from '../host/host-client';
import { figure, type Figure } from './stats';

/**
 * 取号 in a batch at a bench with its own 快递100 account, against the 快递100 fake on loopback: the
 * orders awaiting shipment of a 1,000-order export, asked four at a time, each number recorded as
 * its op. Floor: the same number of bare adapter calls to the same fake, four at a time (what the
 * provider round trips cost with nothing recorded).
 */
export async function benchWaybills(orders = 1000): Promise<Figure[]> {
  const fake = await startKuaidi100LabelFake({ key: 'BENCHKEY', secret: 'BENCHSECRET', partners: { yuantong: 'YT-BENCH' } });
  const host = createHost({ dataDir: mkdtempSync(join(tmpdir(), 'packdesk-bench-waybills-')), validateOutput: false, resourcesDir: join(process.cwd(), 'resources') });
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  const generated = generateTaobaoClassic({ orders, seed: 5, skus: defaultSkus(20), quirks: false });
  await call('orders.import', {
    files: [
      { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
      { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
    ],
  });
  await call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
  await call('settings.update', { sender: { name: '王店长', phone: '13800000000', address: '广东省 东莞市 长安镇 振安路1号' } });
  const account = { key: 'BENCHKEY', secret: 'BENCHSECRET', accounts: { YTO: { partnerId: 'YT-BENCH' } }, endpoint: fake.url };
  await call('waybills.saveKeys', { provider: 'kuaidi100', keys: account });

  let issued = 0;
  const started = process.hrtime.bigint();
  for (let round = 0; round < 10; round++) {
    const report = await call('waybills.fetch', { provider: 'kuaidi100', awaiting: true }).catch(() => null);
    if (!report || report.issued === 0) break;
    issued += report.issued;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  host.close();

  const provider = kuaidi100LabelProvider(account);
  const party = { name: '王店长', mobile: '13800000000', phone: '', province: '广东省', city: '东莞市', district: '长安镇', detail: '振安路1号' };
  let next = 0;
  const floorStarted = process.hrtime.bigint();
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < issued) {
      const k = next++;
      await provider.issue({ requestKey: `floor_${k}`, carrierCode: 'YTO', platformOrderIds: [String(k)], sender: party, receiver: party, parcelCount: 1, weightG: null, goods: 'T恤 ×1' });
    }
  }));
  const floorSeconds = Number(process.hrtime.bigint() - floorStarted) / 1e9;
  await fake.close();
  return [
    figure({
      path: `取号 at a bench, ${issued} orders awaiting shipment (快递100 fake, loopback)`, value: issued / seconds, unit: 'orders/s', budget: '—',
      floor: { name: 'bare adapter calls, 4 at a time', value: issued / floorSeconds }, note: `${seconds.toFixed(2)} s for ${issued} numbers`,
    }),
  ];
}
