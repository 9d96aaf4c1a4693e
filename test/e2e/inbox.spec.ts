import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';
import { barcodeOf, catalogCsv, classicFiles } from './pages/shop-files';

const SKUS = defaultSkus(8);
const HOUR = 3_600_000;

/**
 * A supervisor's desk at the bench (1366×768): orders paid 44 hours ago are due within the shop's
 * 6 hours, the YTO roll is short, the catalog came with no stock; the packer ships three orders (one
 * wrong item on the way). The
 * top bar counts the inbox by kind; the inbox lists each row with its evidence and closes one with
 * a note; the dashboard draws today's figures with ECharts.
 */
test('the exceptions inbox and the dashboard at a bench', async ({ page, station }) => {
  test.setTimeout(120_000);
  const ui = new StationPage(page);
  const generated = generateTaobaoClassic({ orders: 12, seed: 5, skus: SKUS, quirks: false, startMs: Date.now() - 44 * HOUR });
  const ready = generated.orders.filter((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.every((l) => l.skuCode && !l.refundStatus));
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.stockShop(catalogCsv(SKUS), classicFiles(generated));

  await ui.goto('bench');
  for (const [n, order] of ready.slice(0, 3).entries()) {
    expect(await ui.scan(order.externalId)).toBe('opened');
    if (n === 1) expect(await ui.scan(barcodeOf(SKUS.find((s) => !order.lines.some((l) => l.skuCode === s))!))).toBe('wrong_item');
    let outcome: string | null = null;
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) outcome = await ui.scan(barcodeOf(line.skuCode!));
    expect(outcome).toBe('completed');
  }

  // The badge: deadlines near for the orders still open, the short roll, and the SKUs the parcels took
  // below zero (the catalog file brought no stock: this bench works alone, so it sees that itself).
  const open = ready.length - 3;
  const badge = ui.id('inbox-badge');
  await expect(badge).toHaveAttribute('title', new RegExp(`发货期限临近：${open}\\n库存为负：\\d+\\n运单号不足：1`));
  const total = Number(await badge.getAttribute('data-count'));
  await badge.hover();
  await expect(ui.id('inbox-badge-deadline-risk')).toContainText(String(open));
  await ui.screenshot('inbox-02-badge');
  await ui.id('inbox-badge-all').click();

  const rows = ui.page.getByTestId('inbox-row');
  await expect(rows).toHaveCount(total);
  const pool = ui.page.locator('[data-testid="inbox-row"][data-kind="pool-low"]');
  await expect(pool).toContainText('圆通速递 运单号只剩 17 个（低于 300）');
  const first = ui.page.locator('[data-testid="inbox-row"][data-kind="deadline-risk"]').first();
  await expect(first.getByTestId('inbox-evidence')).toContainText('前发货，还剩');
  await ui.screenshot('inbox-03-bench');

  await first.getByTestId('inbox-resolve').click();
  await ui.id('inbox-note').fill('买家同意明天发货');
  await ui.screenshot('inbox-04-dismiss');
  await ui.id('inbox-resolve-submit').click();
  await expect(rows).toHaveCount(total - 1);
  await expect(badge).toHaveAttribute('data-count', String(total - 1));
  await ui.id('inbox-view-resolved').click();
  await expect(ui.id('inbox-resolution').first()).toContainText('买家同意明天发货');

  // The dashboard: today's three parcels by Beijing hour, the carrier, the packer's pace and the wrong item.
  await ui.goto('dashboard');
  await expect(ui.id('kpi-shipped-value')).toHaveText('3');
  await expect(ui.id('kpi-awaiting-value')).toHaveText(String(open));
  for (const chart of ['shipped', 'carriers', 'packer-errors']) await expect(ui.page.locator(`[data-testid="chart-${chart}"] canvas`)).toBeVisible();
  const packer = ui.id('packer-row').first();
  await expect(packer).toContainText('管理员');
  await expect(packer.locator('td').nth(1)).toHaveText('3');
  await expect(packer.locator('td').nth(6)).toContainText('1 ·');
  await ui.screenshot('dashboard-02-today');
  await ui.id('dashboard-range-7d').click();
  await expect(ui.id('chart-shipped')).toContainText('每天发货订单');
  await ui.screenshot('dashboard-03-week');

  await ui.switchLanguage('en');
  await ui.goto('inbox');
  await ui.id('inbox-view-open').click();
  await expect(ui.id('inbox-kind-all')).toContainText('All');
  await ui.screenshot('inbox-05-english');
});
