// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
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

const openFor = (handedOverAt: string | null) =>
  useShipmentsStore.setState({ voiding: { shipment: shipment({ handedOverAt }), needPin: false, error: null } });

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
  });
});
