import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { adminStation } from '../../../test/host/host-client';

/** A supervisor's stock movements through the real host: adjustments with a kind, damaged units kept apart, disposals. */

const hosts: { close(): unknown }[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

async function station() {
  const { host, call } = await adminStation(hosts);
  await call('catalog.saveSku', { code: 'CUP-1', name: '保温杯', weightG: 300, location: 'A-01', barcodes: [] });
  await call('stock.adjust', { skuCode: 'CUP-1', delta: 10, kind: 'received', note: '' });
  // The audit makes one line of a SKU's movements at one moment (a damaged adjustment is two): the
  // test's own adjustments must not share the setup's millisecond, as no person's could.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const row = async () => (await call('catalog.list', { query: 'CUP-1' })).skus[0]!;
  const stockNotes = async (text?: string) =>
    (await call('audit.list', text === undefined ? { filter: 'all' } : { filter: 'all', text })).entries.filter((e) => e.what.key === 'audit.ops.stock.delta').map((e) => e.note);
  const outbox = () =>
    (host.context.db.prepare("SELECT payload FROM outbox WHERE type = 'stock.delta' ORDER BY station_seq").pluck().all() as string[]).map((p) => JSON.parse(p) as Record<string, unknown>);
  return { call, row, stockNotes, outbox };
}

describe('stock adjustments', () => {
  it('keep the reason as a kind, shown in the reader\'s language, with the supervisor\'s words as typed', async () => {
    const { call, stockNotes, outbox } = await station();
    await call('stock.adjust', { skuCode: 'CUP-1', delta: -2, kind: 'count', note: '少两个' });
    expect(outbox().map((p) => [p['kind'], p['note']])).toEqual([['received', ''], ['count', '少两个']]);
    expect(await stockNotes()).toEqual([
      msg('audit.notes.stockDeltaReason', { delta: '-2', reason: msg('catalog.reasonWithNote', { reason: msg('catalog.reasons.count'), note: '少两个' }) }),
      msg('audit.notes.stockDeltaReason', { delta: '+10', reason: msg('catalog.reasons.received') }),
    ]);
    // Found by the kind's name in either language, or by the words.
    expect(await stockNotes('Goods received')).toHaveLength(1);
    expect(await stockNotes('盘点更正')).toHaveLength(1);
    expect(await stockNotes('少两个')).toHaveLength(1);
  });

  it('move damaged units off the shelf into the damaged bucket, as a damage decision does', async () => {
    const { call, row, stockNotes } = await station();
    expect(await call('stock.adjust', { skuCode: 'CUP-1', delta: -3, kind: 'damaged', note: '摔了' })).toEqual({ skuCode: 'CUP-1', onHand: 7, damaged: 3 });
    expect(await row()).toMatchObject({ onHand: 7, damaged: 3 });
    expect((await stockNotes())[0]).toEqual(
      msg('audit.notes.stockMovedReason', { sellable: '-3', damaged: '+3', reason: msg('catalog.reasonWithNote', { reason: msg('catalog.reasons.damaged'), note: '摔了' }) }),
    );
  });

  it('refuse a damaged adjustment that would add to the shelf, and "other" without words, naming the field', async () => {
    const { call, row } = await station();
    await expect(call('stock.adjust', { skuCode: 'CUP-1', delta: 3, kind: 'damaged', note: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT', msg: { params: { issues: expect.stringContaining('delta') } } });
    await expect(call('stock.adjust', { skuCode: 'CUP-1', delta: 3, kind: 'other', note: ' ' })).rejects.toMatchObject({ code: 'INVALID_INPUT', msg: { params: { issues: expect.stringContaining('note') } } });
    expect(await row()).toMatchObject({ onHand: 10, damaged: 0 });
  });
});

describe('报废: disposing of damaged units', () => {
  it('takes units out of the damaged bucket, records why, and syncs as a supervisor\'s movement', async () => {
    const { call, row, stockNotes, outbox } = await station();
    await call('stock.adjust', { skuCode: 'CUP-1', delta: -3, kind: 'damaged', note: '' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await call('stock.dispose', { skuCode: 'CUP-1', qty: 2, kind: 'supplier', note: '退 A 厂' })).toEqual({ skuCode: 'CUP-1', onHand: 7, damaged: 1 });
    expect(await row()).toMatchObject({ onHand: 7, damaged: 1 });
    expect(outbox().at(-1)).toMatchObject({ cause: 'dispose', bucket: 'damaged', delta: -2, kind: 'supplier', note: '退 A 厂', ref: null });
    expect((await stockNotes())[0]).toEqual(
      msg('audit.notes.stockDamagedReason', { delta: '-2', reason: msg('catalog.reasonWithNote', { reason: msg('catalog.disposed.supplier'), note: '退 A 厂' }) }),
    );
    expect(await stockNotes('Returned to the supplier')).toHaveLength(1);
    // A disposal says it is one, whatever became of the units: 报废 finds it (and not the 破损 adjustment), in either language.
    expect(await stockNotes('报废')).toHaveLength(1);
    expect(await stockNotes('disposed')).toHaveLength(1);
  });

  it('never below zero: more than the bucket holds is refused, saying how many there are, and nothing moves', async () => {
    const { call, row, outbox } = await station();
    await call('stock.adjust', { skuCode: 'CUP-1', delta: -1, kind: 'damaged', note: '' });
    const before = outbox().length;
    await expect(call('stock.dispose', { skuCode: 'CUP-1', qty: 2, kind: 'discarded', note: '' })).rejects.toMatchObject({
      code: 'CONFLICT', msg: msg('catalog.disposeTooMany', { code: 'CUP-1', qty: 2, damaged: 1 }),
    });
    await expect(call('stock.dispose', { skuCode: 'CUP-1', qty: 0, kind: 'discarded', note: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('stock.dispose', { skuCode: 'NOPE', qty: 1, kind: 'discarded', note: '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(outbox()).toHaveLength(before);
    expect(await row()).toMatchObject({ onHand: 9, damaged: 1 });
    await call('stock.dispose', { skuCode: 'CUP-1', qty: 1, kind: 'discarded', note: '' });
    expect(await row()).toMatchObject({ damaged: 0 });
  });
});
