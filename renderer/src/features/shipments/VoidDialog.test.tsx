// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n/setup';
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
