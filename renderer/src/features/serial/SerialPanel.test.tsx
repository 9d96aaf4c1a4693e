// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialDeviceSchema } from '#shared/contract/serial.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost } from '../../test/fake-host';
import { SerialPanel } from './SerialPanel';
import { useSerialStore } from './serial.store';

const scale = serialDeviceSchema.parse({ id: 'scale-1', role: 'scale', path: '/dev/ttyUSB3' });

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
  useSerialStore.setState({ overview: null, config: [], error: null, saved: false });
  setApi(createFakeHost({
    'devices.getSerial': () => [scale],
    'devices.serialOverview': () => ({ ports: [], listError: null, devices: [{ id: 'scale-1', role: 'scale', path: '/dev/ttyUSB3', status: 'connected', dropped: 0 }] }),
  }).api);
});
afterEach(() => cleanup());

describe('the serial devices panel', () => {
  it('says a row added or changed is not saved, instead of the saved port\'s "connected" or "not plugged in"', async () => {
    render(<SerialPanel />);
    const row = await screen.findByTestId('serial-device-scale-1');
    await waitFor(() => expect(within(row).getByTestId('serial-status').textContent).toBe('Connected'));
    // The path typed over: "Connected" would be about the old port.
    fireEvent.change(within(row).getByTestId('serial-path'), { target: { value: '/dev/ttyUSB4' } });
    expect(within(row).getByTestId('serial-status').dataset['status']).toBe('unsaved');
    expect(within(row).getByTestId('serial-status').textContent).toBe('Not saved: opens once saved');
    // A scanner just added has never been opened: it is not "not plugged in".
    fireEvent.click(screen.getByTestId('serial-add-scanner'));
    expect(within(screen.getByTestId('serial-device-scanner-1')).getByTestId('serial-status').dataset['status']).toBe('unsaved');
  });
});
