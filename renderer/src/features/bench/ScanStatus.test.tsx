// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n/setup';
import { usePrintQueueStore } from '../print-queue/print-queue.store';
import { ScanStatus } from './ScanStatus';
import { useBenchStore } from './bench.store';

const completed = { seq: 1, outcome: 'completed' as const, code: '6900000000011', detail: {}, trackingNo: 'YT7400000000003', printed: false, error: null };

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  usePrintQueueStore.setState({ summary: { waiting: 0, needsPacker: 0 } });
});
afterEach(cleanup);

describe('the bench banner after the last item', () => {
  it('says the label is printing while it is on its way, and not once the printer refused it', () => {
    useBenchStore.setState({ last: completed });
    render(<ScanStatus />);
    const panel = screen.getByTestId('scan-status');
    expect(panel.textContent).toContain('正在打印面单');
    // Paper out: the job waits for the packer in the label queue.
    act(() => usePrintQueueStore.setState({ summary: { waiting: 1, needsPacker: 1 } }));
    expect(panel.textContent).toContain('面单未打出');
    expect(panel.textContent).toContain('请看面单队列');
    expect(panel.textContent).not.toContain('正在打印面单');
    act(() => setLanguage('en'));
    expect(panel.textContent).toContain('label not printed');
  });
});
