// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabelPrinted } from '#shared/contract/events.contract';
import { msg } from '#shared/i18n/message';
import { initI18n, setLanguage } from '../../i18n/setup';
import { benchState, line, shipment } from '../../test/fixtures';
import { usePrintQueueStore } from '../print-queue/print-queue.store';
import { BenchWarnings } from './BenchWarnings';
import { ScanStatus } from './ScanStatus';
import { useBenchStore } from './bench.store';

/** What the bench says about the open order's label, as the host reports it (labels.printed). */
const TRACKING = 'YT7400000000003';
const completed = { seq: 1, outcome: 'completed' as const, code: '6900000000011', detail: {}, trackingNo: TRACKING, printed: false, error: null };
const printed = (extra: Partial<LabelPrinted>): LabelPrinted => ({
  shipmentId: 's1', trackingNo: TRACKING, ok: false, state: 'failed', message: null, file: null, preview: null, ...extra,
});

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  usePrintQueueStore.setState({ summary: { waiting: 0, needsPacker: 0 } });
  useBenchStore.setState({ state: benchState([line(1, 1, 1)], { shipments: [shipment({ trackingNo: TRACKING, printedAt: null })] }), last: completed });
  render(
    <>
      <ScanStatus />
      <BenchWarnings />
    </>,
  );
});
afterEach(cleanup);

const banner = () => screen.getByTestId('scan-status').textContent ?? '';
const notes = () => screen.queryByTestId('bench-warnings')?.textContent ?? '';

describe('the bench print line', () => {
  it('says a label waiting for a printer that is off prints when it is back, and asks for no reprint', () => {
    const refused = msg('devices.tcp.refused', { where: '127.0.0.1:9106', port: 9106 });
    act(() => useBenchStore.getState().onPrinted(printed({ state: 'waiting', message: refused })));
    expect(banner()).toContain('面单等待打印机');
    expect(notes()).toContain('拒绝连接');
    expect(notes()).toContain('请确认打印机已开机');
    expect(notes()).toContain('打印机恢复后会自动打印');
    expect(notes()).not.toContain('缺纸、开盖');
    // The printer came back: the label printed, and nothing about the failure stays.
    act(() => useBenchStore.getState().onPrinted(printed({ ok: true, state: 'done' })));
    expect(banner()).toContain('已完成，面单已打印');
    expect(notes()).toBe('');
  });

  it('names the cause of a refusal, and clears it once the reprint printed', () => {
    act(() => useBenchStore.getState().onPrinted(printed({ message: msg('devices.status.paperOut') })));
    expect(banner()).toContain('面单未打出');
    expect(notes()).toContain('打印机缺纸');
    expect(notes()).toContain('装好纸后');
    act(() => setLanguage('en'));
    expect(notes()).toContain('Load paper');
    act(() => useBenchStore.getState().onPrinted(printed({ ok: true, state: 'done' })));
    expect(notes()).toBe('');
    expect(banner()).not.toContain('not printed');
  });

  it('a paused system queue says to resume it, with the system text only as a detail', () => {
    const paused = msg('devices.system.paused', { queue: 'packdesk-stopped', detail: 'lp: Destination "packdesk-stopped" is not accepting jobs.' });
    act(() => useBenchStore.getState().onPrinted(printed({ state: 'waiting', message: paused })));
    expect(banner()).not.toContain('面单已打印');
    expect(notes()).toContain('系统打印机已暂停');
    expect(notes()).toContain('恢复');
  });

  it('a label cancelled in the queue is no longer said to be printing', () => {
    expect(banner()).toContain('正在打印面单');
    act(() => useBenchStore.getState().onPrinted(printed({ state: 'cancelled' })));
    expect(banner()).not.toContain('正在打印面单');
    expect(banner()).toContain('已从队列取消');
  });

  it("another order's label does not take over the banner or the label shown; a failure is a note naming its number", () => {
    act(() => useBenchStore.getState().onPrinted(printed({ shipmentId: 's-other', trackingNo: 'YT7400000000004', message: msg('devices.status.paperOut'), preview: { pngBase64: 'x', widthMm: 1, heightMm: 1 } })));
    expect(banner()).toContain('正在打印面单');
    expect(useBenchStore.getState().preview).toBeNull();
    expect(useBenchStore.getState().labels).toEqual({});
    expect(notes()).toContain('YT7400000000004');
  });
});
