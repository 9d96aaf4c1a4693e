import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import type { FetchReport, Providers, WaybillsStatus } from '#shared/contract/waybills.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { admin, packer } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { keysFromDraft, type AccountDraft } from './provider-fields';
import { useWaybillAccountsStore } from './waybill-accounts.store';
import { useWaybillsStore } from './waybills.store';

let host: FakeHost;
const wb = () => useWaybillsStore.getState();
const accounts = () => useWaybillAccountsStore.getState();
const at = '2026-12-01T08:00:00.000Z';

const providers = (configured: string[] = ['kuaidi100'], viaHub = false): Providers => ({
  protection: 'file', viaHub, hostsHub: false,
  providers: (['kuaidi100', 'kdniao', 'cainiao', 'pinduoduo'] as const).map((name) => ({ name, where: configured.includes(name) ? (viaHub ? 'hub' : 'station') : null, carriers: configured.includes(name) ? ['YTO'] : [] })),
});
const failure = { orderId: 'taobao:1001', externalId: '1001', provider: 'kuaidi100' as const, kind: 'quota', message: msg('waybillProvider.kuaidi100.noBalance', { code: '30004' }), attempts: 1, at };
const status = (extra: Partial<WaybillsStatus> = {}): WaybillsStatus => ({ ready: 0, readyUnprinted: 0, used: 0, cancelQueued: 0, cancelled: 0, awaitingWithout: 3, failures: [], cancels: [], ...extra });

beforeEach(() => {
  host = createFakeHost({ 'waybills.status': () => status(), 'waybills.providers': () => providers() });
  setApi(host.api);
  useSessionStore.setState({ session: admin });
  useWaybillsStore.setState({ status: null, providers: null, provider: null, report: null, error: null, cancelError: null, pinAsk: null, fetching: false, cancelling: false });
  useWaybillAccountsStore.setState({ saving: false, saved: false, testing: false, tested: null, error: null });
});

describe('waybills store', () => {
  it('loads the counts and picks the first configured provider (not an unconfigured one)', async () => {
    host.handlers['waybills.providers'] = () => providers(['cainiao', 'kdniao']);
    await wb().load();
    expect(wb().status?.awaitingWithout).toBe(3);
    expect(wb().provider).toBe('kdniao');
  });

  it('fetches for every awaiting order, then keeps the refused one with its reason and retries just it', async () => {
    let round = 0;
    host.handlers['waybills.fetch'] = (input): FetchReport => (round++ === 0 ? { issued: 2, alreadyHad: 0, skipped: 0, held: 0, heldOrders: [], failed: [failure] } : { issued: input.orderIds?.length ?? 0, alreadyHad: 0, skipped: 0, held: 0, heldOrders: [], failed: [] });
    host.handlers['waybills.status'] = () => status({ ready: 2, awaitingWithout: 1, failures: round === 1 ? [failure] : [] });
    await wb().load();
    expect(await wb().fetch(null)).toBe(true);
    expect(host.callsOf('waybills.fetch')[0]).toEqual({ provider: 'kuaidi100', awaiting: true });
    expect(wb().report?.failed).toHaveLength(1);
    expect(wb().status?.failures[0]?.message.key).toBe('waybillProvider.kuaidi100.noBalance');
    expect(await wb().fetch(wb().status!.failures.map((f) => f.orderId))).toBe(true);
    expect(host.callsOf('waybills.fetch')[1]).toEqual({ provider: 'kuaidi100', orderIds: ['taobao:1001'] });
    expect(wb().status?.failures).toHaveLength(0);
    expect(wb().fetching).toBe(false);
  });

  it('asks a packer for a supervisor PIN before 取号, and keeps a wrong PIN in the dialog', async () => {
    useSessionStore.setState({ session: packer });
    host.handlers['waybills.fetch'] = ({ authorizerPin }) => {
      if (authorizerPin !== '8888') throw new AppError('FORBIDDEN', msg('session.wrongPin'));
      return { issued: 3, alreadyHad: 0, skipped: 0, held: 0, heldOrders: [], failed: [] };
    };
    await wb().load();
    expect(await wb().fetch(null)).toBe(false);
    expect(wb().pinAsk).toMatchObject({ action: 'fetch', orderIds: null, error: null });
    expect(host.callsOf('waybills.fetch')).toHaveLength(0);
    await wb().authorize('1111');
    expect(wb().pinAsk?.error?.code).toBe('FORBIDDEN');
    await wb().authorize('8888');
    expect(wb().pinAsk).toBeNull();
    expect(wb().report?.issued).toBe(3);
    expect(host.callsOf('waybills.fetch')[1]).toEqual({ provider: 'kuaidi100', awaiting: true, authorizerPin: '8888' });
  });

  it('shows a refused 取号 (no sender) as the panel error', async () => {
    host.handlers['waybills.fetch'] = () => {
      throw new AppError('INVALID_INPUT', msg('waybills.noSender'));
    };
    await wb().load();
    expect(await wb().fetch(null)).toBe(false);
    expect(wb().error?.msg?.key).toBe('waybills.noSender');
  });

  it('cancels an unused number and sends the queued cancels', async () => {
    const queued = { trackingNo: 'YT88000000001', parentNo: null, orderId: 'taobao:1', orderExternalId: '1', provider: 'kuaidi100' as const, carrierCode: 'YTO',
      routing: { sortCode: null, routeCode: null, hubCode: null, hubName: null, originCode: null, destinationCode: null }, hasPrintData: false, templateSize: null,
      issuer: 'station', issuedAt: at, state: 'cancel-queued' as const, cancelAttempts: 0, cancelNextAt: null, cancelError: null };
    host.handlers['waybills.cancel'] = () => queued;
    host.handlers['waybills.sendCancels'] = () => ({ sent: 1, failed: 0, left: 0 });
    expect(await wb().cancel(' YT88000000001 '.trim())).toBe(true);
    expect(host.callsOf('waybills.cancel')).toEqual([{ trackingNo: 'YT88000000001' }]);
    expect(await wb().sendCancels()).toEqual({ sent: 1, failed: 0, left: 0 });
  });
});

