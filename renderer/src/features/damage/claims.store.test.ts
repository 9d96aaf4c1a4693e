import { beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '#shared/contract/claims.contract';
import { setApi } from '../../api/client';
import { createFakeHost, type FakeHost } from '../../test/fake-host';
import { supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useClaimsStore } from './claims.store';

const claim = (over: Partial<Claim> = {}): Claim => ({
  id: 'r1', orderId: 'taobao:3921876543210987654', orderExternalId: '3921876543210987654', skuCode: 'MUG-01', skuName: '马克杯', qty: 2,
  carrierCode: 'YTO', carrierName: '圆通速递', trackingNo: 'YT7400000000001', amountFen: 2550, status: 'filed', paidFen: null,
  filedBy: '王主管', filedAt: '2026-12-05T03:00:00.000Z', settledBy: null, settledAt: null, settleNote: '', ...over,
});

let host: FakeHost;
const claims = () => useClaimsStore.getState();

beforeEach(() => {
  // The host's claims as they stand: settling one moves it from 已申请 to 已赔付.
  let held = [claim(), claim({ id: 'r2', trackingNo: 'YT7400000000002' })];
  host = createFakeHost({
    'claims.list': ({ status }) => {
      const shown = held.filter((c) => status === 'all' || c.status === status);
      return { total: shown.length, claims: shown };
    },
    'claims.settle': ({ claimId, outcome, paidFen }) => {
      held = held.map((c) => (c.id === claimId ? { ...c, status: outcome, paidFen, settledBy: '王主管', settledAt: '2026-12-06T03:00:00.000Z' } : c));
      return held.find((c) => c.id === claimId)!;
    },
  });
  setApi(host.api);
  useSessionStore.setState({ session: supervisor });
  useClaimsStore.setState({ filter: 'filed', offset: 0, claims: [], total: 0, settling: null, error: null });
});

describe('claims store', () => {
  it('reads the list again after a settlement: under 已申请 a claim settled paid is gone, not shown as 已赔付', async () => {
    await claims().load();
    expect(claims().claims.map((c) => c.id)).toEqual(['r1', 'r2']);
    claims().openSettle(claims().claims[0]!);
    expect(await claims().settle({ outcome: 'paid', paidFen: 2000, note: '' })).toBe(true);
    expect(claims().settling).toBeNull();
    expect(claims().claims.map((c) => [c.id, c.status])).toEqual([['r2', 'filed']]);
    expect(claims().total).toBe(1);
    expect(host.callsOf('claims.list')).toEqual([{ status: 'filed', limit: 50, offset: 0 }, { status: 'filed', limit: 50, offset: 0 }]);
  });
});
