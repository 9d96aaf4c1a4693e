import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skuSchema } from '#shared/contract/catalog.contract';
import { importedOrderSchema, type ColumnMapping } from '#shared/contract/orders.contract';
import { parseWaybillPool } from '../../carriers/waybill-pool.parser';
import { parseCatalogCsv } from '../../catalog/catalog-csv.parser';
import { baseLine, baseOrder, DETAIL_FILE, DETAIL_HEADER, ORDER_FILE, ORDER_HEADER } from '../../../../test/fixtures/classic-rows';
import { excelEscape, workbookWith } from '../../../../test/fixtures/hostile-files';
import { buildModel } from '../../../../test/fixtures/synthetic-orders';
import { renderClassic, toCsvText } from '../../../../test/fixtures/taobao-export.generator';
import {
  carriesRefused, csvBytes, expectCleanStrings, expectPlacedProblems, holdsRefused, hostileCell, hostileCsv, outcome, refusedChar, type CsvShape,
} from '../../../../test/helpers/import-properties';
import { parseMappedCsv } from './mapped-csv.parser';
import { parseQianniuXlsx } from './qianniu-xlsx.parser';
import { parseTaobaoClassic } from './taobao-classic.parser';

/**
 * Generated hostile input for every importer: random bytes, CSV with refused characters, odd
 * quoting and huge cells in random column orders, damaged workbooks. Whatever comes in, the
 * importer answers with data or with placed problems, never an unexpected exception, and never
 * lets a refused character through.
 */

const ORDER_CODES = new Set(['externalId', 'subOrderId', 'skuCode', 'trackingNo']);
const SKU_CODES = new Set(['code', 'barcode']);
const RUNS = { numRuns: 150 };

/** Valid-looking values per header, so that some generated rows are good and reach every reader. */
const from = (record: Record<string, string>): Record<string, fc.Arbitrary<string>> =>
  Object.fromEntries(Object.entries(record).map(([h, v]) => [h, fc.constantFrom(v, v.trim())]));
const orderId = fc.bigInt({ min: 10n ** 17n, max: 10n ** 19n - 1n }).map((n) => `="${n}"`);
const orderColumns = { ...from(baseOrder()), 订单编号: fc.oneof(orderId, fc.constant(baseOrder()['订单编号'] ?? '')) };
const detailColumns = { ...from(baseLine()), 订单编号: fc.constant(baseLine()['订单编号'] ?? '') };

function expectOrdersOutcome(r: { orders: unknown[]; errors: Parameters<typeof expectPlacedProblems>[0] } | null, files: string[], shapes: CsvShape[]): void {
  if (r === null) return;
  expectPlacedProblems(r.errors, files);
  if (r.errors.length > 0) expect(r.orders).toEqual([]);
  for (const o of r.orders) importedOrderSchema.parse(o);
  expectCleanStrings(r.orders, ORDER_CODES);
  if (shapes.some(carriesRefused)) expect(r.errors.length).toBeGreaterThan(0);
}

