import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { SCREENSHOTS } from './StationPage';

/** A supervisor's phone (390×844) on the shop's Wi-Fi, opening the hub's desk pages; every step by touch. */
export class PhonePage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** A fresh phone browser. The hub's certificate is self-signed: the user accepted the warning once (see the README). */
  static async open(browser: Browser, url: string): Promise<PhonePage> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, ignoreHTTPSErrors: true, locale: 'zh-CN' });
    const phone = new PhonePage(context, await context.newPage());
    await phone.page.goto(url);
    await expect(phone.id('desk-login')).toBeVisible();
    return phone;
  }

  id = (testId: string) => this.page.getByTestId(testId);

  /** Types the name, taps the PIN on the pad, taps 登录. */
  async login(name: string, pin: string) {
    await this.id('desk-name').fill(name);
    for (const digit of pin) await this.id(`pin-key-${digit}`).tap();
    await this.id('pin-submit').tap();
  }

  async tab(id: string) {
    await this.id(`desk-tab-${id}`).tap();
  }

  async screenshot(name: string) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  }

  close = () => this.context.close();
}
