import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '#shared/contract/errors';
import type { HandoverDetail, HandoverScan } from '#shared/contract/handover.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { createFakeHost, type FakeHost } from '../../test/fake-host';
import { useHandoverStore } from './handover.store';

const sounds = vi.hoisted(() => [] as string[]);
vi.mock('../../lib/sounds', () => ({ playSound: (name: string) => void sounds.push(name), primeAudio: () => {} }));

const bench = { name: '打包台 A', thisBench: true };
const scan = (over: Partial<HandoverScan> = {}): HandoverScan => ({
  id: 'sc1', code: 'YT7400000000001', outcome: 'accepted', trackingNo: 'YT7400000000001', orderExternalId: '4000000040614440', detail: null, bench,
  at: '2026-12-07T08:10:00.000Z', ...over,
});
const handover = (over: Partial<HandoverDetail> = {}): HandoverDetail => ({
  id: 'h1', number: 'YTO-20261207-9F3A', carrierCode: 'YTO', carrierName: '圆通速递', state: 'open', openedAt: '2026-12-07T08:00:00.000Z',
  openedAtBench: bench, closedAt: null, courierName: null, abandoned: null,
  counts: { expected: 2, scanned: 1, accepted: 1, missing: 1, intercepted: 0, unexpected: 0, duplicate: 0 },
  accepted: [], missing: [], intercepted: [], unexpected: [], scans: [scan()], signatureHash: null, photoHashes: [], closedBy: null, putBack: [], ...over,
});

let host: FakeHost;
const store = () => useHandoverStore.getState();

beforeEach(() => {
  host = createFakeHost();
  setApi(host.api);
  sounds.length = 0;
  useHandoverStore.setState({ current: null, last: null, error: null, busy: false, closing: false });
});

describe('handover store: a scan with no handover open', () => {
  it('opens the parcel’s carrier’s handover and takes the scan, with its sound', async () => {
    host.handlers['handover.scanFirst'] = () => ({ scan: scan(), handover: handover() });
    await store().scan('YT7400000000001');
    expect(host.callsOf('handover.scanFirst')).toEqual([{ code: 'YT7400000000001' }]);
    expect(store().current?.id).toBe('h1');
    expect(store().last?.scan.outcome).toBe('accepted');
    expect(sounds).toEqual(['tick']);
  });

  it('starts the next pickup from a past sheet on screen too', async () => {
    useHandoverStore.setState({ current: handover({ id: 'h0', state: 'closed', closedAt: '2026-12-06T08:00:00.000Z', courierName: '张师傅' }) });
    host.handlers['handover.scanFirst'] = () => ({ scan: scan(), handover: handover() });
    await store().scan('YT7400000000001');
    expect(store().current?.id).toBe('h1');
  });

  it('says an unknown number (or an order number) over the carriers, with the unknown number’s question', async () => {
    host.handlers['handover.scanFirst'] = () => {
      throw new AppError('NOT_FOUND', msg('handover.outcomes.unexpected-order'));
    };
    await store().scan('400000004061444008');
    expect(store().current).toBeNull();
    expect(store().error).toMatchObject({ code: 'NOT_FOUND', msg: { key: 'handover.outcomes.unexpected-order' } });
    expect(sounds).toEqual(['rising']);
  });

  it('scans into the open handover on screen as before', async () => {
    useHandoverStore.setState({ current: handover() });
    host.handlers['handover.scan'] = () => ({ scan: scan({ outcome: 'unexpected-order', trackingNo: null, orderExternalId: null }), handover: handover() });
    await store().scan('400000004061444008');
    expect(host.callsOf('handover.scan')).toEqual([{ handoverId: 'h1', code: '400000004061444008' }]);
    expect(host.callsOf('handover.scanFirst')).toEqual([]);
    expect(store().last?.scan.outcome).toBe('unexpected-order');
    expect(sounds).toEqual(['rising']);
  });
});
