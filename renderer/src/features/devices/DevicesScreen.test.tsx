// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printComponentsConfigSchema, printerConfigSchema, slipPrinterConfigSchema } from '#shared/contract/devices.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { leaveEdits, UnsavedPrompt } from '../../components/UnsavedPrompt';
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
    'devices.getPrintComponents': () => printComponentsConfigSchema.parse({}),
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

  it('lists every command the printed sheet has under its button, in the reader\'s language', async () => {
    setLanguage('zh-CN');
    render(<DevicesScreen />);
    const hint = await screen.findByTestId('command-sheet-hint');
    expect(hint.textContent).toBe('指令条码（放下订单、重打面单、下一单、部分发货、发货、退出登录、报损、拍照）贴在打包台上，扫码即可操作，无需键盘鼠标。');
    act(() => setLanguage('en'));
    expect(hint.textContent).toContain('(Put aside, Reprint label, Next order, Partial shipment, Ship, Log out, Report damage, Take photo)');
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
    // A stopped queue reads as paused in the reader's language; the system's own (English) reason is only its detail.
    expect((await screen.findByText('deli-750w · paused (resume it in the system settings)')).getAttribute('title')).toBe('paper jam');
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

  it('asks before leaving a slip printer or print component typed but not saved; saved or changed back, it goes at once', async () => {
    host.handlers['devices.setPrintComponents'] = (c) => c;
    render(<><DevicesScreen /><UnsavedPrompt /></>);
    let left = 0;
    const leave = () => act(() => leaveEdits(() => left++));
    await screen.findByTestId('slip-trigger');
    await screen.findByTestId('component-cainiao-enabled');
    leave();
    expect(left).toBe(1);

    fireEvent.change(screen.getByTestId('slip-trigger'), { target: { value: 'ship' } });
    fireEvent.change(screen.getByTestId('slip-host'), { target: { value: '192.168.1.60' } });
    leave();
    expect(left).toBe(1);
    expect(screen.getByTestId('unsaved-prompt').textContent).toContain('Discard');
    fireEvent.click(screen.getByTestId('unsaved-keep'));
    expect((screen.getByTestId('slip-host') as HTMLInputElement).value).toBe('192.168.1.60');
    fireEvent.click(screen.getByTestId('slip-save'));
    await waitFor(() => expect(host.callsOf('devices.setSlipPrinter')).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId('slip-save') as HTMLButtonElement).disabled).toBe(false));
    leave();
    expect(left).toBe(2);

    fireEvent.click(screen.getByTestId('component-pdd-enabled'));
    leave();
    expect(left).toBe(2);
    fireEvent.click(screen.getByTestId('unsaved-keep'));
    fireEvent.click(screen.getByTestId('component-pdd-enabled'));
    leave();
    expect(left).toBe(3);
    expect(screen.queryByTestId('unsaved-prompt')).toBeNull();
  });

  it('offers the Cainiao component’s printers and saves the one picked', async () => {
    host.handlers['devices.listComponentPrinters'] = ({ component }) => ({
      defaultPrinter: 'Deli DL-888T',
      printers: component === 'cainiao'
        ? [{ name: 'Deli DL-888T', enabled: true, isDefault: true }, { name: 'Xprinter XP-420B', enabled: true, isDefault: false }, { name: 'HPRT N41', enabled: false, isDefault: false }]
        : [],
    });
    host.handlers['devices.setPrintComponents'] = (c) => c;
    render(<DevicesScreen />);
    fireEvent.click(await screen.findByTestId('component-cainiao-enabled'));
    fireEvent.click(screen.getByTestId('component-cainiao-read'));
    await screen.findByText('Deli DL-888T · default');
    expect((screen.getByText('HPRT N41 · unavailable') as HTMLOptionElement).disabled).toBe(true);
    expect(host.callsOf('devices.listComponentPrinters')).toEqual([{ component: 'cainiao', secure: false }]);
    fireEvent.change(screen.getByTestId('component-cainiao-printer'), { target: { value: 'Xprinter XP-420B' } });
    fireEvent.click(screen.getByTestId('components-save'));
    await waitFor(() => expect(host.callsOf('devices.setPrintComponents')).toHaveLength(1));
    expect(host.callsOf('devices.setPrintComponents')[0]).toMatchObject({ cainiao: { enabled: true, printer: 'Xprinter XP-420B', secure: false }, pdd: { enabled: false } });
  });

  it('says an enabled component is not running as soon as the screen opens, with where to get it', async () => {
    host.handlers['devices.getPrintComponents'] = () => printComponentsConfigSchema.parse({ pdd: { enabled: true, secure: true } });
    host.handlers['devices.listComponentPrinters'] = () => {
      throw new AppError('DEVICE_UNAVAILABLE', msg('printComponent.notRunning', { component: msg('printComponent.names.pdd'), url: 'wss://127.0.0.1:18653', hint: msg('printComponent.download.pdd') }));
    };
    render(<DevicesScreen />);
    const error = await screen.findByTestId('component-pdd-error');
    await waitFor(() => expect(error.textContent).toContain('Pinduoduo print component (拼多多打印组件) is not running (nothing answers at wss://127.0.0.1:18653). Start it, then print again.'));
    expect(error.textContent).toContain('download 拼多多打印组件 from the Pinduoduo merchant backend');
    expect(host.callsOf('devices.listComponentPrinters')).toEqual([{ component: 'pdd', secure: true }]);
    // A custom-area template that is no web address cannot be saved.
    fireEvent.change(screen.getByTestId('component-pdd-custom'), { target: { value: 'file:///etc/passwd' } });
    expect(screen.getByText('The custom-area template URL must start with http:// or https://')).toBeTruthy();
    expect((screen.getByTestId('components-save') as HTMLButtonElement).disabled).toBe(true);
  });
});
