import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { createTranslator } from '#shared/i18n/translator';
import { mayHavePrinted } from '../../electron/host/devices/printer.port';
import { startFakeCainiaoComponent } from '../fakes/cainiao-component.fake';
import { startFakePddComponent } from '../fakes/pdd-component.fake';
import type { FakePrintComponent } from '../fakes/print-component.fake';
import { hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';

/**
 * The print components as the station's printers for platform e-waybills: settings through the
 * RPCs the Devices screen uses, the component's printers listed, and a waybill printed through
 * the component printer the label path asks for by provider.
 */

const en = createTranslator('en');
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function station() {
  const cainiao = await startFakeCainiaoComponent();
  const pdd = await startFakePddComponent();
  const fakes: FakePrintComponent[] = [cainiao, pdd];
  const host = createTempHost({
    printing: {
      components: {
        endpoints: { cainiao: { ws: cainiao.url, wss: cainiao.url }, pdd: { ws: pdd.url, wss: pdd.url } },
        timeouts: { connectMs: 2000, replyMs: 800, resultMs: 800 },
      },
    },
  });
  closers.push(() => host.close(), ...fakes.map((f) => () => f.close()));
  return { host, call: hostCaller(host), cainiao, pdd };
}

const job = {
  trackingNo: 'YT7500000000001',
  printData: { encryptedData: 'AES:q1w2e3r4', signature: 'MD:c2ln', templateUrl: 'http://cloudprint.cainiao.com/template/standard/101/1', ver: 'waybill_print_secret_version_1' },
  customArea: { orderId: 'TB2024060112345', items: 'T恤 白 L ×2', buyerMessage: '' },
};

async function failure(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(() => null, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('print components as printers', () => {
  it('a station that never set them reads both as off; a manager lists a component’s printers and saves one', async () => {
    const { host, call } = await station();
    expect(await call('devices.getPrintComponents', {})).toEqual({
      cainiao: { enabled: false, printer: '', secure: false, customAreaTemplateUrl: '' },
      pdd: { enabled: false, printer: '', secure: false, customAreaTemplateUrl: '', isvName: 'Packdesk', erpId: '' },
    });
    await expect(call('devices.listComponentPrinters', { component: 'cainiao' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await call('session.login', { pin: '0000' });
    expect(await call('devices.listComponentPrinters', { component: 'cainiao' })).toEqual({
      defaultPrinter: 'Deli DL-888T',
      printers: [{ name: 'Deli DL-888T', enabled: true, isDefault: true }, { name: 'Xprinter XP-420B', enabled: true, isDefault: false }],
    });
    // Only the part being set is sent; the rest keeps its defaults.
    const saved = await call('devices.setPrintComponents', { cainiao: { enabled: true, printer: 'Xprinter XP-420B' } });
    expect(saved.cainiao).toMatchObject({ enabled: true, printer: 'Xprinter XP-420B' });
    expect(saved.pdd.enabled).toBe(false);
    expect(host.context.devices.getComponents()).toEqual(saved);
  });

  it('prints a Cainiao waybill through the Cainiao component and a PDD one through PDD’s; other providers’ labels are ours', async () => {
    const { host, call, cainiao, pdd } = await station();
    await call('session.login', { pin: '0000' });
    await call('devices.setPrintComponents', { cainiao: { enabled: true, printer: 'Xprinter XP-420B' }, pdd: { enabled: true, erpId: 'erp-42' } });
    const devices = host.context.devices;
    expect(devices.componentPrinterFor('kuaidi100')).toBeNull();
    await expect(devices.componentPrinterFor('cainiao')!.print(job)).resolves.toMatchObject({ printer: 'cainiao → Xprinter XP-420B', file: null });
    await expect(devices.componentPrinterFor('pinduoduo')!.print(job)).resolves.toMatchObject({ printer: 'pdd → Deli DL-888T' });
    expect(cainiao.prints).toHaveLength(1);
    expect(pdd.prints[0]).toMatchObject({ ISVName: 'Packdesk', ERPId: 'erp-42' });
  });

  it('says what went wrong the way printer failures are said: not enabled, not running, failed, no result', async () => {
    const { host, call, cainiao } = await station();
    const devices = host.context.devices;
    const disabled = await failure(devices.componentPrinterFor('cainiao')!.print(job));
    expect(disabled.code).toBe('INVALID_INPUT');
    expect(en.t(disabled.msg)).toBe('Cainiao print component (菜鸟打印组件) is not enabled: enable it under Devices and pick its printer');

    await call('session.login', { pin: '0000' });
    await call('devices.setPrintComponents', { cainiao: { enabled: true } });
    cainiao.setOutcome('failed', 'paper out');
    const failed = await failure(devices.componentPrinterFor('cainiao')!.print(job));
    expect(failed.code).toBe('PRINT_FAILED');
    expect(en.t(failed.msg)).toBe('Cainiao print component (菜鸟打印组件) reports the print failed (printer Deli DL-888T): paper out');
    expect(mayHavePrinted(failed)).toBe(false);

    cainiao.setOutcome('no-result');
    const unknown = await failure(devices.componentPrinterFor('cainiao')!.print(job));
    expect(unknown.code).toBe('PRINT_FAILED');
    // The print queue never resends such a job by itself.
    expect(mayHavePrinted(unknown)).toBe(true);

    await cainiao.close();
    const down = await failure(devices.componentPrinterFor('cainiao')!.print(job));
    expect(down.code).toBe('DEVICE_UNAVAILABLE');
    expect(en.t(down.msg)).toMatch(/^Cainiao print component \(菜鸟打印组件\) is not running \(nothing answers at ws:\/\/127\.0\.0\.1:\d+\)\. Start it, then print again\. If it is not installed: download 菜鸟打印组件/);
    await expect(call('devices.listComponentPrinters', { component: 'cainiao' })).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE', msg: { key: 'printComponent.notRunning' } });
  });

  it('refuses a custom-area template that is not a web address', async () => {
    const { call } = await station();
    await call('session.login', { pin: '0000' });
    await expect(call('devices.setPrintComponents', { cainiao: { customAreaTemplateUrl: 'file:///etc/passwd' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
