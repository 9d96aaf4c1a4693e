// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost } from '../../test/fake-host';
import { shipment } from '../../test/fixtures';
import { VoidDialog } from './VoidDialog';
import { useShipmentsStore } from './shipments.store';

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
});
afterEach(() => {
  cleanup();
  useShipmentsStore.setState({ voiding: null });
});

const openFor = (handedOverAt: string | null, exportedAt: string | null = null) =>
  useShipmentsStore.setState({ voiding: { shipment: shipment({ handedOverAt, exportedAt }), needPin: false, error: null } });

describe('voiding a label', () => {
  it('warns that a parcel the courier already took does not come back by voiding its label', () => {
    openFor('2026-12-06T08:20:00.000Z');
    render(<VoidDialog />);
    expect(screen.getByTestId('void-handed-over').textContent).toContain('已于 2026/12/06 16:20 交给快递员');
  });

  it('says nothing of the courier for a parcel still at the shop', () => {
    openFor(null);
    render(<VoidDialog />);
    expect(screen.getByTestId('void-dialog')).toBeTruthy();
    expect(screen.queryByTestId('void-handed-over')).toBeNull();
    expect(screen.queryByTestId('void-exported')).toBeNull();
  });

  it('warns that the platform already has a number exported in a 批量发货 file: a reshipped order is changed with 修改物流单号, not uploaded again', () => {
    openFor('2026-12-06T08:20:00.000Z', '2026-12-06T09:05:00.000Z');
    render(<VoidDialog />);
    const warning = () => screen.getByTestId('void-exported').textContent;
    expect(warning()).toBe('这个包裹的单号已于 2026/12/06 17:05 导出到批量发货文件，平台上已有这个单号：重新发货后不能再用批量发货上传，须在卖家后台用“修改物流单号”改成新单号。');
    act(() => setLanguage('en'));
    expect(warning()).toMatch(/^This parcel's number went into a batch-ship file \(批量发货\) at .*the platform already has it: .*change the number .*with 修改物流单号/);
    // The courier warning stays too: the two are different facts.
    expect(screen.getByTestId('void-handed-over')).toBeTruthy();
  });
});

describe('the reason a void holds its order by', () => {
  const LEAD_HELD = /暂停发货/;
  const voidWith = async (pickChip: boolean, typed: string) => {
    const host = createFakeHost({ 'shipments.void': ({ id, reason }) => shipment({ id, voidedAt: '2026-12-07T08:00:00.000Z', voidReason: reason }) });
    setApi(host.api);
    openFor(null);
    render(<VoidDialog />);
    const box = screen.getByTestId('void-reason');
    if (pickChip) fireEvent.click(screen.getByRole('button', { name: '订单取消/退款' }));
    if (typed) fireEvent.change(box, { target: { value: pickChip ? `${(box as HTMLInputElement).value}${typed}` : typed } });
    const lead = screen.getByTestId('void-lead').textContent;
    const pressed = screen.getByRole('button', { name: '订单取消/退款' }).getAttribute('aria-pressed');
    fireEvent.click(screen.getByTestId('void-confirm'));
    await waitFor(() => expect(host.callsOf('shipments.void')).toHaveLength(1));
    return { lead, pressed, sent: host.callsOf('shipments.void')[0] };
  };

  it('is the 订单取消/退款 chip tapped, with or without the supervisor\'s words after it: the dialog says the order is held', async () => {
    const alone = await voidWith(true, '');
    expect(alone).toMatchObject({ pressed: 'true', sent: { reason: '订单取消/退款', reasonCode: 'cancelled' } });
    expect(alone.lead).toMatch(LEAD_HELD);
    cleanup();
    const withWords = await voidWith(true, '：买家拍错');
    expect(withWords).toMatchObject({ pressed: 'true', sent: { reason: '订单取消/退款：买家拍错', reasonCode: 'cancelled' } });
    expect(withWords.lead).toMatch(LEAD_HELD);
  });

  it('is not the chip\'s words typed by hand: the dialog says the order ships again, and the void carries no chip', async () => {
    const typed = await voidWith(false, '订单取消/退款 买家拍错');
    expect(typed).toMatchObject({ pressed: 'false', sent: { reason: '订单取消/退款 买家拍错', reasonCode: 'other' } });
    expect(typed.lead).not.toMatch(LEAD_HELD);
  });
});
