import iconv from 'iconv-lite';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';
import { barcodeOf, classicFiles } from './pages/shop-files';

const SKUS = defaultSkus(6);

/**
 * The label printer is off: the packer keeps packing, the bench says labels are waiting, and the
 * queue panel lists them; the printer comes back and Retry prints. A printer out of paper makes a
 * failed job the packer can read. Screens at 1366×768, in Chinese and English.
 */
test('labels wait in the queue on the bench while the printer is off, and print on Retry', async ({ page, station, printer }) => {
  const ui = new StationPage(page);
  const generated = generateTaobaoClassic({ orders: 20, seed: 31, skus: SKUS, quirks: false });
  const orders = generated.orders.filter((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.length >= 1 && o.lines.every((l) => l.skuCode && !l.refundStatus));

  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.goto('devices');
  await ui.id('printer-kind').selectOption('tspl');
  await expect(ui.id('printer-transport')).toHaveValue('tcp');
  await ui.id('printer-host').fill(printer.host);
  await ui.id('printer-save').click();
  await expect(ui.id('printer-save')).toBeEnabled();

  const catalog = SKUS.map((code, i) => `${code},示例商品 ${code},${barcodeOf(code)},,,${100 + i * 10},A-0${i + 1}`);
  await ui.stockShop(iconv.encode(['商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位', ...catalog].join('\r\n'), 'gbk'), classicFiles(generated));

  const pack = async (n: number) => {
    const order = orders[n]!;
    expect(await ui.scan(order.externalId)).toBe('opened');
    const items = order.lines.flatMap((l) => Array.from({ length: l.qty }, () => barcodeOf(l.skuCode!)));
    for (const [i, code] of items.entries()) expect(await ui.scan(code)).toBe(i === items.length - 1 ? 'completed' : 'verified');
  };

  // The printer is switched off: two orders ship anyway, their labels wait.
  await printer.setMode('refuse');
  await ui.goto('bench');
  await pack(0);
  await pack(1);
  await expect(ui.id('print-queue-badge')).toHaveAttribute('data-waiting', '2');
  await expect(ui.id('print-queue-badge')).toContainText('待打印面单：2');
  await ui.screenshot('09-print-queue-badge');
  await ui.id('print-queue-badge').click();
  const rows = ui.page.getByTestId('print-job');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('data-state', 'queued');
  await expect(rows.first()).toContainText('拒绝连接');
  await ui.screenshot('10-print-queue-waiting');
  await page.keyboard.press('Escape');
  await ui.switchLanguage('en');
  await ui.id('print-queue-badge').click();
  await expect(rows.first()).toContainText('Waiting');
  await expect(rows.first()).toContainText('Connection refused');
  await ui.screenshot('10-print-queue-waiting-en');

  // The printer is back: Retry prints now (without it, the queue tries again by itself).
  await printer.setMode('normal');
  // The queue also tries again by itself: on a busy machine its own try can land first, and the row
  // then shows 已打印 instead of Retry. Either way each label prints exactly once (checked below).
  await rows.first().getByTestId('print-job-retry').click({ timeout: 5_000 }).catch(() => undefined);
  await expect(ui.page.locator('[data-testid="print-job"][data-state="done"]')).toHaveCount(2, { timeout: 20_000 });
  await expect(ui.id('print-queue-badge')).toHaveAttribute('data-waiting', '0');
  expect(printer.jobs).toHaveLength(2);

  // Out of paper: the next label fails before a byte is sent, and says why.
  printer.setStatus(0x04);
  await page.keyboard.press('Escape');
  await pack(2);
  await expect(ui.id('print-queue-badge')).toHaveAttribute('data-needs', '1');
  await ui.id('print-queue-badge').click();
  const failed = ui.page.locator('[data-testid="print-job"][data-state="failed"]');
  await expect(failed).toContainText('Paper out');
  await ui.screenshot('11-print-queue-paper-out-en');
  await page.keyboard.press('Escape');
  await ui.switchLanguage('zh-CN');
  await ui.id('print-queue-badge').click();
  await expect(failed).toContainText('缺纸');
  await ui.screenshot('11-print-queue-paper-out');
  expect(printer.jobs).toHaveLength(2);
});
