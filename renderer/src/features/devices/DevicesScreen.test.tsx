// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printerConfigSchema, slipPrinterConfigSchema } from '#shared/contract/devices.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, type FakeHost } from '../../test/fake-host';
import { DevicesScreen } from './DevicesScreen';
import { useDevicesStore } from './devices.store';

let host: FakeHost;
beforeEach(() => {
  initI18n('en');
  setLanguage('en');
  useDevicesStore.setState({ printer: null, error: null, busy: null, lastPrint: null, saved: false });
  host = createFakeHost({
    'devices.getPrinter': () => printerConfigSchema.parse({ kind: 'zpl', host: '192.168.1.50', port: 9100 }),
    'devices.getSlipPrinter': () => slipPrinterConfigSchema.parse({}),
    'devices.setSlipPrinter': (c) => c,
  });
  setApi(host.api);
});
afterEach(() => cleanup());

describe('the devices screen', () => {
  it('says which printer setting the station would refuse, and does not send it', async () => {
    render(<DevicesScreen />);
    const port = await screen.findByTestId('printer-port');
    expect(screen.queryByTestId('printer-problem')).toBeNull();
    fireEvent.change(port, { target: { value: '22' } });
    const problem = screen.getByTestId('printer-problem');
    expect(problem.dataset['field']).toBe('port');
    expect(problem.textContent).toBe('Port 22: network label printers take jobs only on the raw printing ports 9100–9109');
    expect((screen.getByTestId('printer-save') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('printer-test') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('printer-transport'), { target: { value: 'device' } });
    fireEvent.change(screen.getByTestId('printer-device'), { target: { value: '/home/shop/notes.txt' } });
    expect(screen.getByTestId('printer-problem').dataset['field']).toBe('devicePath');
    expect(host.callsOf('devices.setPrinter')).toEqual([]);
  });

  it('keeps a port being typed over as typed, and will not save an empty one as 9100', async () => {
    render(<DevicesScreen />);
    const port = (await screen.findByTestId('printer-port')) as HTMLInputElement;
    fireEvent.change(port, { target: { value: '' } });
    expect(port.value).toBe('');
    expect(screen.getByTestId('printer-port-problem').textContent).toBe('Port: enter a whole number from 1 to 65535');
    expect((screen.getByTestId('printer-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(port, { target: { value: '9101' } });
    expect(port.value).toBe('9101');
    expect((screen.getByTestId('printer-save') as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers the system printers as a transport and saves the chosen queue as the one target', async () => {
    host.handlers['devices.listSystemPrinters'] = () => ({
      source: 'cups', problem: null,
      printers: [
        { name: 'packdesk-test', state: 'idle', reason: '', isDefault: true },
        { name: 'deli-750w', state: 'disabled', reason: 'paper jam', isDefault: false },
      ],
    });
    host.handlers['devices.setPrinter'] = (c) => c;
    render(<DevicesScreen />);
    fireEvent.change(await screen.findByTestId('printer-transport'), { target: { value: 'system' } });
    const select = await screen.findByTestId('printer-system');
    await screen.findByText('deli-750w · stopped (paper jam)');
    expect(screen.queryByTestId('printer-host')).toBeNull();
    // No queue chosen yet: nothing to save.
    expect((screen.getByTestId('printer-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(select, { target: { value: 'packdesk-test' } });
    fireEvent.click(screen.getByTestId('printer-save'));
    await waitFor(() => expect(host.callsOf('devices.setPrinter')[0]).toMatchObject({ kind: 'zpl', systemPrinter: 'packdesk-test', host: '', devicePath: '' }));
  });

  it('sets up the slip printer: when it prints, where, and refuses a port that is not a printer', async () => {
    render(<DevicesScreen />);
    fireEvent.change(await screen.findByTestId('slip-trigger'), { target: { value: 'ship' } });
    expect(screen.getByTestId('slip-problem').dataset['field']).toBe('host');
    fireEvent.change(screen.getByTestId('slip-host'), { target: { value: '192.168.1.60' } });
    fireEvent.change(screen.getByTestId('slip-port'), { target: { value: '22' } });
    expect((screen.getByTestId('slip-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('slip-port'), { target: { value: '9100' } });
    fireEvent.change(screen.getByTestId('slip-paper'), { target: { value: '58' } });
    fireEvent.click(screen.getByTestId('slip-save'));
    await waitFor(() => expect(host.callsOf('devices.setSlipPrinter')).toHaveLength(1));
    expect(host.callsOf('devices.setSlipPrinter')[0]).toMatchObject({ trigger: 'ship', host: '192.168.1.60', port: 9100, paperMm: 58, devicePath: '' });
  });
});
