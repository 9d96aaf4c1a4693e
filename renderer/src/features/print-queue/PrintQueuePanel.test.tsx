// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintJob } from '#shared/contract/print-queue.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { PrintQueueBadge } from './PrintQueuePanel';
import { usePrintQueueStore } from './print-queue.store';

const job = (over: Partial<PrintJob>): PrintJob => ({
  id: 'j1', kind: 'waybill', shipmentId: 's1', orderRef: '3921876543210987654', trackingNo: 'YT7400000000001', state: 'done', attempts: 1,
  nextAttemptAt: null, error: null, printer: 'tcp://127.0.0.1:9100', reprintOf: null, voided: false,
  createdAt: '2026-12-07T06:03:05.000Z', updatedAt: '2026-12-07T06:03:06.000Z', ...over,
});

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  usePrintQueueStore.setState({ open: false, jobs: [], summary: { waiting: 0, needsPacker: 0 } });
});
afterEach(cleanup);

describe('the label queue panel', () => {
  it('tells a reprint from the first print of the same number, each with when it was asked for', async () => {
    const jobs = [job({ id: 'j2', reprintOf: 'j1', createdAt: '2026-12-07T06:10:41.000Z', updatedAt: '2026-12-07T06:10:42.000Z' }), job({})];
    setApi(createFakeHost({ 'printQueue.list': () => ({ summary: { waiting: 0, needsPacker: 0 }, jobs }) }).api);
    render(<PrintQueueBadge />);
    await act(async () => {
      screen.getByTestId('print-queue-badge').click();
      await settle();
    });
    const rows = screen.getAllByTestId('print-job');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('[data-testid="print-job-is-reprint"]')?.textContent).toBe('重打');
    expect(rows[0]!.textContent).toContain('14:10:41');
    expect(rows[1]!.querySelector('[data-testid="print-job-is-reprint"]')).toBeNull();
    expect(rows[1]!.textContent).toContain('14:03:05');
  });
});
