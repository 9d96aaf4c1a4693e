import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import iconv from 'iconv-lite';
import type { Page } from '@playwright/test';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { startCuttableProxy } from '../fakes/tcp-proxy.fake';
import { expect, startHub, startStation, test, type Station } from './fixtures';
import { StationPage } from './pages/StationPage';
import { barcodeOf } from './pages/shop-files';

const SKUS = defaultSkus(6);
const catalogCsv = () =>
  iconv.encode(['商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位', ...SKUS.map((c, i) => `${c},示例商品 ${c},${barcodeOf(c)},,,${100 + i},A-0${i}`)].join('\r\n'), 'gbk');

async function fillPairForm(ui: StationPage, hubUrl: string, code: string, fingerprint: string, name: string) {
  await ui.goto('settings');
  await ui.id('pair-hub-url').fill(hubUrl);
  await ui.id('pair-fingerprint').fill(fingerprint);
  await ui.id('pair-code').fill(code);
  await ui.id('pair-name').fill(name);
}

async function pair(ui: StationPage, hubUrl: string, code: string, fingerprint: string, name: string) {
  await fillPairForm(ui, hubUrl, code, fingerprint, name);
  await ui.id('pair-submit').click();
  await expect(ui.id('paired-status')).toBeVisible();
  await expect(ui.id('sync-indicator')).toHaveAttribute('data-state', 'online');
}

async function packByScanning(ui: StationPage, orderId: string, lines: { skuCode: string | null; qty: number }[]) {
  await ui.goto('bench');
  expect(await ui.scan(orderId)).toBe('opened');
  let outcome: string | null = null;
  for (const line of lines) for (let i = 0; i < line.qty; i++) outcome = await ui.scan(barcodeOf(line.skuCode!));
  expect(outcome).toBe('completed');
}

/** Every tab of the top bar whole on screen: a long sync line (English, removed from the shop) must give way, never a tab. */
async function expectEveryTabShown(ui: StationPage) {
  const clipped = await ui.page.evaluate(() => {
    const nav = document.querySelector('.nav')!.getBoundingClientRect();
    const pill = document.querySelector('[data-testid="sync-indicator"]')!.getBoundingClientRect();
    const tabs = [...document.querySelectorAll<HTMLElement>('.nav [data-testid^="nav-"]')];
    const cut = tabs.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width === 0 || r.left < nav.left - 0.5 || r.right > nav.right + 0.5 || r.right > pill.left || r.right > window.innerWidth;
    });
    return { count: tabs.length, cut: cut.map((el) => el.dataset['testid']) };
  });
  expect(clipped.count).toBeGreaterThan(8);
  expect(clipped.cut).toEqual([]);
}

/** The hub's flags about an order, as the exceptions inbox lists them. */
async function flagKindsFor(ui: StationPage, orderId: string) {
  await ui.id('nav-inbox').click();
  await expect(ui.id('inbox-screen')).toBeVisible();
  const rows = ui.page.locator('[data-testid="inbox-row"][data-kind="sync-conflict"]').filter({ hasText: orderId });
  await expect(rows).toHaveCount(2);
  return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-flag-kind')))).sort();
}