describe('waybill accounts store', () => {
  it('sends the typed account without empty fields, and refreshes the providers the panel offers', async () => {
    host.handlers['waybills.saveKeys'] = () => providers(['kuaidi100']);
    host.handlers['waybills.providers'] = () => providers(['kuaidi100']);
    const draft: AccountDraft = { credentials: { key: ' K100KEY ', secret: 'S' }, endpoint: '', rows: [{ carrierCode: 'YTO', values: { partnerId: 'YT-0001', partnerKey: '', payType: 'MONTHLY' } }, { carrierCode: '', values: {} }] };
    expect(await accounts().save('kuaidi100', draft)).toBe(true);
    expect(host.callsOf('waybills.saveKeys')).toEqual([{ provider: 'kuaidi100', keys: { key: 'K100KEY', secret: 'S', accounts: { YTO: { partnerId: 'YT-0001', payType: 'MONTHLY' } } } }]);
    await settle();
    expect(wb().provider).toBe('kuaidi100');
    expect(accounts().saved).toBe(true);
  });

  it('keeps the field the host refused, and tests the account', async () => {
    host.handlers['waybills.saveKeys'] = () => {
      throw new AppError('INVALID_INPUT', msg('waybills.keys.badField', { provider: 'kuaidi100', field: 'secret' }));
    };
    host.handlers['waybills.test'] = () => ({ ok: false, message: msg('waybillProvider.kuaidi100.badSign', { code: '30002' }) });
    expect(await accounts().save('kuaidi100', { credentials: { key: 'K' }, endpoint: '', rows: [] })).toBe(false);
    expect(accounts().error?.msg?.params).toMatchObject({ field: 'secret' });
    await accounts().test('kuaidi100');
    expect(accounts().tested).toMatchObject({ provider: 'kuaidi100', ok: false, message: { key: 'waybillProvider.kuaidi100.badSign' } });
  });

  it('builds each provider\'s keys: 快递鸟 numbers, 菜鸟 templates and the default signing, the API address', () => {
    expect(keysFromDraft('kdniao', { credentials: { businessId: 'B', appKey: 'A' }, endpoint: 'http://127.0.0.1:9/x', rows: [{ carrierCode: 'ZTO', values: { PayType: '3', TemplateSize: '130' } }] })).toEqual({
      businessId: 'B', appKey: 'A', accounts: { ZTO: { PayType: 3, TemplateSize: '130' } }, url: 'http://127.0.0.1:9/x',
    });
    expect(keysFromDraft('cainiao', { credentials: { appKey: 'a', appSecret: 'b', session: 'c', userId: 'd' }, endpoint: '', rows: [{ carrierCode: 'YTO', values: { url: 'https://t.example/1', size: '' } }] })).toEqual({
      appKey: 'a', appSecret: 'b', session: 'c', userId: 'd', templates: { YTO: { url: 'https://t.example/1' } },
    });
  });
});

describe('the order card', () => {
  it("loads the open order's fetched numbers, and stays quiet when the host cannot say", async () => {
    host.handlers['waybills.ofOrder'] = ({ ref }) => (ref === 'taobao:1' ? [] : (() => { throw new AppError('NOT_FOUND', msg('waybills.unknownOrder', { ref })); })());
    await wb().loadOfOrder('taobao:1');
    expect(wb().ofOrder).toEqual({ orderId: 'taobao:1', numbers: [] });
    await wb().loadOfOrder('taobao:2');
    expect(wb().ofOrder).toBeNull();
    expect(wb().error).toBeNull();
  });
});
