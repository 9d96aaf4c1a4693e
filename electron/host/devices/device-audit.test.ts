import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { hostCaller } from '../../../test/host/host-client';
import { createTempHost } from '../../../test/host/temp-host';

const zh = createTranslator('zh-CN').t;

describe('device settings in the audit', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  it('says who pointed the label printer, the slip printer or a serial scale elsewhere, field by field; a save that changes nothing is not a line', async () => {
    const host = createTempHost({ serial: { pollMs: 60_000, backoffMs: [60_000], listPorts: async () => [] } });
    hosts.push(host);
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    await call('session.login', { pin: '5678' });
    const printer = { kind: 'tspl', host: '192.168.1.50', port: 9100, devicePath: '', labelSize: '100x150', dpi: 203, cjkMode: 'printer-font' } as const;
    await call('devices.setPrinter', printer);
    await call('devices.setPrinter', printer);
    await call('devices.setPrinter', { ...printer, host: '192.168.1.51' });
    await call('devices.setSlipPrinter', { trigger: 'ship', host: '192.168.1.60', port: 9100, devicePath: '', paperMm: 58, chinese: 'raster', code: 'qr' });
    const scale = { id: 'scale', role: 'scale', path: '/dev/ttyUSB9', scale: { family: 'st-header', checksum: true, unit: 'kg', readings: 3, minWeightG: 20, zeroBandG: 10 } } as const;
    await call('devices.setSerial', { devices: [scale] });
    await call('devices.setSerial', { devices: [{ ...scale, baudRate: 4800 }] });

    const lines = (await call('audit.list', { filter: 'all' })).entries.filter((e) => e.what.key === 'audit.actions.devicesUpdate');
    const notes = lines.map((e) => (e.note ? zh(e.note) : null));
    expect(notes).toEqual([
      '串口扫码枪和电子秤：波特率：9600 → 4800',
      expect.stringMatching(/^串口扫码枪和电子秤：.+，共改 \d+ 项$/),
      // Values by their names on the Devices screen, not the stored codes.
      '小票打印机（发货单）：打印时机：不打印 → 发货时，共改 3 项',
      '面单打印机：网络地址：192.168.1.50 → 192.168.1.51',
      '面单打印机：类型：保存为PNG图片 → TSPL（TSC/佳博/芯烨/汉印/得力），共改 3 项',
    ]);
    expect(lines.every((e) => e.user?.name === '李主管')).toBe(true);
    // Filed under settings, where a supervisor looks for who changed the bench.
    const settingsKind = (await call('audit.list', { filter: 'all', kind: 'settings' })).entries.map((e) => e.what.key);
    expect(settingsKind.filter((k) => k === 'audit.actions.devicesUpdate')).toHaveLength(5);
  });
});
