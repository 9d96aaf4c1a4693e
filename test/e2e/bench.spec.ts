import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeBarcodes, zplToPng } from '../helpers/barcode-decode';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';
import { barcodeOf, catalogCsv, classicFiles } from './pages/shop-files';

const SKUS = defaultSkus(10);

test('a packer imports a Taobao export, packs an order by scanning, and exports 批量发货', async ({ page, station, printer }) => {
  const ui = new StationPage(page);
  const generated = generateTaobaoClassic({ orders: 30, seed: 21, skus: SKUS, quirks: true });
  const order = generated.orders.find(
    (o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.length >= 1 && o.lines.every((l) => l.skuCode && !l.refundStatus),
  )!;

  await ui.open(station.url);
  await ui.screenshot('01-login');
  await ui.loginWithPin('0000');

  // The label printer: ZPL over TCP 9100 (the fake printer in this test).
  await ui.goto('devices');
  await ui.id('printer-kind').selectOption('zpl');
  await ui.id('printer-host').fill(printer.host);
  await ui.id('printer-port').fill(String(printer.port));
  await ui.id('printer-save').click();
  await expect(ui.id('printer-save')).toBeEnabled();

  // Catalog, then the waybill pool and the default carrier.
  await ui.goto('catalog');
  await ui.id('catalog-import-file').setInputFiles({ name: '商品资料.csv', mimeType: 'text/csv', buffer: catalogCsv(SKUS) });
  await expect(ui.id('catalog-report')).toHaveAttribute('data-rejected', 'false');
  await ui.goto('shipments');
  await ui.id('tab-carriers').click();
  await ui.id('pool-carrier').selectOption('YTO');
  await ui.id('pool-text').fill('YT7400000000001-YT7400000000020');
  await ui.id('pool-submit').click();
  await expect(ui.id('pool-free-YTO')).toHaveText(/20/);
  await ui.id('tab-rules').click();
  await ui.id('rule-default').selectOption('YTO');
  await ui.id('rules-save').click();

  // Orders in: the classic pair, GBK, with every quirk.
  await ui.goto('orders');
  await ui.id('orders-import-file').setInputFiles(classicFiles(generated));
  await expect(ui.id('import-report')).toHaveAttribute('data-rejected', 'false');
  await expect(ui.id(`order-row-${order.externalId}`)).toBeVisible();
  await ui.screenshot('02-orders-imported');

  // The bench: open by scan, a wrong item is rejected, every right item counts, the last one ships.
  await ui.goto('bench');
  expect(await ui.scan(order.externalId)).toBe('opened');
  await expect(ui.id('order-id')).toHaveText(order.externalId);
  if (order.buyerMessage) await expect(ui.id('buyer-message')).toContainText(order.buyerMessage.split('\n')[0]!.slice(0, 8));
  const foreign = SKUS.find((s) => !order.lines.some((l) => l.skuCode === s))!;
  expect(await ui.scan(barcodeOf(foreign))).toBe('wrong_item');
  await expect(ui.id('line-1')).toHaveAttribute('data-verified', '0');
  await ui.screenshot('03-wrong-item');

  const items = order.lines.flatMap((l) => Array.from({ length: l.qty }, () => barcodeOf(l.skuCode!)));
  for (const [i, code] of items.entries()) {
    expect(await ui.scan(code)).toBe(i === items.length - 1 ? 'completed' : 'verified');
  }
  await expect(ui.id('tracking-no')).toHaveText(/YT7400000000001/);
  // After the ship: the pool is running low (19 of 20 left), said in the packer's language; the
  // label preview arrives with the print, no second request.
  await expect(ui.id('bench-warnings')).toContainText('圆通速递只剩 19 个面单号');
  await expect(ui.id('label-preview')).toBeVisible();
  await ui.screenshot('04-completed');
  await ui.switchLanguage('en');
  await expect(ui.id('bench-warnings')).toContainText('Only 19 YTO Express waybill numbers left');
  await expect(ui.id('bench-warnings')).not.toContainText('圆通');
  await ui.screenshot('04-completed-en');
  await ui.switchLanguage('zh-CN');

  // The label reached the printer socket, and its barcode reads back as the tracking number.
  const job = await printer.waitForJob(1, 10_000);
  const png = await zplToPng(job, 100, 150, 8);
  const codes = await decodeBarcodes(png);
  expect(codes.map((c) => c.text)).toContain('YT7400000000001');

  // A second scan of the same order is blocked: it has shipped.
  expect(await ui.scan(order.externalId)).toBe('blocked');
  // The printed command barcode for "next order" clears the bench, even with a Chinese IME active.
  expect(await ui.scan('PD:NEXT', { ime: true })).toBe('command');
  await expect(ui.id('bench-empty')).toBeVisible();

  // 批量发货 export, GBK.
  await ui.goto('shipments');
  await ui.id('tab-shipments').click();
  await expect(ui.id('shipment-row-YT7400000000001')).toBeVisible();
  await ui.id('export-encoding').selectOption('gbk');
  const download = page.waitForEvent('download');
  await ui.id('export-button').click();
  const file = readFileSync((await (await download).path())!);
  const text = iconv.decode(file, 'gbk');
  expect(text.split('\r\n')[0]).toBe('订单编号,物流公司,运单号');
  expect(text).toContain(`${order.externalId},圆通速递,YT7400000000001`);
  await ui.screenshot('05-shipments');

  // The audit view: the changes that rested on the admin's authority, the order import as one line.
  await ui.goto('audit');
  await expect(ui.page.getByTestId('audit-row').filter({ hasText: '导入订单' })).toContainText(/等 \d+ 项/);
  await expect(ui.page.getByTestId('audit-row').filter({ hasText: '导入运单号' })).toContainText('YTO ×20');
  await ui.screenshot('08-audit');
});

test('a refund-pending or cancelled order is blocked at the bench with its reason', async ({ page, station }) => {
  const ui = new StationPage(page);
  const generated = generateTaobaoClassic({ orders: 40, seed: 22, skus: SKUS, quirks: true });
  const closed = generated.orders.find((o) => o.platformStatus === 'TRADE_CLOSED' || o.platformStatus === 'TRADE_CLOSED_BY_TAOBAO')!;
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.goto('orders');
  await ui.id('orders-import-file').setInputFiles(classicFiles(generated));
  await expect(ui.id('import-report')).toHaveAttribute('data-rejected', 'false');
  await ui.goto('bench');
  // Scanned while a Chinese IME is active: the order id still arrives whole.
  expect(await ui.scan(closed.externalId, { ime: true })).toBe('blocked');
  await expect(ui.id('order-id')).toHaveText(closed.externalId);
  await expect(ui.id('order-blocked')).toContainText(`不能发货（${closed.platformStatus}）`);
  await ui.screenshot('06-blocked');
  // The same reason in English: rendered from its catalog key, not parsed out of a sentence.
  await ui.switchLanguage('en');
  await expect(ui.id('order-blocked')).toContainText(new RegExp(`closed.*\\(${closed.platformStatus}\\)`));
  await expect(ui.id('order-blocked')).not.toContainText('不能发货');
  await ui.screenshot('06-blocked-en');
});

test('a broken export is rejected with the row and column named, and nothing is imported', async ({ page, station }) => {
  const ui = new StationPage(page);
  const generated = generateTaobaoClassic({ orders: 10, seed: 23, skus: SKUS, quirks: false });
  const text = iconv.decode(generated.orderCsv, 'gbk').split('\r\n');
  const column = (name: string) => text[0]!.split(',').findIndex((h) => h.trim() === name);
  const edit = (row: number, name: string, value: (old: string) => string) => {
    const cells = text[row - 1]!.split(',');
    cells[column(name)] = value(cells[column(name)]!);
    text[row - 1] = cells.join(',');
  };
  edit(4, '买家实际支付金额', () => 'abc');
  edit(6, '收货人姓名', (name) => `${name}\u0000`);
  // A detail file joined to the wrong order file: forty item rows of orders it does not hold.
  const detail = iconv.decode(generated.detailCsv, 'gbk').replace(/\r\n$/, '').split('\r\n');
  const strangers = Array.from({ length: 40 }, (_, i) => detail[1]!.replace(/^\d+/, `40999999999${String(100000 + i)}`));
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.goto('orders');
  await ui.id('orders-import-file').setInputFiles([
    { name: generated.orderFileName, mimeType: 'text/csv', buffer: iconv.encode(text.join('\r\n'), 'gbk') },
    { name: generated.detailFileName, mimeType: 'text/csv', buffer: iconv.encode([...detail, ...strangers].join('\r\n'), 'gbk') },
  ]);
  const report = ui.id('import-report');
  await expect(report).toHaveAttribute('data-rejected', 'true');
  const problems = report.getByTestId('report-problem');
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText('4');
  await expect(problems.nth(0)).toContainText('买家实际支付金额');
  await expect(problems.nth(0)).toContainText('金额格式错误：“abc”');
  await expect(problems.nth(1)).toContainText('收货人姓名');
  await expect(problems.nth(1)).toContainText('U+0000');
  await expect(problems.nth(2)).toContainText(generated.detailFileName);
  await expect(problems.nth(2)).toContainText('同类问题共 40 处');
  await expect(ui.id('orders-empty')).toBeVisible();
  await ui.screenshot('07-import-rejected');

  // The same report in English: no Chinese prose left but the file's own column names.
  await ui.goto('settings');
  await ui.id('lang-en').click();
  await ui.goto('orders');
  await expect(problems.nth(0)).toContainText('not an amount: "abc"');
  await expect(problems.nth(2)).toContainText('40 rows like this');
  await expect(report).not.toContainText('订单报表');
  await ui.screenshot('07-import-rejected-en');
});
