import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const SCREENSHOTS = 'test-results/e2e-screens';

/** The station as a packer and an admin see it; every step goes through the UI. */
export class StationPage {
  constructor(readonly page: Page) {}

  id = (testId: string) => this.page.getByTestId(testId);

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.id('login-screen')).toBeVisible();
  }

  async loginWithPin(pin: string) {
    for (const digit of pin) await this.id(`pin-key-${digit}`).click();
    await this.id('pin-submit').click();
    await expect(this.id('packer')).toBeVisible();
  }

  async goto(screen: 'bench' | 'orders' | 'catalog' | 'shipments' | 'handover' | 'inbox' | 'damage' | 'returns' | 'dashboard' | 'audit' | 'devices' | 'settings') {
    await this.id(`nav-${screen}`).click();
  }

  /**
   * A keyboard-wedge scanner: a burst of keydown events (physical key codes, as a USB scanner
   * sends them a millisecond apart) ending in Enter, with no text box focused. Dispatched in the
   * page in one go, because keystrokes driven one by one over CDP can arrive tens of milliseconds
   * apart on a busy machine, which no hardware scanner does.
   */
  async scan(code: string, options: { ime?: boolean } = {}) {
    const before = await this.id('scan-status').getAttribute('data-seq');
    await this.burst(code, options);
    await expect(this.id('scan-status')).not.toHaveAttribute('data-seq', before ?? '');
    return this.id('scan-status').getAttribute('data-outcome');
  }

  /** The scanner's keys alone, waiting for nothing: for a form or screen that takes the scanner itself. */
  async burst(code: string, options: { ime?: boolean } = {}) {
    await this.page.evaluate(({ text, ime }) => {
      (document.activeElement as HTMLElement | null)?.blur();
      const keyCode = (ch: string) => (/\d/.test(ch) ? `Digit${ch}` : /[a-z]/i.test(ch) ? `Key${ch.toUpperCase()}` : ch === ':' ? 'Semicolon' : 'Minus');
      // With a Chinese IME active the browser reports key 'Process' (keyCode 229) for every letter.
      const key = (k: string, code: string, shiftKey = false) =>
        new KeyboardEvent('keydown', { key: ime && code !== 'Enter' ? 'Process' : k, code, shiftKey, bubbles: true, cancelable: true });
      // Every event is made first, then dispatched: an event's timeStamp is when it was made, as a
      // scanner's keys carry when they were sent, so a busy test machine stalling the page between
      // two dispatches does not look like a pause inside the burst (seen once: "40" of an order id lost).
      const keys = [...[...text].map((ch) => key(ch, keyCode(ch), /[A-Z:]/.test(ch))), key('Enter', 'Enter')];
      for (const k of keys) document.dispatchEvent(k);
    }, { text: code, ime: options.ime ?? false });
  }

  /** Settings → language, then back to the bench. */
  async switchLanguage(lang: 'zh-CN' | 'en') {
    await this.goto('settings');
    await this.id(`lang-${lang}`).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang);
    await this.goto('bench');
  }

  /**
   * A shop ready to pack, set up as an admin does it: the SKU file, 20 YTO waybill numbers, YTO as
   * the default carrier, then the orders export; each step checked as the admin sees it.
   */
  async stockShop(catalogCsv: Buffer, orderFiles: Extract<Parameters<Locator['setInputFiles']>[0], readonly unknown[]>) {
    await this.goto('catalog');
    await this.id('catalog-import-file').setInputFiles({ name: '商品资料.csv', mimeType: 'text/csv', buffer: catalogCsv });
    await expect(this.id('catalog-report')).toHaveAttribute('data-rejected', 'false');
    await this.goto('shipments');
    await this.id('tab-carriers').click();
    await this.id('pool-carrier').selectOption('YTO');
    await this.id('pool-text').fill('YT7400000000001-YT7400000000020');
    await this.id('pool-submit').click();
    await expect(this.id('pool-free-YTO')).toHaveText(/20/);
    await this.id('tab-rules').click();
    await this.id('rule-default').selectOption('YTO');
    await this.id('rules-save').click();
    await this.goto('orders');
    await this.id('orders-import-file').setInputFiles(orderFiles);
    await expect(this.id('import-report')).toHaveAttribute('data-rejected', 'false');
  }

  async screenshot(name: string) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  }
}
