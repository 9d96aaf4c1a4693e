// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportSummary } from '#shared/contract/shipments.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { ExportBar } from './ExportBar';

const summary = (over: Partial<ExportSummary> = {}): ExportSummary => ({
  rows: 1, parcels: 2, notHandedOver: 0, held: [], heldCount: 0, extra: [], extraCount: 0, handoversUsed: false, onlyHandedOver: false, ...over,
});
const second = { orderExternalId: '3921876543210987654', trackingNo: 'YT7400000000002', uploadedWith: 'YT7400000000001' };

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
});
afterEach(cleanup);

describe('the 批量发货 export bar', () => {
  it('lists the numbers the file cannot carry (a second parcel of an order), and keeps the list once the file is written', async () => {
    let exported = false;
    const host = createFakeHost({
      'shipments.exportPreview': () => (exported ? summary({ rows: 0, parcels: 0 }) : summary({ extra: [second], extraCount: 1 })),
      'shipments.exportBatchShip': () => ((exported = true), { ...summary({ extra: [second], extraCount: 1 }), fileName: '批量发货.csv', base64: 'YQ==' }),
    });
    setApi(host.api);
    // jsdom has no object URLs: the download is not what this test is about.
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    render(<ExportBar />);
    await act(settle);
    const list = () => screen.getByTestId('export-extra').textContent;
    expect(list()).toContain('1 个包裹的单号不在文件里（平台每个订单只收一个单号），请在平台后台给订单补录');
    expect(list()).toContain('订单 3921876543210987654：YT7400000000002（文件里是 YT7400000000001）');
    fireEvent.click(screen.getByTestId('export-button'));
    await act(settle);
    expect(host.callsOf('shipments.exportBatchShip')).toHaveLength(1);
    expect(list()).toContain('YT7400000000002');
    act(() => setLanguage('en'));
    expect(list()).toContain('Order 3921876543210987654: YT7400000000002 (the file has YT7400000000001)');
  });
});
