import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createInterface } from 'node:readline';
const dataDir = mkdtempSync('/tmp/walk-');
const child = spawn(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => createInterface({ input: child.stdout }).on('line', (l) => { const m = /Packdesk station: (\S+)/.exec(l); if (m) r(m[1]); }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
const id = (t) => page.getByTestId(t);
const shot = (n) => page.screenshot({ path: `/tmp/probe/w-${n}.png` });
await page.goto(url);
for (const d of '0000') await id(`pin-key-${d}`).click();
await id('pin-submit').click();
await page.waitForTimeout(800);
await shot('01-after-login');
const screens = ['bench','orders','catalog','shipments','handover','inbox','damage','returns','dashboard','audit','devices','settings'];
await id('nav-settings').click(); await page.waitForTimeout(500);
const btn = page.getByRole('button', { name: /示例数据|sample data/i }).first();
if (await btn.count()) { await btn.click(); await page.waitForTimeout(2000); }
for (const s of screens) { await id(`nav-${s}`).click(); await page.waitForTimeout(900); await shot(`s-${s}`); }
await browser.close(); child.kill();
console.log(dataDir);
