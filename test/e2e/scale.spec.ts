import { startPtyPeer, type PtyPeer } from '../fakes/pty-peer.fake';
import { stHeaderFrame } from '../fakes/scale-frames.fake';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';

// From the bundled samples: order 300000001488226556 is 3 × SKU-0018 (267 g each, barcode 2000000000183).
const ORDER = '300000001488226556';
const ITEM = '2000000000183';
const EXPECTED_G = 3 * 267 + 50;

let scale: PtyPeer;
test.beforeEach(async () => {
  scale = await startPtyPeer('scale');
});
test.afterEach(async () => {
  await scale.close();
});

test('a scale on a pty weighs a parcel that does not match: the bench holds it and refuses to ship', async ({ page, station }) => {
  const ui = new StationPage(page);
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.goto('orders');
  await ui.id('load-samples').click();
  // The samples are in once the offer to load them is gone.
  await expect(ui.id('load-samples')).toHaveCount(0);

  // Devices: the scale on its port (a pty pair never shows in the OS port list: typed by path).
  await ui.goto('devices');
  await expect(ui.id('serial-panel')).toBeVisible();
  await ui.id('serial-add-scale').click();
  await ui.id('serial-device-scale-1').getByTestId('serial-path').fill(scale.appPath);
  await ui.id('serial-save').click();
  await expect(ui.id('serial-device-scale-1').getByTestId('serial-status')).toHaveText(/已连接|Connected/);

  await ui.goto('bench');
  await expect(ui.id('scale-strip')).toHaveAttribute('data-scale', 'connected');
  expect(await ui.scan(ORDER)).toBe('opened');
  for (let i = 0; i < 2; i++) expect(await ui.scan(ITEM)).toBe('verified');
  // The last item: with a scale on line the bench asks for the parcel instead of shipping.
  expect(await ui.scan(ITEM)).toBe('weigh');

  // One unit short: 584 g against 851 g expected, split frames and noise on the line.
  const frames = Buffer.concat([stHeaderFrame(300, false), Buffer.from('\x00junk\r\n'), stHeaderFrame(584), stHeaderFrame(584)]);
  for (let i = 0; i < frames.length; i += 5) scale.write(frames.subarray(i, i + 5));
  await expect(ui.id('scan-status')).toHaveAttribute('data-outcome', 'weight_mismatch');
  await expect(ui.id('scale-live')).toContainText('584');
  await expect(ui.id('scale-strip')).toHaveAttribute('data-check', 'light');
  await expect(ui.id('scan-status')).toContainText(String(EXPECTED_G));
  await ui.screenshot('scale-mismatch-zh');

  // Not shipped, and a ship command is refused until a supervisor accepts the weight.
  await expect(ui.id('tracking-no')).toHaveCount(0);
  await ui.scan('PD:SHIP');
  await expect(ui.id('scan-status')).toHaveAttribute('data-outcome', 'error');
  await expect(ui.id('scan-status')).toContainText('851');
  await expect(ui.id('reprint-button')).toBeDisabled();
  await expect(ui.id('ship-button')).toBeDisabled();

  // The missing unit put in and weighed again, within tolerance: still held, the bench says a supervisor must release it.
  scale.write(Buffer.concat([stHeaderFrame(0), stHeaderFrame(0), stHeaderFrame(EXPECTED_G), stHeaderFrame(EXPECTED_G)]));
  await expect(ui.id('scale-live')).toContainText(String(EXPECTED_G));
  await expect(ui.id('scale-strip')).toHaveAttribute('data-check', 'ok');
  await expect(ui.id('scale-held')).toContainText('584');
  await expect(ui.id('scan-status')).toHaveAttribute('data-outcome', 'weight_mismatch');
  await expect(ui.id('scan-status')).toContainText('584');
  await expect(ui.id('tracking-no')).toHaveCount(0);
  await expect(ui.id('ship-button')).toBeDisabled();

  // Every bench's exceptions inbox has it, with both weights.
  await ui.goto('inbox');
  await expect(ui.page.locator('[data-testid="inbox-row"][data-kind="weight-mismatch"]')).toContainText('584');
  await ui.switchLanguage('en');
  await ui.screenshot('scale-mismatch-en');
});
