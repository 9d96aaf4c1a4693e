// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandoverDetail } from '#shared/contract/handover.contract';
import { initI18n, setLanguage } from '../../i18n/setup';
import { UnsavedPrompt } from '../../components/UnsavedPrompt';
import { HandoverClose } from './HandoverClose';
import { useHandoverStore } from './handover.store';

const current: HandoverDetail = {
  id: 'h1', number: 'YTO-20261207-9F3A', carrierCode: 'YTO', carrierName: '圆通速递', state: 'open', openedAt: '2026-12-07T11:00:00.000Z',
  openedAtBench: { name: '打包台A', thisBench: true }, closedAt: null, courierName: null, abandoned: null,
  counts: { expected: 1, scanned: 1, accepted: 1, missing: 0, unexpected: 0, intercepted: 0, duplicate: 0 },
  accepted: [], missing: [], intercepted: [], unexpected: [], scans: [], signatureHash: null, photoHashes: [], closedBy: null, putBack: [],
};

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useHandoverStore.setState({ current, busy: false, error: null, closing: true });
});
afterEach(cleanup);

describe('the courier’s name at the close', () => {
  it('keeps a pasted name longer than the sheet takes whole and says the limit, instead of cutting it silently', () => {
    render(<HandoverClose />);
    const field = screen.getByTestId('handover-courier') as HTMLInputElement;
    const pasted = `张师傅🚚${'A'.repeat(40)}`;
    fireEvent.change(field, { target: { value: pasted } });
    expect(field.value).toBe(pasted);
    expect(screen.getByTestId('handover-courier-long').textContent).toBe(`快递员姓名最多 40 个字，现在 ${pasted.length} 个：请删短一些`);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByTestId('handover-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(field, { target: { value: '张师傅🚚' } });
    expect(screen.queryByTestId('handover-courier-long')).toBeNull();
  });

  it('says before signing that a handover with no parcel scanned in closes as a 0-parcel sheet', () => {
    useHandoverStore.setState({ current: { ...current, counts: { ...current.counts, scanned: 0, accepted: 0, missing: 1 } } });
    render(<HandoverClose />);
    expect(screen.getByTestId('handover-empty-warn').textContent).toContain('还没有扫入任何包裹');
    cleanup();
    useHandoverStore.setState({ current });
    render(<HandoverClose />);
    expect(screen.queryByTestId('handover-empty-warn')).toBeNull();
  });
});

describe('closing the close dialog by mistake', () => {
  const esc = () => fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
  const mount = () =>
    render(
      <>
        <HandoverClose />
        <UnsavedPrompt />
      </>,
    );

  it('closes at once before anything is typed or signed', () => {
    mount();
    esc();
    expect(screen.queryByTestId('unsaved-prompt')).toBeNull();
    expect(useHandoverStore.getState().closing).toBe(false);
  });

  it('asks first once the courier’s name is typed (the courier may be gone when asked again); 继续编辑 keeps it', () => {
    mount();
    fireEvent.change(screen.getByTestId('handover-courier'), { target: { value: '张师傅' } });
    fireEvent.click(screen.getByText('取消'));
    expect(screen.getByTestId('unsaved-prompt').textContent).toContain('放弃未保存的修改？');
    fireEvent.click(screen.getByText('继续编辑'));
    expect(useHandoverStore.getState().closing).toBe(true);
    expect(screen.getByTestId('handover-courier')).toHaveProperty('value', '张师傅');
    esc();
    fireEvent.click(screen.getByText('放弃'));
    expect(useHandoverStore.getState().closing).toBe(false);
  });
});
