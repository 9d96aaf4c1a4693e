import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { adminStation } from '../host/host-client';

const hosts: { close(): unknown }[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

describe('the audit view\'s search', () => {
  it('finds a stock adjustment by the reason it was given, as its note shows it (its kind named in either language, or the words)', async () => {
    const { call } = await adminStation(hosts);
    await call('catalog.saveSku', { code: 'CUP-1', name: '保温杯', weightG: 300, location: 'A-01', barcodes: [] });
    await call('stock.adjust', { skuCode: 'CUP-1', delta: 20, kind: 'received', note: '' });
    await call('stock.adjust', { skuCode: 'CUP-1', delta: -2, kind: 'count', note: '少两个' });

    const found = (await call('audit.list', { text: '盘点更正' })).entries;
    expect(found.map((e) => [e.what.key, e.target, e.note])).toEqual([
      ['audit.ops.stock.delta', 'CUP-1', msg('audit.notes.stockDeltaReason', { delta: '-2', reason: msg('catalog.reasonWithNote', { reason: msg('catalog.reasons.count'), note: '少两个' }) })],
    ]);
    for (const text of ['到货', 'goods RECEIVED', '少两']) {
      expect((await call('audit.list', { text })).entries.map((e) => e.note?.params?.['delta'])).toEqual([text === '少两' ? '-2' : '+20']);
    }
  });
});
