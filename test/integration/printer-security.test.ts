import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterConfig } from '#shared/contract/devices.contract';
import { hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';

/**
 * devices.testPrint used to take any printer configuration from anyone holding the socket: it
 * appended to any file, created folders and sent bytes to any TCP port. It is now gated like the
 * printer settings, and neither may send anywhere but a printer.
 */

const printer = (c: Partial<PrinterConfig> & Pick<PrinterConfig, 'kind'>): PrinterConfig => ({
  host: '', port: 9100, devicePath: '', systemPrinter: '', labelSize: '100x150', dpi: 203, cjkMode: 'auto', ...c,
});

/** A TCP service that is not a printer (SSH, a database…): counts who connects and what they send. */
async function otherService() {
  const received: Buffer[] = [];
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return connections;
    },
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function station() {
  const host = createTempHost();
  closers.push(() => host.close());
  return { host, call: hostCaller(host) };
}

describe('printer settings and test prints', () => {
  it('a test print needs a supervisor or admin, exactly like saving the printer', async () => {
    const { host, call } = station();
    const labels = join(host.dataDir, 'labels');
    await expect(call('devices.testPrint', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call('devices.testPrint', { printer: printer({ kind: 'png' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await call('session.login', { pin: '0000' });
    await call('users.save', { name: 'packer', role: 'packer', pin: '2468' });
    await call('session.login', { pin: '2468' });
    await expect(call('devices.testPrint', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call('devices.setPrinter', printer({ kind: 'pdf' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(readdirSync(labels)).toEqual([]);
    await call('session.login', { pin: '0000' });
    const result = await call('devices.testPrint', {});
    expect(result.file).toBe(join(labels, 'test-print.png'));
  });

  it('never appends to a file or creates a folder through a device path, nor writes labels outside the labels folder', async () => {
    const { host, call } = station();
    await call('session.login', { pin: '0000' });
    const elsewhere = mkdtempSync(join(tmpdir(), 'packdesk-victim-'));
    const victim = join(elsewhere, 'authorized_keys');
    writeFileSync(victim, 'ssh-ed25519 AAAA… owner\n');
    for (const devicePath of [victim, join(elsewhere, 'new', 'folder', 'lp0'), '/dev/null', `/dev/usb/lp0/../../..${victim}`]) {
      const bad = printer({ kind: 'tspl', devicePath });
      await expect(call('devices.testPrint', { printer: bad }), devicePath).rejects.toMatchObject({ code: 'INVALID_INPUT', msg: { key: 'devices.invalid.devicePath' }, details: { field: 'devicePath' } });
      await expect(call('devices.setPrinter', bad), devicePath).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'devicePath' } });
    }
    expect(readFileSync(victim, 'utf8')).toBe('ssh-ed25519 AAAA… owner\n');
    expect(readdirSync(elsewhere)).toEqual(['authorized_keys']);
    // An old client's `folder` is not a setting any more: PNG and PDF labels go into the labels folder.
    const result = await call('devices.testPrint', { printer: { ...printer({ kind: 'pdf' }), folder: join(elsewhere, 'created') } as PrinterConfig });
    expect(result.file).toBe(join(host.dataDir, 'labels', 'test-print.pdf'));
    expect(existsSync(join(elsewhere, 'created'))).toBe(false);
    expect((await call('devices.getPrinter', {})).kind).toBe('png');
  });

  it('never sends bytes to a TCP port that is not a raw printing port (9100–9109)', async () => {
    const { call } = station();
    await call('session.login', { pin: '0000' });
    const service = await otherService();
    closers.push(() => service.close());
    const bad = printer({ kind: 'zpl', host: '127.0.0.1', port: service.port });
    await expect(call('devices.testPrint', { printer: bad })).rejects.toMatchObject({
      code: 'INVALID_INPUT', msg: { key: 'devices.invalid.port', params: { port: service.port, first: 9100, last: 9109 } }, details: { field: 'port' },
    });
    await expect(call('devices.setPrinter', bad)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'port' } });
    await expect(call('devices.testPrint', { printer: printer({ kind: 'tspl', host: 'evil host;rm -rf', port: 9100 }) })).rejects.toMatchObject({ details: { field: 'host' } });
    expect(service.connections).toBe(0);
    expect((await call('devices.getPrinter', {})).kind).toBe('png');
  });

  it('a bad printer saved by an older version fails at print time, before anything is sent', async () => {
    const service = await otherService();
    closers.push(() => service.close());
    const first = createTempHost();
    first.context.db.prepare("INSERT INTO settings (key, value) VALUES ('printer', ?)").run(JSON.stringify(printer({ kind: 'tspl', host: '127.0.0.1', port: service.port })));
    first.close();
    const host = createTempHost({ dataDir: first.dataDir });
    closers.push(() => host.close());
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await expect(call('labels.printCommandSheet', {})).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'port' } });
    expect(service.connections).toBe(0);
  });
});
