import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';

/**
 * The browser station's login belongs to the tab it was typed in. Its address (with #token, as
 * printed, or picked from the browser's history) opened again in a new tab asks for a PIN instead
 * of going on as the last user; a reload of the same tab goes on; the idle lock locks the tab.
 */
test('a new tab on the station’s address asks for a PIN; a reload goes on; idle time locks it', async ({ page, context, station }) => {
  const ui = new StationPage(page);
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.goto('settings');

  // The same tab reloaded: still logged in, on the bench.
  await page.reload();
  await expect(ui.id('packer')).toBeVisible();
  await expect(ui.id('lock-screen')).toHaveCount(0);

  // Someone else opens the address in a new tab: the PIN pad, never the logged-in bench.
  const other = new StationPage(await context.newPage());
  await other.page.goto(station.url);
  await expect(other.id('lock-screen')).toBeVisible();
  await expect(other.id('pin-key-0')).toBeVisible();
  await expect(other.id('packer')).toHaveCount(0);
  await other.screenshot('session-01-new-tab-asks-pin');
  // The station is locked for the first tab too (one bench, one session); the PIN opens it again.
  await expect(ui.id('lock-screen')).toBeVisible();
  await other.loginWithPin('0000');
  await other.page.close();

  // Idle time applies to the browser station as to the desktop window (a minute here, on a fake clock).
  await page.clock.install();
  await page.reload();
  await expect(ui.id('packer')).toBeVisible();
  await ui.goto('settings');
  await ui.id('set-idleLockMinutes').fill('1');
  await ui.id('settings-save').click();
  await expect(ui.id('settings-saved')).toBeVisible();
  await page.clock.fastForward('01:30');
  await expect(ui.id('lock-screen')).toBeVisible();
  await expect(ui.id('login-hint')).toContainText('空闲后自动锁定');
  await ui.screenshot('session-02-idle-locked');
});
