// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printerConfigSchema } from '#shared/contract/devices.contract';
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
  host = createFakeHost({ 'devices.getPrinter': () => printerConfigSchema.parse({ kind: 'zpl', host: '192.168.1.50', port: 9100 }) });
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
    fireEvent.change(screen.getByTestId('printer-host'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('printer-device'), { target: { value: '/home/shop/notes.txt' } });
    expect(screen.getByTestId('printer-problem').dataset['field']).toBe('devicePath');
    expect(host.callsOf('devices.setPrinter')).toEqual([]);
  });
});
