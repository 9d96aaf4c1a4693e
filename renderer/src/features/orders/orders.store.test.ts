import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderSummary } from '#shared/contract/orders.contract';
import { setApi } from '../../api/client';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { decodeHeaderRow, parseHeaderLine } from './mapping-fields';
import { useOrdersStore } from './orders.store';
import { defaultSettings } from '#shared/contract/settings.contract';
import { useSettingsStore } from '../settings/settings.store';

const summary = (i: number, extra: Partial<OrderSummary> = {}): OrderSummary => ({
  id: `o${i}`,
  externalId: `39218765432109876${i}`,
  platformStatus: 'WAIT_SELLER_SEND_GOODS',
  packState: 'open',
  deliveredAt: null,
  blockedReason: null,
  buyerNick: 'buyer',
  receiverName: '张三',
  province: '浙江省',
  city: '杭州市',
  itemCount: 2,
  shipDeadline: '2030-01-01T00:00:00.000Z',
  paidAt: '2029-12-30T00:00:00.000Z',
  buyerMessage: '',
  sellerMemo: '',
  clipCount: 0,
  returned: false, handoverMissing: false,
  ...extra,
});

let host: FakeHost;
const orders = () => useOrdersStore.getState();

beforeEach(() => {
  host = createFakeHost({
    'orders.list': ({ offset, limit }) => ({ total: 120, orders: [summary(offset + 1), summary(offset + 2)].slice(0, limit) }),
    'orders.listMappings': () => [{ name: '有赞', columns: { orderId: '订单号' }, encoding: 'utf-8' }],
  });
  setApi(host.api);
  useOrdersStore.setState({ query: '', filter: 'all', offset: 0, selected: [], report: null, importError: null, mappingName: '', loaded: false });
});

