import { afterEach, describe, expect, it } from 'vitest';
import type { CarrierRule } from '#shared/contract/carriers.contract';
import { AppError } from '#shared/contract/errors';
import { adminStation } from '../../../test/host/host-client';
import type { Host } from '../create-host';

const open: Host[] = [];
afterEach(() => open.splice(0).forEach((h) => h.close()));

async function station() {
  const { host, call } = await adminStation(open);
  await call('catalog.saveSku', { code: 'SKU-0001', name: '玻璃杯', weightG: 300, location: 'A-01', barcodes: [] });
  await call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
  return { host, call };
}

const rule = (over: Partial<CarrierRule> = {}): CarrierRule => ({ carrierCode: 'SF', provinces: [], minWeightG: null, maxWeightG: null, skuCodes: [], ...over });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? { code: e.code, msg: e.msg } : e));

describe('saving carrier rules', () => {
  it('refuses a weight range whose minimum is above its maximum, naming the rule and both weights, and keeps the rules saved before', async () => {
    const { call } = await station();
    const rules = [rule({ provinces: ['新疆'] }), rule({ carrierCode: 'ZTO', minWeightG: 5000, maxWeightG: 1000 })];
    expect(await refusal(call('carriers.saveRules', { rules, defaultCarrier: 'YTO' }))).toEqual({
      code: 'INVALID_INPUT',
      msg: { key: 'rules.inRule', params: { rule: 2, problem: { key: 'rules.weightReversed', params: { min: 5000, max: 1000 } } } },
    });
    expect(await call('carriers.getRules', {})).toEqual({ rules: [], defaultCarrier: 'YTO' });
    // An exact weight (min = max) is a range.
    const exact = await call('carriers.saveRules', { rules: [rule({ minWeightG: 1000, maxWeightG: 1000 })], defaultCarrier: 'YTO' });
    expect(exact.rules).toEqual([rule({ minWeightG: 1000, maxWeightG: 1000 })]);
  });

  it('refuses a province no address has, naming it; short and full names are the same province', async () => {
    const { host, call } = await station();
    for (const typo of ['廣東', '广州', 'Guangdong']) {
      expect(await refusal(call('carriers.saveRules', { rules: [rule({ provinces: ['浙江', typo] })], defaultCarrier: 'YTO' })), typo).toEqual({
        code: 'INVALID_INPUT',
        msg: { key: 'rules.inRule', params: { rule: 1, problem: { key: 'rules.unknownProvince', params: { province: typo } } } },
      });
    }
    const provinces = ['广东', '上海市', '广西壮族自治区', '内蒙古', '黑龙江省'];
    const saved = await call('carriers.saveRules', { rules: [rule({ provinces })], defaultCarrier: 'YTO' });
    expect(saved.rules[0]?.provinces).toEqual(provinces);
    // The rule chooses for parcels whose address names the province in full, as exports write it.
    for (const p of ['广东省', '上海市', '广西壮族自治区', '内蒙古自治区', '黑龙江省']) {
      expect(host.context.carriers.choose({ province: p, weightG: 500, skuCodes: [] }), p).toBe('SF');
    }
    expect(host.context.carriers.choose({ province: '浙江省', weightG: 500, skuCodes: [] })).toBe('YTO');
  });

  it('takes as many rules as sync carries (100) and refuses one more at the boundary, saving nothing', async () => {
    const { call } = await station();
    const many = Array.from({ length: 100 }, (_, i) => rule({ minWeightG: i * 10, maxWeightG: i * 10 + 9 }));
    expect((await call('carriers.saveRules', { rules: many, defaultCarrier: 'YTO' })).rules).toHaveLength(100);
    const refused = await refusal(call('carriers.saveRules', { rules: [...many, rule()], defaultCarrier: 'YTO' }));
    expect(refused).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await call('carriers.getRules', {})).rules).toHaveLength(100);
  });

  it('saves SKU codes the catalog does not know (they may be imported later) and names them back, once each', async () => {
    const { call } = await station();
    const rules = [rule({ skuCodes: ['SKU-0001', 'SKU-OOO1'] }), rule({ carrierCode: 'ZTO', skuCodes: ['SKU-OOO1', 'SKU-9999'] })];
    const saved = await call('carriers.saveRules', { rules, defaultCarrier: 'YTO' });
    expect(saved).toEqual({ rules, defaultCarrier: 'YTO', unknownSkuCodes: ['SKU-OOO1', 'SKU-9999'] });
    expect((await call('carriers.getRules', {})).rules).toEqual(rules);
    expect((await call('carriers.saveRules', { rules: [rule({ skuCodes: ['SKU-0001'] })], defaultCarrier: null })).unknownSkuCodes).toEqual([]);
  });

  it('tells the rules editor, before any save, which typed SKU codes the catalog does not have', async () => {
    const { call } = await station();
    expect(await call('catalog.unknownCodes', { codes: ['SKU-0001', 'SKU-OOO1', 'SKU-OOO1', 'SKU-9999'] })).toEqual(['SKU-OOO1', 'SKU-9999']);
    expect(await call('catalog.unknownCodes', { codes: [] })).toEqual([]);
    await expect(call('catalog.unknownCodes', { codes: Array.from({ length: 501 }, (_, i) => `S${i}`) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
