import { afterEach, describe, expect, it } from 'vitest';
import { adminStation } from '../host/host-client';

const hosts: { close(): unknown }[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

describe('the audit view\'s search', () => {
  it('finds a stock adjustment by the reason it was given, as its note shows it', async () => {
    const { call } = await adminStation(hosts);
    await call('catalog.saveSku', { code: 'CUP-1', name: '保温杯', weightG: 300, location: 'A-01', barcodes: [] });
    await call('stock.adjust', { skuCode: 'CUP-1', delta: 20, reason: '到货入库' });
    await call('stock.adjust', { skuCode: 'CUP-1', delta: -2, reason: '盘点更正：少两个' });

    const found = (await call('audit.list', { text: '盘点更正' })).entries;
    expect(found.map((e) => [e.what.key, e.target, e.note])).toEqual([
      ['audit.ops.stock.delta', 'CUP-1', { key: 'audit.notes.stockDeltaReason', params: { delta: '-2', reason: '盘点更正：少两个' } }],
    ]);
    expect((await call('audit.list', { text: '到货' })).entries.map((e) => e.note?.params?.['delta'])).toEqual(['+20']);
  });
});
