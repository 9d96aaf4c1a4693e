// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { CarrierRulesEditor } from './CarrierRulesEditor';
import { useCarriersStore } from './carriers.store';

const sf = { code: 'SF', name: '顺丰速运', nameEn: 'SF Express', enabled: true, pool: { free: 10, used: 0, void: 0 } };
let host: FakeHost;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  host = createFakeHost({
    'carriers.list': () => [sf],
    'carriers.getRules': () => ({ rules: [], defaultCarrier: 'SF' }),
    'carriers.saveRules': (r) => ({ ...r, unknownSkuCodes: r.rules.flatMap((x) => x.skuCodes).filter((c) => c !== 'SKU-0001') }),
    'catalog.unknownCodes': ({ codes }) => codes.filter((c) => c !== 'SKU-0001'),
  });
  setApi(host.api);
  useCarriersStore.setState({ carriers: [], rules: [], defaultCarrier: null, error: null, rulesSaved: false });
});
afterEach(cleanup);

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const saveButton = () => screen.getByTestId('rules-save') as HTMLButtonElement;
async function editor() {
  render(<CarrierRulesEditor />);
  await act(() => settle());
  fireEvent.click(screen.getByTestId('rule-add'));
}

describe('carrier rules editor', () => {
  it('says next to the weights that a minimum above the maximum matches nothing, and holds 保存 back until it is put right', async () => {
    await editor();
    type('rule-0-min', '5000');
    type('rule-0-max', '1000');
    expect(screen.getByTestId('rule-0-weight-problem').textContent).toBe('最小重量 5000 g 大于最大重量 1000 g，这条规则不会匹配任何包裹');
    expect(screen.getByTestId('rule-0-min').className).toContain('input-bad');
    expect(screen.getByTestId('rule-0-max').className).toContain('input-bad');
    expect(saveButton().disabled).toBe(true);
    type('rule-0-max', '5000');
    expect(screen.queryByTestId('rule-0-weight-problem')).toBeNull();
    expect(saveButton().disabled).toBe(false);
  });

  it('names a province it does not know next to the provinces; short and full names both do', async () => {
    await editor();
    type('rule-0-provinces', '广东省 廣東');
    expect(screen.getByTestId('rule-0-provinces-problem').textContent).toBe('不认识的省份“廣東”：请写简称或全称，如 广东 或 广东省');
    expect(saveButton().disabled).toBe(true);
    type('rule-0-provinces', '广东省 广西，新疆维吾尔自治区');
    expect(screen.queryByTestId('rule-0-provinces-problem')).toBeNull();
    expect(saveButton().disabled).toBe(false);
  });

  it('names the SKU codes the catalog does not know as they are typed, before saving; the rule still saves', async () => {
    await editor();
    type('rule-0-skus', 'SKU-0001 SKU-OOO1');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 300));
      await settle();
    });
    expect(host.callsOf('carriers.saveRules')).toHaveLength(0);
    expect(screen.getByTestId('rule-0-skus-unknown').textContent).toBe('商品库中没有 SKU-OOO1：导入这些商品之前，这条规则不会匹配它们');
    type('rule-0-skus', 'SKU-0001');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 300));
      await settle();
    });
    expect(screen.queryByTestId('rule-0-skus-unknown')).toBeNull();
    await act(async () => {
      fireEvent.click(saveButton());
      await settle();
    });
    expect(host.callsOf('carriers.saveRules')).toHaveLength(1);
  });

  it('shows each carrier’s free numbers in the rule’s carrier list, so a rule to an empty one is seen', async () => {
    await editor();
    const options = [...screen.getByTestId('rules-editor').querySelectorAll('tbody select option')].map((o) => o.textContent);
    expect(options).toEqual(expect.arrayContaining(['顺丰速运 (SF) · 余 10 个单号']));
  });

  it('in English too', async () => {
    setLanguage('en');
    await editor();
    type('rule-0-min', '800');
    type('rule-0-max', '300');
    expect(screen.getByTestId('rule-0-weight-problem').textContent).toBe('Min weight 800 g is above max weight 300 g: the rule would match no parcel');
  });
});
