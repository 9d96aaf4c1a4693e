import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import type { VoidReasonCode } from '#shared/ops/shipment-voided.op';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { createFakeHost, type FakeHost } from '../../test/fake-host';
import { packer, shipment, supervisor } from '../../test/fixtures';
import { useToastStore } from '../../app/toast.store';
import { useSessionStore } from '../session/session.store';
import { useCarriersStore } from './carriers.store';
import { useShipmentsStore } from './shipments.store';

let host: FakeHost;
const ships = () => useShipmentsStore.getState();
const carriers = () => useCarriersStore.getState();

beforeEach(() => {
  host = createFakeHost({ 'shipments.list': () => ({ total: 1, shipments: [shipment()] }) });
  setApi(host.api);
  useSessionStore.setState({ session: packer });
  useShipmentsStore.setState({ shipments: [], voiding: null, query: '', filter: 'all', offset: 0 });
});

describe('shipments store', () => {
  it('searches by state', async () => {
    useShipmentsStore.setState({ query: 'SF14' });
    ships().setFilter('not-exported');
    await new Promise((r) => setTimeout(r, 0));
    await ships().load();
    expect(host.callsOf('shipments.list')[0]).toEqual({ query: 'SF14', state: 'not-exported', limit: 50, offset: 0 });
  });

  it('reprints with the same number', async () => {
    host.handlers['shipments.reprint'] = ({ id }) => ({ shipment: shipment({ id, printCount: 2 }), print: { printer: 'tspl', bytes: 900, file: null } });
    await ships().load();
    expect(await ships().reprint('s1')).toBe('tspl');
    expect(ships().shipments[0]?.printCount).toBe(2);
  });

  it('voids with a reason and, for a packer, a supervisor PIN', async () => {
    host.handlers['shipments.void'] = ({ id, reason, authorizerPin }) => {
      if (authorizerPin !== '8888') throw new AppError('FORBIDDEN', msg('session.wrongPin'));
      return shipment({ id, voidedAt: '2025-01-02T00:00:00.000Z', voidReason: reason });
    };
    await ships().load();
    ships().openVoid(shipment());
    expect(ships().voiding?.needPin).toBe(true);
    expect(await ships().confirmVoid('面单打印模糊', 'other', '1111')).toBe(false);
    expect(ships().voiding?.error?.code).toBe('FORBIDDEN');
    expect(await ships().confirmVoid('面单打印模糊', 'other', '8888')).toBe(true);
    expect(ships().shipments[0]?.voidReason).toBe('面单打印模糊');
    expect(host.callsOf('shipments.void')[1]).toEqual({ id: 's1', reason: '面单打印模糊', reasonCode: 'other', authorizerPin: '8888' });
  });

  it('after a void as cancelled or refunded says the order is held, not that it ships again with a new number', async () => {
    useSessionStore.setState({ session: supervisor });
    host.handlers['shipments.void'] = ({ id, reason }) => shipment({ id, voidedAt: '2025-01-02T00:00:00.000Z', voidReason: reason });
    await ships().load();
    const toastsAfter = async (reason: string, code: VoidReasonCode) => {
      useToastStore.setState({ toasts: [] });
      ships().openVoid(shipment());
      expect(await ships().confirmVoid(reason, code, '')).toBe(true);
      expect(host.callsOf('shipments.void').at(-1)).toMatchObject({ reason, reasonCode: code });
      return useToastStore.getState().toasts.map((t) => t.key);
    };
    expect(await toastsAfter('订单取消/退款', 'cancelled')).toEqual(['shipments.voidedHeld']);
    expect(await toastsAfter('Order cancelled or refunded：买家拍错', 'cancelled')).toEqual(['shipments.voidedHeld']);
    expect(await toastsAfter('面单打印错误', 'misprint')).toEqual(['shipments.voidedShipAgain']);
    // The chip's words typed without the chip: the host holds nothing, and the notice says so.
    expect(await toastsAfter('订单取消/退款', 'other')).toEqual(['shipments.voidedShipAgain']);
  });

  it('after a void the export bar reads again what the next file holds, with the choices it showed', async () => {
    useSessionStore.setState({ session: supervisor });
    let voided = false;
    host.handlers['shipments.void'] = ({ id, reason }) => ((voided = true), shipment({ id, voidedAt: '2025-01-02T00:00:00.000Z', voidReason: reason }));
    host.handlers['shipments.exportPreview'] = () => ({
      rows: 10, parcels: voided ? 10 : 11, notHandedOver: voided ? 0 : 1, notHandedOverNos: voided ? [] : ['SF1400000000001'], held: [], heldCount: 0, extra: [], extraCount: 0,
      changes: [], changeCount: 0, elsewhere: [], elsewhereCount: 0, handoversUsed: true, onlyHandedOver: false,
    });
    await ships().load();
    await ships().loadPreview({ onlyNotExported: true, onlyHandedOver: false });
    expect(ships().preview).toMatchObject({ parcels: 11, notHandedOver: 1 });
    ships().openVoid(shipment());
    expect(await ships().confirmVoid('买家取消', 'other', '')).toBe(true);
    expect(ships().preview).toMatchObject({ parcels: 10, notHandedOver: 0 });
    expect(host.callsOf('shipments.exportPreview')).toEqual([
      { onlyNotExported: true, onlyHandedOver: false }, { onlyNotExported: true, onlyHandedOver: false },
    ]);
  });

  it('does not ask a supervisor for a PIN', () => {
    useSessionStore.setState({ session: supervisor });
    ships().openVoid(shipment());
    expect(ships().voiding?.needPin).toBe(false);
  });

  it("exports the 批量发货 file as the chosen CSV encoding or XLSX, with the shop's handover default unless asked otherwise", async () => {
    const summary = {
      rows: 1, parcels: 1, notHandedOver: 2, notHandedOverNos: ['SF1400000000002', 'SF1400000000003'], held: [], heldCount: 0, extra: [], extraCount: 0,
      changes: [], changeCount: 0, elsewhere: [], elsewhereCount: 0, handoversUsed: true, onlyHandedOver: true,
    };
    host.handlers['shipments.exportBatchShip'] = ({ encoding }) => ({ fileName: `batch-${encoding}.csv`, base64: 'YQ==', ...summary });
    host.handlers['shipments.exportPreview'] = () => ({ ...summary, rows: 0, parcels: 0 });
    expect(await ships().exportBatchShip('utf-8', { onlyNotExported: false, onlyHandedOver: null })).toEqual({ fileName: 'batch-utf-8.csv', base64: 'YQ==', ...summary });
    await ships().exportBatchShip('gbk', { onlyNotExported: true, onlyHandedOver: false });
    await ships().exportBatchShip('xlsx', { onlyNotExported: true, onlyHandedOver: null });
    expect(host.callsOf('shipments.exportBatchShip')).toEqual([
      { encoding: 'utf-8', format: 'csv', onlyNotExported: false },
      { encoding: 'gbk', format: 'csv', onlyNotExported: true, onlyHandedOver: false },
      { encoding: 'gbk', format: 'xlsx', onlyNotExported: true },
    ]);
    // After the file, the bar shows what is left: here, two parcels still on the bench.
    expect(ships().preview?.notHandedOver).toBe(2);
  });
});

