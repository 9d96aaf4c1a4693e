import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { startKuaidi100LabelFake } from '../fakes/kuaidi100-label.fake';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';
import { catalogCsv } from './pages/shop-files';

const SKUS = defaultSkus(8);
const SUPERVISOR = { name: '王主管', pin: '2468' };

/**
 * 电子面单 at a bench with its own 快递100 account (1366×768): the admin types the account into the
 * form and tests it; a supervisor fetches numbers for the orders awaiting shipment; one order the
 * provider refuses (余额不足) is listed with its reason and the retry gets it a number; an unused
 * number is cancelled by typing it. The provider is the 快递100 fake on loopback.
 */
test('e-waybills: the admin enters the 快递100 account, a supervisor fetches, a refusal is shown and retried', async ({ page, station }) => {
  test.setTimeout(150_000);
  const fake = await startKuaidi100LabelFake({ key: 'K100KEY', secret: 'K100SECRET', partners: { yuantong: 'YT-0001' } });
  try {
    const ui = new StationPage(page);
    const generated = generateTaobaoClassic({ orders: 8, seed: 5, skus: SKUS, quirks: false });
    await ui.open(station.url);
    await ui.loginWithPin('0000');
    await ui.stockShop(catalogCsv(SKUS), [
      { name: generated.orderFileName, mimeType: 'text/csv', buffer: generated.orderCsv },
      { name: generated.detailFileName, mimeType: 'text/csv', buffer: generated.detailCsv },
    ]);

    // 取号 needs the sender, and a supervisor does the fetching.
    await ui.goto('settings');
    await page.locator('#set-sender-name').fill('王店长');
    await page.locator('#set-sender-phone').fill('13800000000');
    await page.locator('#set-sender-address').fill('广东省 东莞市 长安镇 振安路1号');
    await ui.id('settings-save').click();
    await expect(ui.id('settings-saved')).toBeVisible();
    await ui.id('user-new').click();
    await ui.id('user-name').fill(SUPERVISOR.name);
    await ui.id('user-role').selectOption('supervisor');
    await ui.id('user-pin').fill(SUPERVISOR.pin);
    await ui.id('user-save').click();
    await expect(ui.id(`user-row-${SUPERVISOR.name}`)).toBeVisible();

    // Not set up yet: the panel says where the account goes.
    await ui.goto('shipments');
    await ui.id('tab-waybills').click();
    await expect(ui.id('wb-not-configured')).toContainText('电子面单账号');
    await expect(ui.id('wb-protection')).toContainText('只有当前系统用户可读');
    await ui.screenshot('waybills-01-not-configured');

    // The admin types the account: key and secret (password boxes), the API address, YTO's partnerId.
    await expect(ui.id('wb-key-key')).toHaveAttribute('type', 'password');
    await ui.id('wb-key-key').pressSequentially('K100KEY');
    await ui.id('wb-key-secret').pressSequentially('K100SECRET');
    await ui.id('wb-key-endpoint').pressSequentially(fake.url);
    await ui.id('wb-add-row').click();
    await ui.id('wb-row-0-carrier').selectOption('YTO');
    await ui.id('wb-row-0-partnerId').pressSequentially('YT-0001');
    await ui.id('wb-row-0-payType').selectOption('MONTHLY');
    await ui.id('wb-accounts').scrollIntoViewIfNeeded();
    await ui.screenshot('waybills-02-account-typed');
    await ui.id('wb-account-save').click();
    await expect(ui.id('wb-account-state')).toContainText('YTO');
    // Never shown back: the boxes are empty again.
    await expect(ui.id('wb-key-secret')).toHaveValue('');
    await ui.id('wb-account-test').click();
    await expect(ui.id('wb-test-result')).toHaveAttribute('data-ok', 'true');
    await ui.screenshot('waybills-03-account-tested');

    // A supervisor fetches for every order awaiting shipment; the provider refuses one (余额不足).
    await ui.id('logout-button').click();
    await expect(ui.id('login-screen')).toBeVisible();
    await ui.loginWithPin(SUPERVISOR.pin);
    await ui.goto('shipments');
    await ui.id('tab-waybills').click();
    await expect(ui.id('wb-accounts')).toHaveCount(0);
    const awaiting = Number(await ui.id('wb-count-awaitingWithout').locator('.wb-stat-value').textContent());
    expect(awaiting).toBeGreaterThan(1);
    await expect(ui.id('wb-fetch-awaiting')).toContainText(`(${awaiting})`.replace('(', '（').replace(')', '）'));
    fake.state.failNext.push('30004');
    await ui.id('wb-fetch-awaiting').click();
    await expect(ui.id('wb-report')).toContainText(`本次取到 ${awaiting - 1} 个单号`);
    await expect(ui.id('wb-failures').locator('tbody tr')).toHaveCount(1);
    await expect(ui.id('wb-failure-reason')).toContainText('余额不足');
    await expect(ui.id('wb-count-ready')).toContainText(String(awaiting - 1));
    await expect(ui.id('wb-count-awaitingWithout')).toContainText('1');
    await ui.screenshot('waybills-04-one-refused');

    await ui.id('wb-retry').click();
    await expect(ui.id('wb-failures')).toHaveCount(0);
    await expect(ui.id('wb-count-ready')).toContainText(String(awaiting));
    await expect(ui.id('wb-count-awaitingWithout')).toContainText('0');
    expect(fake.live()).toHaveLength(awaiting);
    await ui.screenshot('waybills-05-retried');

    // 打单: the fetched waybills printed for the pickers, before any parcel exists.
    await expect(ui.id('wb-print-ready')).toContainText(String(awaiting));
    await ui.id('wb-print-ready').click();
    await expect(ui.id('wb-print-ready')).toContainText('0');
    await expect(ui.id('wb-print-ready')).toBeDisabled();

    // 打单拣货: at the bench, the opened order shows the number fetched for it and its routing.
    const ready = generated.orders.filter((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.every((l) => l.skuCode && !l.refundStatus));
    await ui.goto('bench');
    expect(await ui.scan(ready[0]!.externalId)).toBe('opened');
    await expect(ui.id('order-fetched-waybill')).toContainText('YT88');
    await ui.screenshot('waybills-06-bench-order');
    await ui.goto('shipments');
    await ui.id('tab-waybills').click();

    // An unused number cancelled by typing it: sent to the provider at once.
    const unused = fake.live()[0]!;
    await ui.id('wb-cancel-number').fill(unused);
    await ui.id('wb-cancel-submit').click();
    await expect(ui.id('wb-count-ready')).toContainText(String(awaiting - 1));
    await expect.poll(() => fake.live()).not.toContain(unused);
    await ui.id('tab-shipments').click();
    await ui.id('tab-waybills').click();
    await expect(ui.id('wb-count-cancelled')).toContainText('1');
    await ui.screenshot('waybills-07-cancelled');

    await ui.switchLanguage('en');
    await ui.goto('shipments');
    await ui.id('tab-waybills').click();
    await expect(ui.id('wb-fetch')).toContainText('Fetch e-waybill numbers');
    await ui.screenshot('waybills-08-english');
  } finally {
    await fake.close();
  }
});
