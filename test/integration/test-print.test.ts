import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/create-host';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../fakes/tcp-printer.fake';
import { hostCaller } from '../host/host-client';

/**
 * 设备 → 测试打印 on a TSPL printer (Chinese in the printer's font, sent as GB18030): the owner sees
 * a label with the shop's sender from Settings before the first parcel. It used to print rulers and
 * a barcode only, so a blank or wrong sender block first showed on a parcel.
 */
let close: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of close) await c();
  close = [];
});

async function station(): Promise<{ call: ReturnType<typeof hostCaller>; printer: FakeTcpPrinter }> {
  const host = createHost({ dataDir: mkdtempSync(join(tmpdir(), 'packdesk-testprint-')), validateOutput: true });
  const printer = await startFakeTcpPrinter({ status: 0 });
  close.push(async () => host.close(), () => printer.close());
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  return { call, printer };
}

describe('the test print', () => {
  it('prints the shop’s sender (name, phone, address) as a waybill does', async () => {
    const { call, printer } = await station();
    await call('settings.update', { sender: { name: '小店旗舰店', phone: '0571-12345678', address: '杭州市余杭区梦想小镇5号' } });
    await call('devices.testPrint', { printer: { kind: 'tspl', host: printer.host, port: 9100, cjkMode: 'printer-font' } });
    const job = iconv.decode(await printer.waitForJob(1), 'gb18030');
    for (const part of ['小店旗舰店', '0571-12345678', '杭州市余杭区梦想小镇5号']) expect(job).toContain(part);
  });

  it('says the sender is not set yet on a new station', async () => {
    const { call, printer } = await station();
    await call('devices.testPrint', { printer: { kind: 'tspl', host: printer.host, port: 9100, cjkMode: 'printer-font' } });
    expect(iconv.decode(await printer.waitForJob(1), 'gb18030')).toContain('寄件人未设置');
  });
});