describe('carriers store', () => {
  const sf = { code: 'SF', name: '顺丰速运', nameEn: 'SF Express', enabled: true, pool: { free: 10, used: 0, void: 0 } };
  beforeEach(() => {
    host.handlers['carriers.list'] = () => [sf];
    host.handlers['carriers.getRules'] = () => ({ rules: [], defaultCarrier: 'SF' });
  });

  it('loads carriers with pools and rules', async () => {
    await carriers().load();
    expect(carriers().carriers[0]?.pool.free).toBe(10);
    expect(carriers().defaultCarrier).toBe('SF');
  });

  it('imports a pool (lists and ranges) and refreshes the counts', async () => {
    host.handlers['carriers.importPool'] = () => ({ added: 100, duplicates: 0, heldElsewhere: 0, errors: [], warnings: [], rejected: false });
    expect(await carriers().importPool('SF', { text: 'SF1400000000001-SF1400000000100' })).toBe(true);
    expect(host.callsOf('carriers.importPool')).toEqual([{ carrierCode: 'SF', text: 'SF1400000000001-SF1400000000100' }]);
    expect(host.callsOf('carriers.list')).toHaveLength(1);
  });

  it('saves rules', async () => {
    host.handlers['carriers.saveRules'] = (r) => ({ ...r, unknownSkuCodes: [] });
    const rules = [{ carrierCode: 'SF', provinces: ['新疆', '西藏'], minWeightG: null, maxWeightG: 3000, skuCodes: [] }];
    expect(await carriers().saveRules(rules, 'SF')).toBe(true);
    expect(host.callsOf('carriers.saveRules')).toEqual([{ rules, defaultCarrier: 'SF' }]);
    expect(carriers().rulesSaved).toBe(true);
  });

  it('says a save failed, with why, and that nothing was saved', async () => {
    const rules = [{ carrierCode: 'SF', provinces: [], minWeightG: 5000, maxWeightG: 1000, skuCodes: [] }];
    host.handlers['carriers.saveRules'] = () => {
      throw new AppError('INVALID_INPUT', msg('rules.inRule', { rule: 1, problem: msg('rules.weightReversed', { min: 5000, max: 1000 }) }));
    };
    expect(await carriers().saveRules(rules, 'SF')).toBe(false);
    expect(carriers()).toMatchObject({ rulesSaved: false, error: { code: 'INVALID_INPUT', msg: { key: 'rules.inRule' } } });
  });
});
