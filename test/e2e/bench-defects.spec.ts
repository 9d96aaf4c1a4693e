import type { Locator, Page } from '@playwright/test';
import { baseLine, baseOrder, classicFiles } from '../fixtures/classic-rows';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';
import { barcodeOf, catalogCsv } from './pages/shop-files';

/**
 * The bench defects a new user met (issue 9) that show on screen, at 1366×768 in both languages:
 * a long buyer message and memo, switching orders half packed, and a line without 商家编码.
 */
const SKUS = ['SKU-0001', 'SKU-0002', 'SKU-0003', 'SKU-0004'];
const LONG = '4012345678900000101';
const A = '4012345678900000102';
const B = '4012345678900000103';
const NO_SKU = '4012345678900000104';
const MANY = '4012345678900000105';
// ~110 characters each, as the user had them: the third line was cut at 1366×768.
const MESSAGE = '请务必在周五之前发出，这是送给妈妈的生日礼物。不要放任何发票和价格标签，外箱请用没有印字的纸箱，里面多塞一些气泡膜，上次收到的杯子碎了一个。如果颜色缺货请不要换色直接联系我，谢谢！收件人白天不在家，请快递放在小区门口的丰巢柜里。';
const MEMO = '老客户，第三次购买。赠送同款小样两份和手写感谢卡一张；杯子单独用气泡膜包三层再装箱。上次破损已补发，本次务必选顺丰，运费差价店铺承担。打包后请拍照留底，发到客服群里，并在备注里写上打包员名字和时间，方便售后核对。';

function orderFiles() {
  const order = (id: string, qty: number, over: Record<string, string> = {}) => baseOrder({ 订单编号: `="${id}"`, 宝贝总数量: String(qty), ...over });
  const line = (id: string, sku: string, qty: number, title = `示例商品 ${sku}`) => baseLine({ 订单编号: `="${id}"`, 标题: title, 商家编码: sku, 购买数量: String(qty) });
  const files = classicFiles(
    [order(LONG, 3, { 买家留言: MESSAGE, 订单备注: MEMO }), order(A, 5), order(B, 1), order(NO_SKU, 1), order(MANY, 12)],
    [
      line(LONG, 'SKU-0001', 1), line(LONG, 'SKU-0002', 1), line(LONG, 'SKU-0003', 1),
      line(A, 'SKU-0001', 5), line(B, 'SKU-0002', 1), line(NO_SKU, '', 1, '韩版运动袜 SKU-0004'),
      // Twelve lines, more than the bench shows at once; only the last is SKU-0004.
      ...Array.from({ length: 11 }, (_, i) => line(MANY, SKUS[i % 3]!, 1, `示例商品 ${SKUS[i % 3]} 款 ${i + 1}`)),
      line(MANY, 'SKU-0004', 1),
    ],
  );
  return [
    { name: files.orderFile.name, mimeType: 'text/csv', buffer: files.orderFile.bytes },
    { name: files.detailFile.name, mimeType: 'text/csv', buffer: files.detailFile.bytes },
  ];
}

/** The element lies wholly inside the 1366×768 window. */
async function expectOnScreen(page: Page, el: Locator) {
  const box = await el.boundingBox();
  const view = page.viewportSize()!;
  expect(box, 'element is rendered').not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(view.height);
}

async function setUp(ui: StationPage, url: string) {
  await ui.open(url);
  await ui.loginWithPin('0000');
  await ui.stockShop(catalogCsv(SKUS), orderFiles());
}

test('a long buyer message and memo scroll in their own box: banner, lines and label stay on screen', async ({ page, station }) => {
  const ui = new StationPage(page);
  await setUp(ui, station.url);
  // The import names the line the bench cannot check by scan.
  await expect(ui.id('lines-without-sku')).toContainText(`${NO_SKU} 第 1 行：韩版运动袜 SKU-0004`);
  await ui.screenshot('defects-01-import-no-sku');

  await ui.goto('bench');
  expect(await ui.scan(LONG)).toBe('opened');
  // The side column at its fullest (factory-PIN banner, a weight warning): 报损 stays on screen and
  // no part of the column is drawn over another.
  await ui.id('weight-input').fill('9000');
  await expect(ui.id('weight-warning')).toBeVisible();
  await expectOnScreen(page, ui.id('damage-open'));
  const damage = (await ui.id('damage-open').boundingBox())!;
  expect((await ui.id('manual-code').boundingBox())!.y).toBeGreaterThanOrEqual(damage.y + damage.height);
  await ui.id('weight-input').fill('');
  for (const sku of ['SKU-0001', 'SKU-0002']) expect(await ui.scan(barcodeOf(sku))).toBe('verified');
  expect(await ui.scan(barcodeOf('SKU-0003'))).toBe('completed');
  await expect(ui.id('label-preview')).toBeVisible();
  const notes = ui.id('order-notes');
  await expect(notes).toContainText(MESSAGE.slice(0, 20));
  // The box is capped and scrolls; everything else keeps its place.
  const scrolls = await notes.evaluate((el) => el.scrollHeight > el.clientHeight);
  expect(scrolls).toBe(true);
  for (const id of ['scan-status', 'line-1', 'line-2', 'line-3', 'label-preview', 'order-notes']) await expectOnScreen(page, ui.id(id));
  expect((await ui.id('label-preview').boundingBox())!.height).toBeGreaterThan(200);
  await ui.screenshot('defects-02-long-message-zh');
  // The end of the memo is reachable in the box.
  await notes.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(ui.id('seller-memo')).toBeInViewport();
  await ui.screenshot('defects-03-long-message-scrolled');

  await ui.switchLanguage('en');
  expect(await ui.scan(LONG)).toBe('blocked');
  for (const id of ['scan-status', 'line-1', 'line-3', 'label-preview', 'order-notes']) await expectOnScreen(page, ui.id(id));
  await ui.screenshot('defects-04-long-message-en');
});

