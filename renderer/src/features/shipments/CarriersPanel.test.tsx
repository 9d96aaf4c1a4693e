// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Carrier } from '#shared/contract/carriers.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { CarriersPanel } from './CarriersPanel';

const carrier = (code: string, name: string): Carrier => ({ code, name, nameEn: code, enabled: true, pool: { free: 0, used: 0, void: 0 } });

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
});
afterEach(cleanup);

describe('adding waybill numbers to a pool', () => {
  it('chooses no carrier for the seller: pasted numbers go nowhere until the carrier is picked', async () => {
    const imported: unknown[] = [];
    const host = createFakeHost({
      'carriers.list': () => [carrier('SF', '顺丰速运'), carrier('YTO', '圆通速递')],
      'carriers.getRules': () => ({ rules: [], defaultCarrier: null }),
      'carriers.importPool': (req: unknown) => (imported.push(req), { added: 2, duplicates: 0, heldElsewhere: 0, errors: [], warnings: [], rejected: false }),
    });
    setApi(host.api);
    render(<CarriersPanel />);
    await act(settle);
    const select = screen.getByTestId('pool-carrier') as HTMLSelectElement;
    const submit = screen.getByTestId('pool-submit') as HTMLButtonElement;
    expect(select.value).toBe('');
    expect(select.selectedOptions[0]?.textContent).toBe('选择单号所属的快递…');
    fireEvent.change(screen.getByTestId('pool-text'), { target: { value: 'YT7400000000001-YT7400000000002' } });
    expect(submit.disabled).toBe(true);

    fireEvent.change(select, { target: { value: 'YTO' } });
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    await act(settle);
    expect(imported).toEqual([expect.objectContaining({ carrierCode: 'YTO' })]);
  });
});
