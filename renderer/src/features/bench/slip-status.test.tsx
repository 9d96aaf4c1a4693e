// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '#shared/contract/settings.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { useConnectionStore } from '../../api/connection.store';
import { App } from '../../app/App';
import { useNavStore } from '../../app/nav.store';
import { startStation } from '../../app/start-station';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, line, packer } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useBenchStore } from './bench.store';
import { useSlipStatusStore } from './slip-status.store';

let host: FakeHost;
let stop: () => void = () => undefined;
const open = benchState([line(1, 2)]);

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSlipStatusStore.setState({ failed: null });
  useSessionStore.setState({ session: null, error: null, busy: false });
  useNavStore.setState({ screen: 'bench', section: null });
  useConnectionStore.setState({ status: 'open' });
  host = createFakeHost({
    'session.current': () => packer,
    'settings.get': () => defaultSettings,
    'bench.getState': () => open,
    'carriers.list': () => [],
    'labels.printPackingSlip': () => ({ printer: 'slip', bytes: 812, file: null }),
  });
  setApi(host.api);
});

afterEach(() => {
  stop();
  cleanup();
});

async function hostSays(event: { orderId: string; orderExternalId: string; ok: boolean; message: ReturnType<typeof msg> | null; bytes: number }) {
  await act(async () => {
    host.emit('slips.printed', event);
    await settle();
  });
}

describe('a packing slip (发货单) at the bench', () => {
  it('says the slip did not print and why, in the reader\'s language, without stopping packing; a slip that prints clears it', async () => {
    stop = startStation(host.api, document);
    render(<App />);
    await screen.findByTestId('packer');
    expect(screen.queryByTestId('slip-failed')).toBeNull();

    await hostSays({ orderId: open.order!.id, orderExternalId: open.order!.externalId, ok: false, message: msg('devices.status.paperOut'), bytes: 0 });
    const note = screen.getByTestId('slip-failed');
    expect(note.textContent).toBe(`订单 ${open.order!.externalId} 的发货单没有打印：打印机缺纸。打包可以照常进行；请检查发货单打印机（设备页），再按“重打发货单”。 重打发货单`);
    // Not a dialog over the bench: the lines stay there to scan against.
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('bench').textContent).toContain(open.lines[0]!.title);
    act(() => setLanguage('en'));
    expect(screen.getByTestId('slip-failed').textContent).toContain(`The packing slip of order ${open.order!.externalId} did not print: Paper out.`);

    // 重打发货单 asks the host for that order's slip again; the event that comes back clears the line.
    await act(async () => {
      screen.getByTestId('slip-reprint').click();
      await settle();
    });
    expect(host.callsOf('labels.printPackingSlip')).toEqual([{ orderId: open.order!.id }]);
    await hostSays({ orderId: open.order!.id, orderExternalId: open.order!.externalId, ok: true, message: null, bytes: 812 });
    expect(screen.queryByTestId('slip-failed')).toBeNull();
  });
});