describe('orders store', () => {
  it('lists with query, state filter and paging', async () => {
    useOrdersStore.setState({ query: ' 张三 ' });
    orders().setFilter('late');
    await settle();
    orders().setPage(50);
    await settle();
    expect(host.callsOf('orders.list')).toEqual([
      { query: '张三', state: 'late', sort: 'deadline', dir: 'asc', limit: 50, offset: 0 },
      { query: '张三', state: 'late', sort: 'deadline', dir: 'asc', limit: 50, offset: 50 },
    ]);
    expect(orders().total).toBe(120);
    expect(orders().orders[0]?.id).toBe('o51');
    expect(orders().loaded).toBe(true);
  });

  it('imports files with the chosen mapping, reports progress, and reloads', async () => {
    host.handlers['orders.import'] = async () => {
      host.emit('import.progressed', { phase: 'parsing', done: 1, total: 2 });
      await settle(2);
      return { format: 'mapped-csv', ordersRead: 2, created: 2, updated: 0, unchanged: 0, statusChanges: 0, errors: [], linesWithoutSku: { count: 0, lines: [] }, notices: [], rejected: false };
    };
    host.api.on('import.progressed', (p) => orders().onProgress(p));
    orders().setMappingName('有赞');
    const seen: unknown[] = [];
    const unsub = useOrdersStore.subscribe((s) => s.progress && seen.push(s.progress));
    await orders().importFiles([{ name: 'a.csv', base64: 'YSxiCg==' }]);
    unsub();
    expect(host.callsOf('orders.import')).toEqual([{ files: [{ name: 'a.csv', base64: 'YSxiCg==' }], mappingName: '有赞' }]);
    expect(seen).toContainEqual({ phase: 'parsing', done: 1, total: 2 });
    expect(orders().report?.created).toBe(2);
    expect(orders().progress).toBeNull();
    expect(host.callsOf('orders.list')).toHaveLength(1);
  });

  it('keeps a rejected import report with its row errors and does not reload', async () => {
    host.handlers['orders.import'] = () => ({
      format: 'taobao-classic',
      ordersRead: 10,
      created: 0,
      updated: 0,
      unchanged: 0,
      statusChanges: 0,
      linesWithoutSku: { count: 0, lines: [] },
      notices: [],
      errors: [{ file: 'ExportOrderList.csv', row: 7, column: '订单编号', msg: { key: 'import.order.idFormat', params: { value: 'x' } } }],
      rejected: true,
    });
    await orders().importFiles([{ name: 'ExportOrderList.csv', base64: 'eA==' }]);
    expect(orders().report?.rejected).toBe(true);
    expect(orders().report?.errors[0]).toMatchObject({ row: 7, column: '订单编号' });
    expect(host.callsOf('orders.list')).toHaveLength(0);
  });

  it('selects orders and prints pick slips and a pick list for them', async () => {
    host.handlers['labels.printPickSlips'] = () => ({ printer: 'pdf', bytes: 10, file: '/tmp/slips.pdf' });
    host.handlers['labels.printPickList'] = () => ({ printer: 'pdf', bytes: 10, file: '/tmp/list.pdf' });
    await orders().load();
    orders().toggleAllOnPage();
    orders().toggle('o1');
    expect(orders().selected).toEqual(['o2']);
    await orders().printPickSlips();
    await orders().printPickList();
    expect(host.callsOf('labels.printPickSlips')).toEqual([{ orderIds: ['o2'] }]);
    expect(host.callsOf('labels.printPickList')).toEqual([{ orderIds: ['o2'] }]);
    expect(orders().lastPrint?.file).toBe('/tmp/list.pdf');
  });

  it('queues the selected orders\' fetched e-waybills (打单); those printed before print again only on the packer\'s yes, and only those numbers', async () => {
    const before = [{ trackingNo: 'YT8800000000002', orderId: 'o2', orderExternalId: '1002' }];
    host.handlers['waybills.print'] = ({ again }) => (again ? { queued: 1, jobIds: ['j2'], inQueue: 0, printedBefore: [] } : { queued: 1, jobIds: ['j1'], inQueue: 0, printedBefore: before });
    await orders().load();
    orders().toggle('o1');
    orders().toggle('o2');
    await orders().printWaybills();
    expect(host.callsOf('waybills.print')).toEqual([{ orderIds: ['o1', 'o2'] }]);
    expect(orders().lastWaybills).toEqual({ queued: 1, inQueue: 0 });
    expect(orders().reprintAsk).toEqual(before);

    await orders().confirmReprint();
    expect(host.callsOf('waybills.print')[1]).toEqual({ orderIds: ['o2'], numbers: ['YT8800000000002'], again: true });
    expect(orders().lastWaybills).toEqual({ queued: 2, inQueue: 0 });
    expect(orders().reprintAsk).toBeNull();

    // Asked again and told no: nothing more is printed.
    await orders().printWaybills();
    orders().cancelReprint();
    expect(host.callsOf('waybills.print')).toHaveLength(3);
    expect(orders().reprintAsk).toBeNull();
  });

  it('saves a mapping and selects it', async () => {
    host.handlers['orders.saveMapping'] = (m) => ({ name: m.name });
    expect(await orders().saveMapping({ name: '有赞', columns: { orderId: '订单号', qty: '数量' }, encoding: 'auto' })).toBe(true);
    expect(orders().mappingName).toBe('有赞');
    expect(orders().mappings).toHaveLength(1);
  });

  it('loads the sample data on an empty station, and the sample sender with it (the bench said the sender was missing)', async () => {
    let sender = { name: '', phone: '', address: '' };
    useSettingsStore.setState({ settings: { ...defaultSettings, sender } });
    host.handlers['system.loadSamples'] = () => ((sender = { name: '示例小店', phone: '0571-88886666', address: '浙江省杭州市' }), { orders: 30, skus: 12, waybills: 500 });
    host.handlers['settings.get'] = () => ({ ...defaultSettings, sender });
    await orders().loadSamples();
    expect(host.callsOf('system.loadSamples')).toHaveLength(1);
    expect(host.callsOf('orders.list')).toHaveLength(1);
    expect(useSettingsStore.getState().settings?.sender.name).toBe('示例小店');
  });
});

describe('mapping headers', () => {
  it('splits a header line with quotes and reads a GBK header row', () => {
    expect(parseHeaderLine('订单号,"收货人,姓名",数量')).toEqual(['订单号', '收货人,姓名', '数量']);
    // "订单号,数量\r\n" in GBK
    const gbk = new Uint8Array([0xb6, 0xa9, 0xb5, 0xa5, 0xba, 0xc5, 0x2c, 0xca, 0xfd, 0xc1, 0xbf, 0x0d, 0x0a, 0x31]);
    expect(decodeHeaderRow(gbk)).toEqual(['订单号', '数量']);
    expect(decodeHeaderRow(new TextEncoder().encode('\uFEFForder,qty\nx'))).toEqual(['order', 'qty']);
  });
});
