import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printerConfigSchema } from '../contract/devices.contract';
import { isPrinterDevicePath, printerConfigProblem } from './printer-target';

const raw = (c: { host?: string; port?: number; devicePath?: string }) => printerConfigSchema.parse({ kind: 'tspl', ...c });

describe('where a printer configuration may send labels', () => {
  it('accepts printer devices and refuses files, folders and other devices', () => {
    for (const path of ['/dev/usb/lp0', '/dev/lp1', '/dev/ttyUSB0', '/dev/ttyACM3', '/dev/ttyS0', '/dev/rfcomm0', '/dev/serial/by-id/usb-Gprinter_GP-1924D-if00', '/dev/cu.usbserial-1410', 'COM3', 'com10', '\\\\.\\COM12', 'LPT1', '\\\\SHOP-PC\\XP-420B', '\\\\SHOP-PC\\佳博标签']) {
      expect(isPrinterDevicePath(path), path).toBe(true);
    }
    for (const path of ['/tmp/lp0', '/etc/passwd', '/home/shop/.bashrc', '/dev/null', '/dev/sda', '/dev/mem', '/dev/tty', '/dev/usb/lp0/../../../etc/passwd', '/dev/usb/lp0\n', 'C:\\Users\\shop\\evil.txt', '\\\\SHOP-PC\\share\\file.txt', '\\\\SHOP-PC\\C$', 'lp0', '/dev/serial/by-id/../../etc/passwd', 'COM3:/x', '']) {
      expect(isPrinterDevicePath(path), path).toBe(false);
    }
  });

  it('names the field: port outside the raw printing ports, bad host, a device path that is no printer', () => {
    expect(printerConfigProblem(raw({ host: '192.168.1.50', port: 9100 }))).toBeNull();
    expect(printerConfigProblem(raw({ host: 'zebra-1.local', port: 9109 }))).toBeNull();
    expect(printerConfigProblem(raw({ host: '127.0.0.1', port: 22 }))).toMatchObject({ field: 'port', message: { key: 'devices.invalid.port', params: { port: 22, first: 9100, last: 9109 } } });
    expect(printerConfigProblem(raw({ host: '127.0.0.1', port: 5180 }))?.field).toBe('port');
    expect(printerConfigProblem(raw({ host: 'evil host/x', port: 9100 }))?.field).toBe('host');
    expect(printerConfigProblem(raw({ devicePath: '/tmp/labels.txt' }))).toMatchObject({ field: 'devicePath', message: { key: 'devices.invalid.devicePath' } });
    expect(printerConfigProblem(raw({}))).toMatchObject({ field: 'host', message: { key: 'devices.needTarget' } });
    expect(printerConfigProblem(raw({ devicePath: '/dev/usb/lp0' }))).toBeNull();
    expect(printerConfigProblem(printerConfigSchema.parse({ kind: 'png', port: 22, devicePath: '/etc/passwd' }))).toBeNull();
  });

  it('never lets a generated configuration through to a port or path outside the allowed ones', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: 1, max: 65535 }), fc.string({ maxLength: 60 }), (host, port, devicePath) => {
        const config = raw({ host, port, devicePath });
        if (printerConfigProblem(config) !== null) return;
        if (config.host.trim()) expect(port >= 9100 && port <= 9109).toBe(true);
        else expect(isPrinterDevicePath(config.devicePath.trim())).toBe(true);
      }),
    );
  });
});
