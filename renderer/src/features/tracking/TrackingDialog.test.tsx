// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParcelTracking } from '#shared/contract/tracking.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { TrackingDialog } from './TrackingDialog';
import { TrackingImportDialog } from './TrackingImportDialog';
import { useTrackingStore } from './tracking.store';

const parcel: ParcelTracking = {
  carrierCode: 'YTO', trackingNo: 'YT7400000000001', orderId: 'taobao:2000000008', orderExternalId: '2000000008', voided: false,
  handedOverAt: '2026-11-27T00:30:00.000Z', state: 'delivered', source: 'kuaidi100', destCity: '上海市', reportedCarrier: 'ZTO',
  acceptedAt: '2026-11-27T01:00:00.000Z', lastEventAt: '2026-11-28T07:32:00.000Z', deliveredAt: '2026-11-28T07:32:00.000Z', updatedAt: '2026-11-28T08:00:00.000Z',
  events: [
    { at: '2026-11-28T07:32:00.000Z', state: 'delivered', text: '【上海市】已签收，签收人：本人', city: '上海市' },
    { at: '2026-11-27T01:00:00.000Z', state: 'accepted', text: '【杭州市】快件已揽收', city: '杭州市' },
  ],
};

let host: FakeHost;
beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useTrackingStore.setState({ showing: null, parcels: [], loading: false, error: null, importOpen: false, importing: false, report: null, importError: null });
  host = createFakeHost({
    'tracking.status': ({ ref }) => ({ parcels: ref === parcel.trackingNo ? [parcel] : [] }),
    'tracking.import': () => ({
      rowsRead: 2, parcels: 0, unknownParcels: 0, delivered: 0, returned: 0, problem: 0, rejected: true,
      errors: [{ file: '轨迹.csv', row: 3, column: '状态', msg: msg('tracking.import.stateUnknown', { value: '飞走了' }) }],
    }),
  });
  setApi(host.api);
});
afterEach(cleanup);

describe('tracking at the bench', () => {
  it('shows a parcel: its state, handover, pickup and delivery, the carrier tracking reports, and its events newest first', async () => {
    render(<TrackingDialog />);
    await act(() => useTrackingStore.getState().show(parcel.trackingNo));
    const dialog = screen.getByTestId('tracking-dialog');
    expect(within(dialog).getByTestId('tracking-chip').textContent).toBe('已签收');
    expect(dialog.textContent).toContain('交接于 2026/11/27 08:30');
    expect(dialog.textContent).toContain('签收于 2026/11/28 15:32');
    expect(dialog.textContent).toContain('物流商称此单号属于 中通快递');
    const events = within(dialog).getByTestId('tracking-events').querySelectorAll('li');
    expect([...events].map((e) => e.textContent)).toEqual([
      expect.stringContaining('【上海市】已签收，签收人：本人'),
      expect.stringContaining('【杭州市】快件已揽收'),
    ]);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('tracking-dialog')).toBeNull();
  });

  it('lists the columns it reads in the reader\'s language', () => {
    setLanguage('en');
    useTrackingStore.getState().setImportOpen(true);
    render(<TrackingImportDialog onImported={() => {}} />);
    const lead = screen.getByTestId('tracking-import-dialog').textContent;
    expect(lead).toContain('Tracking number, Carrier, Time, Status, Description, City, Destination city');
  });

  it('a refused file lists its problems by row and column', async () => {
    useTrackingStore.getState().setImportOpen(true);
    render(<TrackingImportDialog onImported={() => {}} />);
    const input = screen.getByTestId<HTMLInputElement>('tracking-import-file');
    fireEvent.change(input, { target: { files: [new File(['运单号,状态\nYT1,飞走了'], '轨迹.csv', { type: 'text/csv' })] } });
    await act(() => settle());
    const report = await screen.findByTestId('tracking-import-report');
    expect(report.dataset['rejected']).toBe('true');
    expect(report.textContent).toContain('状态');
    expect(report.textContent).toContain('飞走了');
    expect(host.calls.filter((c) => c.method === 'tracking.import')).toHaveLength(1);
  });
});
