import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
const dataDir = process.argv[2];
const child = spawn(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => createInterface({ input: child.stdout }).on('line', (l) => { const m = /Packdesk station: (\S+)/.exec(l); if (m) r(m[1]); }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: +(process.argv[4] ?? 1366), height: +(process.argv[5] ?? 768) } });
const id = (t) => page.getByTestId(t);
const shot = (n) => page.screenshot({ path: `/tmp/probe/w-${n}.png` });
const burst = (text) => page.evaluate((text) => {
  document.activeElement?.blur();
  const keyCode = (ch) => (/\d/.test(ch) ? `Digit${ch}` : /[a-z]/i.test(ch) ? `Key${ch.toUpperCase()}` : ch === ':' ? 'Semicolon' : 'Minus');
  const fire = (key, code, shiftKey = false) => document.dispatchEvent(new KeyboardEvent('keydown', { key, code, shiftKey, bubbles: true, cancelable: true }));
  for (const ch of text) fire(ch, keyCode(ch), /[A-Z:]/.test(ch));
  fire('Enter', 'Enter');
}, text);
await page.goto(url); await page.waitForTimeout(1500); await shot('login');
if (await id('pin-key-0').count()) { for (const d of '0000') await id(`pin-key-${d}`).click(); await id('pin-submit').click(); }
await page.waitForTimeout(800);
const steps = JSON.parse(process.argv[3]);
let n = 0;
for (const s of steps) {
  if (s.scan) { await burst(s.scan); await page.waitForTimeout(600); }
  if (s.nav) { await id(`nav-${s.nav}`).click(); await page.waitForTimeout(900); }
  if (s.click) { await id(s.click).click(); await page.waitForTimeout(700); }
  if (s.fill) { await id(s.fill[0]).fill(s.fill[1]); }
  if (s.shot) await shot(s.shot);
}
await browser.close(); child.kill();