test('opening order B while A is part packed asks first; a line without 商家编码 is bound to the scanned SKU', async ({ page, station }) => {
  const ui = new StationPage(page);
  await setUp(ui, station.url);
  await ui.goto('bench');
  expect(await ui.scan(A)).toBe('opened');
  expect(await ui.scan(barcodeOf('SKU-0001'))).toBe('verified');

  expect(await ui.scan(B)).toBe('confirm_switch');
  await expect(ui.id('scan-status')).toContainText(`${A} 已验 1/5 件，还没发货`);
  await expect(ui.id('order-id')).toHaveText(A);
  await ui.screenshot('defects-05-switch-asked-zh');
  await ui.id('switch-stay').click();
  await expect(ui.id('scan-status')).toHaveAttribute('data-outcome', 'idle');
  await expect(ui.id('order-id')).toHaveText(A);

  expect(await ui.scan(B)).toBe('confirm_switch');
  await ui.id('switch-open').click();
  await expect(ui.id('order-id')).toHaveText(B);
  await expect(ui.id('scan-status')).toHaveAttribute('data-outcome', 'opened');

  // B has nothing verified: C opens at once. Its line has no 商家编码: the scan offers binding.
  expect(await ui.scan(NO_SKU)).toBe('opened');
  expect(await ui.scan(barcodeOf('SKU-0004'))).toBe('wrong_item');
  await expect(ui.id('scan-status')).toContainText('有行没有商家编码');
  await ui.screenshot('defects-06-line-unbound-zh');
  await ui.id('bind-line').click();
  await expect(ui.id('bind-line-dialog')).toContainText('韩版运动袜 SKU-0004');
  await ui.screenshot('defects-07-bind-line-dialog');
  await ui.id('bind-line-submit').click();
  // The admin needs no PIN; the scan counts and, the only unit, ships the order.
  await expect(ui.id('scan-status')).toHaveAttribute('data-outcome', 'completed');
  await expect(ui.id('line-1')).toHaveAttribute('data-verified', '1');

  await ui.switchLanguage('en');
  expect(await ui.scan(A)).toBe('opened');
  expect(await ui.scan(barcodeOf('SKU-0001'))).toBe('verified');
  expect(await ui.scan(B)).toBe('confirm_switch');
  await expect(ui.id('scan-status')).toContainText(`${A} is 2/5 packed and not shipped`);
  await ui.screenshot('defects-08-switch-asked-en');
});

test('an item scan for a line out of view scrolls that line into view; one in view leaves the list still', async ({ page, station }) => {
  const ui = new StationPage(page);
  await setUp(ui, station.url);
  await ui.goto('bench');
  expect(await ui.scan(MANY)).toBe('opened');
  const scrollTop = () => page.locator('.lines-scroll').evaluate((el) => el.scrollTop);
  expect(await ui.scan(barcodeOf('SKU-0001'))).toBe('verified');
  await expect(ui.id('line-1')).toHaveAttribute('data-verified', '1');
  expect(await scrollTop()).toBe(0);
  await expect(ui.id('line-12')).not.toBeInViewport();

  expect(await ui.scan(barcodeOf('SKU-0004'))).toBe('verified');
  await expect(ui.id('line-12')).toHaveAttribute('data-verified', '1');
  // Whole but for a sub-pixel edge (rows are not whole pixels high).
  await expect(ui.id('line-12')).toBeInViewport({ ratio: 0.95 });
  await ui.screenshot('defects-09-line-below-fold');
  // Back up the list for a line above it.
  expect(await ui.scan(barcodeOf('SKU-0003'))).toBe('verified');
  await expect(ui.id('line-3')).toBeInViewport({ ratio: 0.95 });
});
