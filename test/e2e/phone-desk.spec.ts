import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { adminPairingCode, expect, startHub, startStation, test } from './fixtures';
import { PhonePage } from './pages/PhonePage';
import { StationPage } from './pages/StationPage';

const SUPERVISOR = { name: '王主管', pin: '2468' };
const PACKER = { name: '李打包', pin: '1357' };

/** Settings → Users → new user, as the admin does it. */
async function addUser(ui: StationPage, user: { name: string; pin: string }, role: 'packer' | 'supervisor') {
  await ui.id('user-new').click();
  await ui.id('user-name').fill(user.name);
  await ui.id('user-role').selectOption(role);
  await ui.id('user-pin').fill(user.pin);
  await ui.id('user-save').click();
  await expect(ui.id(`user-row-${user.name}`)).toBeVisible();
}

test('a supervisor on a phone logs in at the hub with name and PIN, sees the exceptions inbox, the dashboard and the audit log and closes a row; a packer’s PIN is refused', async ({ browser }) => {
  test.setTimeout(120_000);
  const hub = await startHub(mkdtempSync(join(tmpdir(), 'packdesk-e2e-hub-')));
  const station = await startStation();
  const page = await browser.newPage();
  const phones: PhonePage[] = [];
  try {
    // The office PC joins the hub as the admin station and adds the shop's supervisor and a packer.
    const office = new StationPage(page);
    await office.open(station.url);
    await office.loginWithPin('0000');
    await office.goto('settings');
    await office.id('pair-hub-url').fill(hub.url);
    await office.id('pair-fingerprint').fill(hub.fingerprint);
    await office.id('pair-code').fill(adminPairingCode(hub));
    await office.id('pair-name').fill('办公室');
    await office.id('pair-submit').click();
    await expect(office.id('sync-indicator')).toHaveAttribute('data-state', 'online');
    await addUser(office, SUPERVISOR, 'supervisor');
    await addUser(office, PACKER, 'packer');
    // A count that takes a cup below zero: the hub raises a flag for a supervisor.
    await office.goto('catalog');
    const sku = iconv.encode('商家编码,名称,条码\r\nSKU-CUP,马克杯,6900000000011\r\n', 'gbk');
    await office.id('catalog-import-file').setInputFiles({ name: '商品资料.csv', mimeType: 'text/csv', buffer: sku });
    await expect(office.id('catalog-report')).toHaveAttribute('data-rejected', 'false');
    await office.id('adjust-SKU-CUP').click();
    await office.id('stock-delta').fill('-3');
    await office.id('stock-kind-count').click();
    await office.id('stock-note').fill('盘点少了 3 个');
    await office.id('stock-save').click();
    await expect(office.id('on-hand-SKU-CUP')).toHaveText('-3');
    await office.id('sync-open').click();
    await office.id('sync-now').click();
    await expect(office.id('sync-pending')).toHaveAttribute('data-count', '0');

    // The packer's own PIN opens nothing on a phone.
    const packerPhone = await PhonePage.open(browser, hub.phoneUrl);
    phones.push(packerPhone);
    await packerPhone.login(PACKER.name, PACKER.pin);
    await expect(packerPhone.id('desk-login-error')).toHaveText('姓名或 PIN 不对，或此用户不是主管或管理员');
    await expect(packerPhone.id('desk')).not.toContainText('冲突');
    await packerPhone.screenshot('phone-01-packer-refused');

    // At the office (1366×768) the exceptions inbox lists it, with the badge in the top bar.
    await office.goto('inbox');
    const atOffice = office.page.locator('[data-testid="inbox-row"][data-kind="stock-negative"]');
    await expect(atOffice).toContainText('SKU-CUP', { timeout: 20_000 });
    await expect(office.id('inbox-badge')).toHaveAttribute('data-count', '1');
    await office.screenshot('inbox-01-office');
    await office.goto('dashboard');
    await expect(office.id('kpi-awaiting-value')).toHaveText('0');
    await expect(office.id('chart-shipped')).toContainText('这段时间没有数据');
    await office.screenshot('dashboard-01-office');

    // The supervisor logs in and finds the row (the desk catches up with the hub on its own).
    const phone = await PhonePage.open(browser, hub.phoneUrl);
    phones.push(phone);
    await phone.screenshot('phone-02-login');
    await phone.login(SUPERVISOR.name, SUPERVISOR.pin);
    await expect(phone.id('desk-user')).toContainText(SUPERVISOR.name);
    const row = phone.page.locator('[data-testid="inbox-row"][data-kind="stock-negative"]');
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row).toContainText('SKU-CUP');
    await expect(phone.id('desk-count-inbox')).toHaveText('1');
    // Laid out for the phone: nothing wider than the screen, the button a thumb can hit.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await row.getByTestId('inbox-resolve').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await phone.screenshot('phone-03-inbox');

    await row.getByTestId('inbox-resolve').tap();
    await phone.id('inbox-note').fill('已补货 3 个');
    await phone.screenshot('phone-04-resolve');
    await phone.id('inbox-resolve-submit').tap();
    await expect(row).toHaveCount(0);
    await expect(phone.id('desk-count-inbox')).toBeHidden();
    await phone.id('inbox-view-resolved').tap();
    await expect(phone.id('inbox-resolution').first()).toContainText('已补货 3 个');

    await phone.tab('dashboard');
    await expect(phone.id('kpi-shipped-value')).toBeVisible();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot('phone-05-dashboard');

    await phone.tab('audit');
    await expect(phone.id('audit-row').first()).toBeVisible();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The entries come first: the filters fold behind one button, and the first entry starts on the first screen.
    await expect(phone.id('audit-filters')).toBeHidden();
    expect((await phone.id('audit-row').first().boundingBox())!.y).toBeLessThan(844 / 2);
    await phone.screenshot('phone-06-audit');
    await phone.id('audit-filters-toggle').tap();
    await expect(phone.id('audit-kind')).toBeVisible();

    // At the office, the flag is closed by the supervisor, at the desk.
    await expect(async () => {
      await office.id('sync-open').click();
      await office.id('sync-now').click();
      await office.goto('audit');
      const row = office.page.getByTestId('audit-row').filter({ hasText: '主管台' }).first();
      await expect(row.getByTestId('audit-authorizer')).toHaveText(SUPERVISOR.name, { timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await office.screenshot('phone-07-office-audit');

    await phone.id('desk-logout').tap();
    await expect(phone.id('desk-login')).toBeVisible();
    await expect(phone.id('desk-name')).toHaveValue(SUPERVISOR.name);
  } finally {
    for (const p of phones) await p.close();
    await page.close();
    station.process.kill('SIGTERM');
    hub.process.kill('SIGTERM');
  }
});