test('a hub, two stations; one is unplugged, both pack the same order; after reconnecting both show the conflict and stock adds up', async ({ browser }) => {
  test.setTimeout(120_000);
  const hub = await startHub(mkdtempSync(join(tmpdir(), 'packdesk-e2e-hub-')), { pool: 2000 });
  const cable = await startCuttableProxy({ host: '127.0.0.1', port: Number(new URL(hub.url).port) });
  const stations: Station[] = [await startStation(), await startStation()];
  const pages: Page[] = [await browser.newPage(), await browser.newPage()];
  try {
    const [a, b] = pages.map((p) => new StationPage(p)) as [StationPage, StationPage];
    for (const [i, ui] of [a, b].entries()) {
      await ui.open(stations[i]!.url);
      await ui.loginWithPin('0000');
    }
    await pair(a, hub.url, hub.codes.supervisor, hub.fingerprint, '打包台 A');
    // The cable carries TLS bytes as they are: B checks the hub's certificate through it.
    await pair(b, `https://127.0.0.1:${cable.port}`, hub.codes.packer, hub.fingerprint, '打包台 B');
    await a.screenshot('sync-01-paired');

    // Station A brings the catalog and the day's orders; B gets them through the hub.
    const generated = generateTaobaoClassic({ orders: 20, seed: 5, skus: SKUS, quirks: false });
    const order = generated.orders.find((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.length > 0 && o.lines.every((l) => l.skuCode && !l.refundStatus))!;
    await a.goto('catalog');
    await a.id('catalog-import-file').setInputFiles({ name: '商品资料.csv', mimeType: 'text/csv', buffer: catalogCsv() });
    await expect(a.id('catalog-report')).toHaveAttribute('data-rejected', 'false');
    await a.goto('orders');
    await a.id('orders-import-file').setInputFiles([
      { name: generated.orderFileName, mimeType: 'text/csv', buffer: generated.orderCsv },
      { name: generated.detailFileName, mimeType: 'text/csv', buffer: generated.detailCsv },
    ]);
    await expect(a.id('import-report')).toHaveAttribute('data-rejected', 'false');
    await expect(a.id('sync-pending')).toHaveAttribute('data-count', '0');
    await b.id('sync-open').click();
    await b.id('sync-now').click();
    await b.goto('orders');
    await expect(b.id(`order-row-${order.externalId}`)).toBeVisible();

    // B's cable is pulled. Both benches pack the same order; each prints its own waybill number.
    await cable.cut();
    await packByScanning(b, order.externalId, order.lines);
    await expect(b.id('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
    await expect(b.id('sync-pending')).not.toHaveAttribute('data-count', '0');
    await b.screenshot('sync-02-b-offline-packed');
    await packByScanning(a, order.externalId, order.lines);
    await expect(a.id('sync-pending')).toHaveAttribute('data-count', '0');

    // Plugged back in: B catches up on its own (or at once with 立即同步).
    await cable.heal();
    await b.id('sync-open').click();
    await b.id('sync-now').click();
    await expect(b.id('sync-indicator')).toHaveAttribute('data-state', 'online');
    await expect(b.id('sync-pending')).toHaveAttribute('data-count', '0');
    await a.id('sync-open').click();
    await a.id('sync-now').click();

    for (const ui of [a, b]) {
      await expect(ui.id('inbox-badge')).toBeVisible();
      expect(await flagKindsFor(ui, order.externalId)).toEqual(['claim.conflict', 'ship.double']);
    }
    await a.screenshot('sync-03-a-flags');
    await b.screenshot('sync-04-b-flags');

    // Both shipments' stock movements count at both benches.
    const units = new Map<string, number>();
    for (const l of order.lines) units.set(l.skuCode!, (units.get(l.skuCode!) ?? 0) + l.qty);
    for (const ui of [a, b]) {
      await ui.goto('catalog');
      for (const [sku, qty] of units) await expect(ui.id(`on-hand-${sku}`)).toHaveText(String(-2 * qty));
    }
  } finally {
    for (const p of pages) await p.close();
    for (const s of stations) s.process.kill('SIGTERM');
    hub.process.kill('SIGTERM');
    await cable.close();
  }
});

test('a PC hosts the hub from Settings; another bench pairs with the code it shows and gets its orders', async ({ browser }) => {
  test.setTimeout(90_000);
  const free = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
  const stations: Station[] = [await startStation(), await startStation()];
  const pages: Page[] = [await browser.newPage(), await browser.newPage()];
  try {
    const [host, bench] = pages.map((p) => new StationPage(p)) as [StationPage, StationPage];
    for (const [i, ui] of [host, bench].entries()) {
      await ui.open(stations[i]!.url);
      await ui.loginWithPin('0000');
    }
    await host.goto('settings');
    await host.id('host-hub-port').fill(String(free));
    await host.id('host-hub-toggle').click();
    await expect(host.id('hosting-state')).toHaveAttribute('data-state', 'running');
    // The hosting PC pairs itself with its own hub as the admin station.
    await expect(host.id('sync-indicator')).toHaveAttribute('data-state', 'online');
    await expect(host.page.getByTestId('hub-url').first()).toContainText(`:${free}`);
    await host.id('new-code-packer').click();
    const code = (await host.id('pairing-code-value').textContent())?.replace(/\D/g, '') ?? '';
    expect(code).toMatch(/^\d{8}$/);
    // The fingerprint goes with the code; the admin reads out its bold first five groups.
    const typed = (await host.page.getByTestId('pairing-code').locator('.fingerprint-typed').allTextContents()).join(' ');
    expect(typed).toMatch(/^([0-9A-F]{4} ){4}[0-9A-F]{4}$/);
    await host.id('pairing-code').scrollIntoViewIfNeeded();
    await host.screenshot('sync-05-hosting');

    await host.goto('catalog');
    await host.id('catalog-import-file').setInputFiles({ name: '商品资料.csv', mimeType: 'text/csv', buffer: catalogCsv() });
    await expect(host.id('catalog-report')).toHaveAttribute('data-rejected', 'false');
    await expect(host.id('sync-pending')).toHaveAttribute('data-count', '0');

    // A fingerprint misread by one group: pairing stops and says why, and nothing was sent.
    const misread = typed.replace(/^[0-9A-F]{4}/, (g) => (g === 'AAAA' ? 'BBBB' : 'AAAA'));
    await fillPairForm(bench, `127.0.0.1:${free}`, code, misread, '打包台 2');
    await bench.screenshot('sync-07-pair-form');
    await bench.id('pair-submit').click();
    await expect(bench.id('pair-error')).toHaveAttribute('data-code', 'fingerprint-mismatch');
    await expect(bench.id('pair-error')).toContainText('指纹不符');
    await bench.id('pair-error').scrollIntoViewIfNeeded();
    await bench.screenshot('sync-08-fingerprint-mismatch');
    await pair(bench, `127.0.0.1:${free}`, code, typed, '打包台 2');
    await expect(bench.id('sync-pending')).toHaveAttribute('data-count', '0');
    await bench.goto('catalog');
    await expect(bench.id(`sku-row-${SKUS[0]}`)).toBeVisible();
    await host.goto('settings');
    // This PC, the bench, and 主管台 (the hub's own desk station that serves the supervisors' phones).
    await expect(host.page.getByTestId('hub-station-row')).toHaveCount(3, { timeout: 20_000 });
    await expect(host.page.getByTestId('hub-station-row').filter({ hasText: '主管台' })).toHaveCount(1);
    const benchRow = host.page.getByTestId('hub-station-row').filter({ hasText: '打包台 2' });
    await host.id('hub-stations').scrollIntoViewIfNeeded();
    await host.screenshot('sync-06-hosting-stations');

    // A replacement code for the bench (a new PC would take it over with this code).
    await benchRow.getByTestId('station-replace').click();
    await benchRow.getByTestId('station-replace-confirm').click();
    await expect(host.id('pairing-code')).toContainText('替换配对码：打包台 2');
    await host.id('pairing-code').scrollIntoViewIfNeeded();
    await host.screenshot('sync-09-replacement-code');

    // The bench PC is lost: the hosting admin revokes it, and it can no longer sync.
    await benchRow.getByTestId('station-revoke').click();
    await benchRow.getByTestId('station-revoke-confirm').click();
    await bench.id('sync-open').click();
    await bench.id('sync-now').click();
    // Removed from the shop, not merely offline: red, and the panel offers pairing again.
    await expect(bench.id('sync-indicator')).toHaveAttribute('data-state', 'revoked');
    await expect(bench.id('sync-open')).toHaveAttribute('title', /no longer accepts|不再接受|重新配对/);
    await expect(bench.id('sync-revoked')).toBeVisible();
    await expectEveryTabShown(bench);
    await bench.switchLanguage('en');
    await expect(bench.id('sync-state')).toHaveText('Removed from shop');
    await expectEveryTabShown(bench);
  } finally {
    for (const p of pages) await p.close();
    for (const s of stations) s.process.kill('SIGTERM');
  }
});
