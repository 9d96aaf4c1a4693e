import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { validateOpPayload } from '../ops/op-validate';
import {
  carriesRefused, csvBytes, expectCleanStrings, expectPlacedProblems, hostileCsv, outcome,
} from '../../../test/helpers/import-properties';
import { createTranslator } from '#shared/i18n/translator';
import { parseTrackingCsv } from './tracking-csv.parser';

/**
 * A tracking file as a supervisor gets it from a courier's site, an ERP or a spreadsheet: Chinese
 * or English headers in any order, GBK or UTF-8, status words as couriers write them. A bad row is
 * named by row and column and nothing is taken from the file.
 */

const FILE = '物流轨迹.csv';
const known = new Map([['YT7400000000001', 'YTO'], ['YT7400000000002', 'YTO']]);
const carrierOf = (no: string) => known.get(no) ?? null;
const bytes = (text: string, encoding: 'utf-8' | 'gbk' = 'utf-8') => (encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
/** The station's clock when the file is read: 2026-12-07 16:00 in Beijing. */
const now = Date.parse('2026-12-07T08:00:00.000Z');
const parse = (text: string, encoding: 'utf-8' | 'gbk' = 'utf-8') => parseTrackingCsv({ name: FILE, bytes: bytes(text, encoding) }, { carrierOf, now });

describe('tracking files', () => {
  it('refuses a node later than this station\'s clock, naming its row (signed for before it was collected, else)', () => {
    const r = parse([
      '运单号,快递公司,时间,状态',
      'YT7400000000001,圆通速递,2026-12-07 09:00,已揽收',
      'YT7400000000001,圆通速递,2026-12-09 10:00,已签收',
      // Within the hour: another PC's clock, a courier's.
      'YT7400000000002,圆通速递,2026-12-07 16:40,运输中',
    ].join('\n'));
    expect(r.parcels).toEqual([]);
    expect(r.errors).toMatchObject([{ row: 3, column: '时间', msg: { key: 'tracking.import.timeAhead', params: { value: '2026-12-09 10:00', now: '2026-12-07T08:00:00.000Z' } } }]);
    // Said in the reader's format, as every other time on the screen (the CLI's, Beijing).
    expect(createTranslator('zh-CN').t(r.errors[0]!.msg)).toContain('（2026-12-07 16:00）');
  });

  it('reads a GBK trace file: one parcel per number, its newest row its state, events with Beijing times', () => {
    const r = parse(
      [
        '运单号,快递公司,时间,状态,轨迹,城市,目的城市',
        'YT7400000000001,圆通速递,2026-11-27 09:00:00,已揽收,【杭州市】快件已揽收,杭州市,上海市',
        'YT7400000000001,圆通,2026-11-28 18:30:00,已签收,【上海市】已签收，签收人：本人,上海市,',
        'YT7400000000001,YTO,2026-11-27 20:00:00,运输中,【杭州市】已发往上海,杭州市,',
        'JT0000000000077,极兔速递,2026/11/28 8:05,问题件,地址不详,,广州',
      ].join('\r\n'),
      'gbk',
    );
    expect(r.errors).toEqual([]);
    expect(r.rowsRead).toBe(4);
    expect(r.parcels).toEqual([
      {
        trackingNo: 'YT7400000000001', carrierCode: 'YTO', row: 2, state: 'delivered', destCity: '上海市',
        events: [
          { at: '2026-11-27T01:00:00.000Z', state: 'accepted', text: '【杭州市】快件已揽收', city: '杭州市' },
          { at: '2026-11-28T10:30:00.000Z', state: 'delivered', text: '【上海市】已签收，签收人：本人', city: '上海市' },
          { at: '2026-11-27T12:00:00.000Z', state: 'in-transit', text: '【杭州市】已发往上海', city: '杭州市' },
        ],
      },
      { trackingNo: 'JT0000000000077', carrierCode: 'JT', row: 5, state: 'problem', destCity: '广州', events: [{ at: '2026-11-28T00:05:00.000Z', state: 'problem', text: '地址不详', city: '' }] },
    ]);
  });

  it('reads English headers and our state names; a status-only list (no times) needs no carrier for the shop’s own parcels', () => {
    const r = parse('Tracking No,Status\r\nyt 7400-0000-00002,Delivered\r\n="YT7400000000001",out-for-delivery\r\n');
    expect(r.errors).toEqual([]);
    expect(r.parcels.map((p) => [p.trackingNo, p.carrierCode, p.state, p.events])).toEqual([
      ['YT7400000000002', null, 'delivered', []],
      ['YT7400000000001', null, 'out-for-delivery', []],
    ]);
  });

  it('reads every English column the import dialog lists', () => {
    const lead = createTranslator('en').t({ key: 'tracking.import.lead' });
    const columns = /with the columns (.+?) \(/.exec(lead)![1]!.split(', ');
    expect(columns).toEqual(['Tracking number', 'Carrier', 'Time', 'Status', 'Description', 'City', 'Destination city']);
    const r = parse(`${columns.join(',')}\nYT7400000000001,YTO,2026-12-07 09:00,Delivered,签收,杭州,杭州\n`);
    expect(r.errors).toEqual([]);
    expect(r.parcels).toMatchObject([{ trackingNo: 'YT7400000000001', carrierCode: 'YTO', state: 'delivered', destCity: '杭州' }]);
  });

  it('names every bad row and column, and takes nothing from the file', () => {
    const r = parse(
      [
        '单号,快递,时间,状态,描述',
        ',圆通,2026-11-27 09:00:00,已揽收,a',
        'YT7400000000001,顺风快递,2026-11-27 09:00:00,已揽收,b',
        'YT7400000000001,圆通,2026-13-40 09:00,运输中,c',
        'YT7400000000002,圆通,2026-11-27 10:00:00,飞走了,d',
        'YT7400000000002,中通,2026-11-27 11:00:00,运输中,e',
        '773000000000001,,2026-11-27 11:00:00,运输中,f',
        'YT74@@,圆通,2026-11-27 11:00:00,运输中,g',
        'YT7400000000002,圆通,2026-11-27 12:00:00,,h',
      ].join('\n'),
    );
    expect(r.parcels).toEqual([]);
    const at = (row: number, column: string, key: string) => expect.objectContaining({ file: FILE, row, column, msg: expect.objectContaining({ key }) });
    expect(r.errors).toEqual(expect.arrayContaining([
      at(2, '单号', 'tracking.import.numberEmpty'),
      at(3, '快递', 'tracking.import.carrierUnknown'),
      at(4, '时间', 'import.cell.date'),
      at(5, '状态', 'tracking.import.stateUnknown'),
      at(6, '快递', 'tracking.import.carrierTwice'),
      at(7, '快递', 'tracking.import.carrierNeeded'),
      at(8, '单号', 'tracking.import.numberBad'),
      at(9, '状态', 'tracking.import.stateEmpty'),
    ]));
    expect(r.errors).toHaveLength(8);
  });

  it('refuses a file without a 运单号 or 状态 column, naming the column', () => {
    const r = parse('快递公司,时间\n圆通,2026-11-27 09:00:00\n');
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 1, column: '运单号', msg: { key: 'import.file.columnMissing' } }),
      expect.objectContaining({ row: 1, column: '状态', msg: { key: 'import.file.columnMissing' } }),
    ]);
  });

  it('hostile files: placed problems or clean parcels whose ops pass the op’s own schema, never a crash', async () => {
    const columns = {
      运单号: fc.constantFrom('YT7400000000001', 'YT7400000000002', '773000000000001', 'JT0000000000077'),
      快递公司: fc.constantFrom('圆通速递', 'YTO', '中通', 'zhongtong', ''),
      时间: fc.constantFrom('2026-11-27 09:00:00', '2026/11/28 8:05', ''),
      状态: fc.constantFrom('已揽收', '运输中', '派送中', '已签收', '退回', '问题件', 'delivered'),
      轨迹: fc.string({ maxLength: 30 }),
      城市: fc.constantFrom('杭州市', ''),
      目的城市: fc.constantFrom('上海市', '北京', ''),
    };
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileCsv(columns, ['运单号', '状态']), fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b))), async (input) => {
        const shape = Buffer.isBuffer(input) ? null : input;
        const file = { name: FILE, bytes: shape ? csvBytes(shape) : (input as Buffer) };
        const r = await outcome(() => parseTrackingCsv(file, { carrierOf, now }));
        if (r === null) return;
        expectPlacedProblems(r.errors, [FILE]);
        if (r.errors.length > 0) expect(r.parcels).toEqual([]);
        if (shape && carriesRefused(shape)) expect(r.errors.length).toBeGreaterThan(0);
        expectCleanStrings(r.parcels, new Set(['trackingNo', 'carrierCode']));
        for (const p of r.parcels) {
          validateOpPayload('tracking.updated', {
            id: 'x1', carrierCode: p.carrierCode ?? carrierOf(p.trackingNo)!, trackingNo: p.trackingNo, source: 'csv', state: p.state,
            events: p.events.slice(0, 100), destCity: p.destCity, reportedCarrier: null, at: '2026-11-29T00:00:00.000Z',
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