describe('the classic Taobao pair under generated hostile input', () => {
  it('answers random bytes in either file with data or placed problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.boolean(), async (bytes, inOrderFile) => {
        const good = { name: ORDER_FILE, bytes: csvBytes({ header: ORDER_HEADER, rows: [ORDER_HEADER.map((h) => baseOrder()[h] ?? '')], proper: true, encoding: 'gb18030', delimiter: ',' }) };
        const detail = { name: DETAIL_FILE, bytes: Buffer.from(bytes) };
        const files = inOrderFile ? { orderFile: { name: ORDER_FILE, bytes: Buffer.from(bytes) }, detailFile: { ...good, name: DETAIL_FILE } } : { orderFile: good, detailFile: detail };
        expectOrdersOutcome(await outcome(() => parseTaobaoClassic(files)), [ORDER_FILE, DETAIL_FILE], []);
      }),
      RUNS,
    );
  });

  it('refuses every refused character, odd quote and huge cell, in any column order', async () => {
    await fc.assert(
      fc.asyncProperty(hostileCsv(orderColumns, ['订单编号', '订单状态', '收货人姓名', '收货地址 ', '宝贝标题 ']), hostileCsv(detailColumns, ['订单编号', '标题', '购买数量']), async (order, detail) => {
        const files = { orderFile: { name: ORDER_FILE, bytes: csvBytes(order) }, detailFile: { name: DETAIL_FILE, bytes: csvBytes(detail) } };
        expectOrdersOutcome(await outcome(() => parseTaobaoClassic(files)), [ORDER_FILE, DETAIL_FILE], [order, detail]);
      }),
      RUNS,
    );
  });

  it('reads a real export the same whatever order its columns come in', () => {
    const rendered = renderClassic(buildModel({ orders: 8, seed: 11, quirks: true }), true);
    const permute = (header: readonly string[], rows: string[][], order: number[]) => ({
      header: order.map((i) => header[i] ?? ''),
      rows: rows.map((r) => order.map((i) => r[i] ?? '')),
    });
    const indexes = (n: number) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n });
    fc.assert(
      fc.property(indexes(rendered.header.length), indexes(DETAIL_HEADER.length), (oi, di) => {
        const o = permute(rendered.header, rendered.orderRows, oi);
        const d = permute(DETAIL_HEADER, rendered.detailRows, di);
        const r = parseTaobaoClassic({
          orderFile: { name: ORDER_FILE, bytes: Buffer.from(toCsvText(o.header, o.rows), 'utf8') },
          detailFile: { name: DETAIL_FILE, bytes: Buffer.from(toCsvText(d.header, d.rows), 'utf8') },
        });
        expect(r).toEqual({ orders: rendered.truths, errors: [] });
      }),
      { numRuns: 40 },
    );
  });
});

describe('a mapped CSV under generated hostile input', () => {
  const mapping: ColumnMapping = {
    name: 'erp',
    columns: { orderId: '单号', subOrderId: '子单号', title: '品名', qty: '数量', outerSku: 'SKU', receiverName: '收件人', buyerMessage: '留言', paid: '实付' },
    encoding: 'auto',
  };
  const columns = {
    单号: fc.bigInt({ min: 10n ** 8n, max: 10n ** 9n }).map(String),
    子单号: fc.constantFrom('', '1234567890', 'A-1'),
    品名: fc.constantFrom('书', 'T恤 白色'),
    数量: fc.constantFrom('1', '2', '3件'),
    SKU: fc.constantFrom('TS-1', 'CUP-2', ''),
    收件人: fc.constant('王小明'),
    留言: fc.constantFrom('', '尽快发货\n谢谢'),
    实付: fc.constantFrom('12.30', '¥5', ''),
  };

  it('answers random bytes and hostile cells with data or placed problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileCsv(columns, ['单号', '品名', 'SKU']).map((s) => ({ shape: s as CsvShape | null, bytes: csvBytes(s) })), fc.uint8Array({ maxLength: 600 }).map((b) => ({ shape: null, bytes: Buffer.from(b) }))), async ({ shape, bytes }) => {
        const r = await outcome(() => parseMappedCsv({ name: 'erp.csv', bytes }, mapping));
        expectOrdersOutcome(r, ['erp.csv'], shape ? [shape] : []);
      }),
      RUNS,
    );
  });
});

