// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandoverDetail } from '#shared/contract/handover.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { useSessionStore } from '../session/session.store';
import { HandoverAbandon } from './HandoverAbandon';
import { useHandoverStore } from './handover.store';

const current: HandoverDetail = {
  id: 'h1', number: 'YTO-20261207-9F3A', carrierCode: 'YTO', carrierName: '圆通速递', state: 'open', openedAt: '2026-12-07T11:00:00.000Z',
  openedAtBench: { name: '打包台A', thisBench: true }, closedAt: null, courierName: null, abandoned: null,
  counts: { expected: 3, scanned: 2, accepted: 2, missing: 1, unexpected: 0, intercepted: 0, duplicate: 0 },
  accepted: [], missing: [], intercepted: [], unexpected: [], scans: [], signatureHash: null, photoHashes: [], closedBy: null, putBack: [],
};

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: null, error: null, busy: false });
  useHandoverStore.setState({ current, busy: false, error: null, closing: false, abandoning: { needsPin: false } });
});
afterEach(cleanup);

describe('作废 an open handover', () => {
  it('names the parcels that go back to waiting, wants a reason, and with parcels scanned in at a packer’s bench asks a supervisor’s PIN', async () => {
    const host = createFakeHost({ 'handover.abandon': () => ({ ...current, state: 'abandoned' as const }), 'handover.carriers': () => [], 'handover.list': () => ({ handovers: [], total: 0 }) });
    setApi(host.api);
    render(<HandoverAbandon />);
    expect(screen.getByTestId('handover-abandon-count').textContent).toContain('已扫入 2 件');
    const confirm = screen.getByTestId('handover-abandon-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    // "Other" needs words.
    fireEvent.click(screen.getByTestId('handover-abandon-reason-other'));
    expect(confirm.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('handover-abandon-reason-no-pickup'));
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    expect(screen.getByTestId('supervisor-dialog').textContent).toContain('作废已扫入 2 件的交接');
    expect(host.callsOf('handover.abandon')).toEqual([]);
    for (const d of '1234') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    fireEvent.click(screen.getByTestId('pin-submit'));
    await act(() => settle());
    expect(host.callsOf('handover.abandon')).toEqual([{ handoverId: 'h1', reason: 'no-pickup', note: '', authorizerPin: '1234' }]);
    expect(useHandoverStore.getState().current?.state).toBe('abandoned');
  });
});
