// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n/setup';
import { OrderStateTag } from './OrderStateTag';

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
});
afterEach(cleanup);

describe('an order state tag', () => {
  it('calls an order that may not ship 禁止发货, as the bench does: 已拦截 is a parcel stopped at the handover', () => {
    render(<OrderStateTag order={{ blockedReason: { key: 'blocked.refundPending', params: { refund: '退款中' } }, deliveredAt: null, packState: 'open' }} />);
    expect(screen.getByTestId('order-state').textContent).toBe('禁止发货');
  });

  it('says a shipped order whose parcel is coming back is not simply 已发货, and a delivered one stays 已签收', () => {
    render(<OrderStateTag order={{ blockedReason: null, deliveredAt: null, packState: 'shipped', returned: true }} />);
    expect(screen.getByTestId('order-state').textContent).toBe('已发货 · 退回中');
    cleanup();
    render(<OrderStateTag order={{ blockedReason: null, deliveredAt: '2026-12-07T06:00:00.000Z', packState: 'shipped', returned: true }} />);
    expect(screen.getByTestId('order-state').textContent).toBe('已签收');
  });
});

describe('a shipped order a courier handover left a parcel of behind (交接少件)', () => {
  it('keeps 已发货 and says 交接少件 beside it; an order with none says nothing more', () => {
    render(<OrderStateTag order={{ blockedReason: null, deliveredAt: null, packState: 'shipped', handoverMissing: true }} />);
    expect(screen.getByTestId('order-state').textContent).toBe('已发货');
    expect(screen.getByTestId('order-handover-missing').textContent).toBe('交接少件');
    cleanup();
    render(<OrderStateTag order={{ blockedReason: null, deliveredAt: null, packState: 'shipped', handoverMissing: false }} />);
    expect(screen.queryByTestId('order-handover-missing')).toBeNull();
  });
});
