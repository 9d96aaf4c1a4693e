import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
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

  async goto(screen: 'bench' | 'orders' | 'catalog' | 'shipments' | 'devices' | 'settings') {
    await this.id(`nav-${screen}`).click();
  }

  /** A keyboard-wedge scanner: fast keystrokes and Enter, with no text box focused. */
  async scan(code: string) {
    await this.page.locator('body').click({ position: { x: 5, y: 740 } }).catch(() => undefined);
    const before = await this.id('scan-status').getAttribute('data-seq');
    await this.page.keyboard.type(code, { delay: 4 });
    await this.page.keyboard.press('Enter');
    await expect(this.id('scan-status')).not.toHaveAttribute('data-seq', before ?? '');
    return this.id('scan-status').getAttribute('data-outcome');
  }

  async screenshot(name: string) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  }
}
