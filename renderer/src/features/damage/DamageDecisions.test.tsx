// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DamageDecisionEntry, DamageReport } from '#shared/contract/damage.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { DamageDetail } from './DamageDetail';
import { useDamageStore } from './damage.store';

const decision = (id: string, d: DamageDecisionEntry['decision'], by: string, at: string): DamageDecisionEntry => ({
  id, decision: d, note: '', amountFen: null, carrierCode: null, trackingNo: null, decidedBy: by, decidedAt: at,
});
// Two supervisors decided blind: 驳回 reached the hub first, 报损 last, so 报损 is in force (the report's decision).
const rejected = decision('d-reject', 'reject', '李主管', '2026-12-05T03:00:00.000Z');
const writtenOff = decision('d-write-off', 'write-off', '王主管', '2026-12-05T03:01:00.000Z');
const report: DamageReport = {
  id: 'r1', orderId: null, orderExternalId: null, shipmentId: null, trackingNo: null, carrierCode: null, orderParcel: null, skuCode: 'SKU-0035', skuName: '保温杯', qty: 1,
  reason: 'broken', source: 'shelf', note: '', weightG: null, photos: [], bench: null, reportedBy: '小周', reportedAt: '2026-12-05T02:00:00.000Z',
  returnId: null, returnScanned: null, decision: writtenOff,
};

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: supervisor });
  setApi(createFakeHost({}).api);
  useDamageStore.setState({
    selectedId: 'r1', detailError: null, decided: null,
    detail: { report, decisions: [rejected, writtenOff], effects: { booked: { sellable: -1, damaged: 1 }, reship: null, claim: null } },
  });
});
afterEach(cleanup);

describe('a damage report’s decisions', () => {
  it('mark the one in force and say which rule decides it, in the reader’s language', async () => {
    render(<DamageDetail />);
    await act(() => settle());
    const listed = screen.getAllByTestId('damage-decision');
    expect(listed.map((li) => [li.querySelector('strong')!.textContent, within(li).queryByTestId('damage-in-force')?.textContent ?? null])).toEqual([
      ['驳回', null],
      ['报损', '生效中'],
    ]);
    expect(screen.getByTestId('damage-detail').textContent).toContain('以同步中心最后收到的处理为准');
    cleanup();
    setLanguage('en');
    render(<DamageDetail />);
    await act(() => settle());
    expect(within(screen.getAllByTestId('damage-decision')[1]!).getByTestId('damage-in-force').textContent).toBe('In force');
    expect(screen.getByTestId('damage-detail').textContent).toContain('The decision the hub received last is in force');
  });
});
