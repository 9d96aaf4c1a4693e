// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxRow } from '#shared/contract/inbox.contract';
import { msg } from '#shared/i18n/message';
import { useNavStore } from '../../app/nav.store';
import { initI18n, setLanguage } from '../../i18n/setup';
import { useShipmentsStore } from '../shipments/shipments.store';
import { InboxRowCard } from './InboxRowCard';

// The phone desk is a flag set once per page: each test says which page it is.
const page = vi.hoisted(() => ({ desk: false }));
vi.mock('../desk/desk-mode', () => ({ onDesk: () => page.desk, markDesk: () => undefined }));

const benchA = { id: 'st-a', name: '打包台 A', thisBench: true };
const benchB = { id: 'st-b', name: '打包台 B', thisBench: false };
const base: InboxRow = {
  key: 'flag:f1', kind: 'sync-conflict', closes: 'flag', derived: false, severity: 'alarm', at: '2026-12-05T02:00:00.000Z', benches: [benchA, benchB],
  flagKind: 'ship.double', orderId: 'taobao:2000000460471681041', orderExternalId: '2000000460471681041', skuCode: null, trackingNo: null, carrierCode: null,
  refId: 'f1', evidence: msg('inbox.evidence.shipDouble', { order: '2000000460471681041', parcels: 2 }), people: [], target: 'shipments', photos: [],
  parcels: [
    { shipmentId: 's1', trackingNo: 'YT7400000000001', carrierCode: 'YTO', bench: benchA, packer: '王主管', at: '2026-12-05T01:00:00.000Z' },
    { shipmentId: 's2', trackingNo: 'YT7500000000139', carrierCode: 'YTO', bench: benchB, packer: null, at: '2026-12-05T01:05:00.000Z' },
  ],
};
const damageConflict: InboxRow = {
  ...base, key: 'flag:f2', severity: 'warn', benches: [benchB], flagKind: 'damage.conflicting-decisions', orderId: null, orderExternalId: null, skuCode: 'SKU-0035',
  refId: 'r1', target: 'damage', parcels: undefined,
  evidence: msg('inbox.evidence.damageConflict', {
    sku: 'SKU-0035', qty: 1, inForce: msg('damageReview.decisions.write-off'),
    decisions: msg('inbox.evidence.decisions2', { a: msg('damageReview.decisions.reject'), aBy: '李主管', b: msg('damageReview.decisions.write-off'), bBy: '王主管' }),
  }),
};

const card = (row: InboxRow) => {
  render(
    <ul>
      <InboxRowCard row={row} canResolve onResolve={() => undefined} />
    </ul>,
  );
  return screen.getByTestId('inbox-row');
};

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useNavStore.setState({ screen: 'inbox', section: null, focus: null, available: ['inbox', 'orders', 'shipments', 'damage', 'bench', 'catalog', 'handover'] });
});
afterEach(() => {
  cleanup();
  page.desk = false;
});

describe('conflicts in the inbox', () => {
  it('a double shipment lists every live parcel with its bench and packer, and opens them in Shipments', () => {
    const row = card(base);
    expect(within(row).getByTestId('inbox-evidence').textContent).toBe('订单 2000000460471681041 有 2 个未作废的包裹，可能重复发货：请核对后在「发货记录」作废多余的面单');
    const parcels = within(row).getAllByTestId('inbox-parcel').map((p) => p.textContent);
    expect(parcels[0]).toMatch(/^圆通速递 YT7400000000001 · 本机 · 王主管 打包 · /);
    expect(parcels[1]).toMatch(/^圆通速递 YT7500000000139 · 打包台 B · /);
    fireEvent.click(within(row).getByTestId('inbox-open'));
    expect(useNavStore.getState().screen).toBe('shipments');
    expect(useShipmentsStore.getState().query).toBe('2000000460471681041');
  });

  it('the phone, which has no Shipments, still lists the parcels', () => {
    useNavStore.setState({ available: ['inbox', 'damage', 'handover'] });
    const row = card(base);
    expect(within(row).getAllByTestId('inbox-parcel')).toHaveLength(2);
    expect(within(row).queryByTestId('inbox-open')).toBeNull();
  });

  it('on the phone, which cannot void, the double shipment says which benches hold the parcels and to void at one of them', () => {
    page.desk = true;
    useNavStore.setState({ available: ['inbox', 'damage', 'handover'] });
    const row = card(base);
    expect(within(row).getByTestId('inbox-evidence').textContent).toBe(
      '订单 2000000460471681041 有 2 个未作废的包裹（在 打包台 A、打包台 B），可能重复发货：手机上不能作废，请到其中一个工位的「发货记录」作废多余的面单',
    );
  });

  it('conflicting damage decisions read with the SKU, each decision and who, in the reader’s language, and open the report', () => {
    let row = card(damageConflict);
    expect(within(row).getByTestId('inbox-evidence').textContent).toBe('破损报告 SKU-0035 ×1：驳回（李主管）/ 报损（王主管）。现按「报损」执行（以同步中心最后收到的处理为准）');
    fireEvent.click(within(row).getByTestId('inbox-open'));
    expect(useNavStore.getState()).toMatchObject({ screen: 'damage', focus: 'r1' });
    cleanup();
    setLanguage('en');
    row = card(damageConflict);
    expect(within(row).getByTestId('inbox-evidence').textContent).toBe('Damage report SKU-0035 ×1: Reject (李主管) / Write off (王主管). “Write off” is in force (the decision the hub received last stands)');
  });
});
