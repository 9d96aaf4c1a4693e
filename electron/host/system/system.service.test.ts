import { afterEach, describe, expect, it } from 'vitest';
import { createTempHost } from '../../../test/host/temp-host';
import { hostCaller } from '../../../test/host/host-client';
import { SAMPLE_OPENING_STOCK } from './sample-data';

/** A sample order and its items' barcodes in resources/samples (商品资料-示例.csv). */
const ORDER = '2000000460471681041';
const ITEMS = { 'SKU-0007': '2000000000077', 'SKU-0036': '2000000000367', 'SKU-0035': '2000000000350', 'SKU-0037': '2000000000374' };

describe('the bundled samples', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  it('put every sample SKU on the shelf, so packing a sample order raises no stock or low-pool alarm, and loading them again keeps the counts', async () => {
    const host = createTempHost();
    hosts.push(host);
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('system.loadSamples', {});
    const { skus } = await call('catalog.list', { query: '', limit: 200, offset: 0 });
    expect(skus.length).toBeGreaterThan(10);
    expect(skus.filter((s) => s.onHand !== SAMPLE_OPENING_STOCK)).toEqual([]);

    await call('bench.scan', { code: ORDER });
    for (const barcode of Object.values(ITEMS)) expect((await call('bench.scan', { code: barcode })).outcome).not.toMatch(/wrong|unknown|over/);
    if ((await call('bench.getState', {})).shipments.length === 0) await call('bench.ship', {});
    expect((await call('bench.getState', {})).shipments).toHaveLength(1);

    const counts = await call('inbox.counts', {});
    expect(counts.byKind['stock-negative']).toBeUndefined();
    // The sample pool holds more than the default low-pool threshold: loading samples raises no alarm.
    expect(counts.byKind['pool-low']).toBeUndefined();
    const onHand = async () => Object.fromEntries((await call('catalog.list', { query: 'SKU-00', limit: 200, offset: 0 })).skus.map((s) => [s.code, s.onHand]));
    const after = await onHand();
    for (const code of Object.keys(ITEMS)) expect(after[code]).toBe(SAMPLE_OPENING_STOCK - 1);

    // Loading the samples again counts nothing: the packed SKUs keep what packing left.
    await call('system.loadSamples', {});
    expect(await onHand()).toEqual(after);
  });

  it('a station whose own data contradicts the sample list loads nothing and says which row, instead of an internal error', async () => {
    const host = createTempHost();
    hosts.push(host);
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    // The shop's own SKU already carries a barcode the sample list gives SKU-0007.
    await call('catalog.saveSku', { code: 'MY-CUP', name: '我的杯子', weightG: 200, location: 'B-1', barcodes: [{ barcode: ITEMS['SKU-0007'], units: 1 }] });
    await expect(call('system.loadSamples', {})).rejects.toMatchObject({
      code: 'CONFLICT',
      msg: { key: 'system.samplesRefused', params: { file: '商品资料-示例.csv', row: 8, problem: { key: 'catalog.barcodeTaken', params: { barcode: ITEMS['SKU-0007'], owner: 'MY-CUP' } } } },
    });
    expect((await call('system.info', {})).orders).toBe(0);
    expect((await call('carriers.list', {})).find((c) => c.code === 'YTO')?.pool.free ?? 0).toBe(0);
  });
});