describe('a SKU list under generated hostile input', () => {
  const columns = {
    商家编码: fc.constantFrom('TS-1', 'CUP-2', 'BAG-3', 'A'),
    名称: fc.constantFrom('纯棉T恤', 'Cup'),
    条码: fc.constantFrom('6901234567892', '6901234567885*6', '="6901234567878"', ''),
    箱规条码: fc.constantFrom('', '6901234567861'),
    箱规数量: fc.constantFrom('', '12'),
    '重量(g)': fc.constantFrom('350', '0.35kg', ''),
    库位: fc.constantFrom('A-01-1', ''),
  };

  it('answers random bytes and hostile cells with SKUs or placed problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileCsv(columns, ['商家编码']).map((s) => ({ shape: s as CsvShape | null, bytes: csvBytes(s) })), fc.uint8Array({ maxLength: 600 }).map((b) => ({ shape: null, bytes: Buffer.from(b) }))), async ({ shape, bytes }) => {
        const r = await outcome(() => parseCatalogCsv({ name: 'skus.csv', bytes }));
        if (r === null) return;
        expectPlacedProblems(r.errors, ['skus.csv']);
        if (r.errors.length > 0) expect(r.skus).toEqual([]);
        for (const s of r.skus) skuSchema.parse({ ...s, onHand: 0, damaged: 0 });
        expectCleanStrings(r.skus, SKU_CODES);
        if (shape && carriesRefused(shape)) expect(r.errors.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe('a waybill pool under generated hostile input', () => {
  const line = hostileCell(fc.constantFrom('YT7400000000001', 'YT7400000000001-YT7400000000009', '73100000000001~73100000000003', '# 注释', 'SF 1392-0415 8866', '运单号'));

  it('answers pasted text and uploaded bytes with numbers or problems placed on their line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(line, { maxLength: 8 }).map((ls) => ls.join('\n')), fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b))), async (input) => {
        const r = await outcome(() => parseWaybillPool(typeof input === 'string' ? input : { name: 'pool.txt', bytes: input }, { carrierCode: 'YTO' }));
        if (r === null) return;
        expectPlacedProblems([...r.errors, ...r.warnings], ['', 'pool.txt'], { lines: true });
        if (r.errors.length > 0) expect(r.numbers).toEqual([]);
        for (const n of r.numbers) expect(n).toMatch(/^[A-Z0-9]{6,40}$/);
        if (typeof input === 'string' && holdsRefused(input)) expect(r.errors.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe('a 千牛 workbook under generated hostile input', () => {
  const header = ['子订单编号', '主订单编号', '商品标题', '购买数量', '商家编码', '订单状态', '主订单买家留言'];
  const row = ['1001001001', '2002002002', 'T恤', '1', 'TS-1', '买家已付款,等待卖家发货', '尽快'];

  it('refuses a refused character in any cell, written raw or as an Excel escape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: row.length - 1 }), refusedChar, fc.boolean(), async (column, char, escaped) => {
        const marker = `CELL${column}`;
        const cells = row.map((v, i) => (i === column ? (escaped ? marker : `${v}${char}`) : v));
        const bytes = await workbookWith({ 子订单: [header, cells] }, escaped ? { [marker]: `x${excelEscape(char)}y` } : {});
        const r = await outcome(() => parseQianniuXlsx({ name: 'q.xlsx', bytes }));
        if (r === null) return;
        expectPlacedProblems(r.errors, ['q.xlsx']);
        expectCleanStrings(r.orders, ORDER_CODES);
        // The workbook writer drops some characters itself; what reaches the reader must be refused.
        if (r.orders.length > 0) expect(JSON.stringify(r.orders)).not.toContain(char);
      }),
      { numRuns: 30 },
    );
  });

  it('answers random bytes and damaged workbooks with a placed problem or a refusal', async () => {
    const good = await workbookWith({ 子订单: [header, row] });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(b)])),
          fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((flips) => {
            const b = Buffer.from(good);
            for (const [at, v] of flips) b[at] = v;
            return b;
          }),
        ),
        async (bytes) => {
          const r = await outcome(() => parseQianniuXlsx({ name: 'q.xlsx', bytes }));
          if (r === null) return;
          expectPlacedProblems(r.errors, ['q.xlsx']);
          expectCleanStrings(r.orders, ORDER_CODES);
        },
      ),
      { numRuns: 40 },
    );
  });
});
