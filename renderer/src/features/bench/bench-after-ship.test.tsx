// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, emptyState, line, packer, scanResult, shipment } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { BenchScreen } from './BenchScreen';
import { useBenchStore } from './bench.store';

/** What the bench shows when a ship fails after the last scan counted, and after a reprint of a shipped order. */
let host: FakeHost;
const panel = () => screen.getByTestId('scan-status');

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: packer });
  host = createFakeHost({ 'bench.getState': () => emptyState, 'carriers.list': () => [], 'bench.shipChoice': () => ({}) });
  setApi(host.api);
});
afterEach(cleanup);

describe('the bench after a ship', () => {
  it('shows the last item counted when its auto-ship found no waybill number, so the packer does not fetch another', async () => {
    const before = benchState([line(1, 3, 2)]);
    const counted = benchState([line(1, 3, 3)], { complete: true });
    useBenchStore.setState({ state: before });
    host.handlers['bench.getState'] = () => before;
    render(<BenchScreen />);
    await act(settle);
    // The host counted the scan, then its auto-ship failed: the answer is the failure.
    host.handlers['bench.getState'] = () => counted;
    host.handlers['bench.scan'] = () => {
      throw new AppError('POOL_EMPTY', msg('ship.poolEmpty', { carrier: '顺丰速运', advice: msg('ship.poolAdvice.import') }));
    };
    await act(async () => {
      await useBenchStore.getState().scan('6900000000011', 'wedge');
      await settle();
    });
    expect(panel().getAttribute('data-outcome')).toBe('error');
    expect(useBenchStore.getState().state.lines[0]!.verified).toBe(3);
    expect(screen.getByTestId('line-1').textContent).toContain('3');
  });

  it('an order whose label was printed before packing (取号) says to stick that label on, and shows it', async () => {
    const before = benchState([line(1, 1, 0)]);
    const parcel = shipment({ trackingNo: 'YT8800000001', printedAt: '2026-12-07T01:00:00.000Z' });
    const after = benchState([line(1, 1, 1)], { complete: true, shipments: [parcel] });
    useBenchStore.setState({ state: before });
    host.handlers['bench.getState'] = () => before;
    host.handlers['bench.scan'] = () => scanResult('completed', after, { shipment: parcel, print: null });
    host.handlers['labels.preview'] = () => ({ pngBase64: 'iVBORw0KGgo=', widthMm: 100, heightMm: 150 });
    host.handlers['carriers.list'] = () => [];
    render(<BenchScreen />);
    await act(async () => {
      await useBenchStore.getState().scan('6900000000011', 'wedge');
      await settle();
    });
    expect(panel().textContent).toContain('已完成：贴上预打印的面单');
    expect(screen.getByTestId('tracking-no').textContent).toBe('YT8800000001');
    expect(host.callsOf('labels.preview')).toEqual([{ shipmentId: parcel.id }]);
  });

  it('a mistyped order number says no such order, in both languages', async () => {
    const open = benchState([line(1, 2, 1)]);
    useBenchStore.setState({ state: open });
    host.handlers['bench.getState'] = () => open;
    host.handlers['bench.scan'] = ({ code }) => scanResult('not_found', open, { detail: { barcode: code, orderNumber: '1' } });
    render(<BenchScreen />);
    await act(async () => {
      await useBenchStore.getState().scan('3921876543210987655', 'wedge');
      await settle();
    });
    expect(panel().textContent).toContain('找不到订单');
    expect(panel().textContent).toContain('没有订单号 3921876543210987655：请核对单号，或先导入这个订单');
    expect(panel().textContent).not.toContain('绑定');
    act(() => setLanguage('en'));
    expect(panel().textContent).toContain('No order 3921876543210987655: check the number, or import the order first');
  });

  it('a shipped order scanned while another is half packed says so, and that this one stays open', async () => {
    const open = benchState([line(1, 2, 1)]);
    useBenchStore.setState({ state: open });
    host.handlers['bench.getState'] = () => open;
    host.handlers['bench.scan'] = ({ code }) => scanResult('blocked', open, { detail: { barcode: code, shippedOrder: code } });
    render(<BenchScreen />);
    await act(async () => {
      await useBenchStore.getState().scan('1000000284191657031', 'wedge');
      await settle();
    });
    expect(panel().textContent).toContain('那个订单已发货');
    expect(panel().textContent).toContain('订单 1000000284191657031 已经发货，不要再包。当前订单还开着，继续扫描它的商品');
  });

  it('names the rules’ carrier and its free numbers on the ship form, so an empty one is seen before the last scan', async () => {
    const open = benchState([line(1, 2, 1)]);
    const state = { ...open, order: { ...open.order!, autoCarrier: 'SF' } };
    useBenchStore.setState({ state, carriers: [{ code: 'SF', name: '顺丰速运', nameEn: 'SF Express', enabled: true, pool: { free: 0, used: 5, void: 0 } }] });
    host.handlers['bench.getState'] = () => state;
    host.handlers['carriers.list'] = () => useBenchStore.getState().carriers;
    render(<BenchScreen />);
    await act(settle);
    expect(screen.getByTestId('carrier-select').textContent).toContain('按规则：顺丰速运 · 余 0 个单号');
  });

  it('a partly shipped order, its rest now scanned, can be shipped with 发货; a fully shipped one offers only reprint and close', async () => {
    const rest = benchState([line(1, 1, 1), line(2, 1, 1)], { complete: true, shipments: [shipment({ trackingNo: 'SF0000000001' })] });
    useBenchStore.setState({ state: rest });
    host.handlers['bench.getState'] = () => rest;
    render(<BenchScreen />);
    await act(settle);
    expect((screen.getByTestId('ship-button') as HTMLButtonElement).disabled).toBe(false);
    cleanup();
    const left = { ...rest, order: { ...rest.order!, blockedReason: msg('blocked.alreadyShipped') } };
    useBenchStore.setState({ state: left });
    host.handlers['bench.getState'] = () => left;
    render(<BenchScreen />);
    await act(settle);
    expect(screen.queryByTestId('ship-button')).toBeNull();
    expect(screen.getByTestId('reprint-button')).toBeTruthy();
  });

  it('重打面单 after a two-parcel shipment reprints both labels and names both numbers', async () => {
    const at = '2026-12-06T08:00:00.000Z';
    const parcels = [shipment({ id: 's1', trackingNo: 'SF0000000001', parcelNo: 1, parcelCount: 2, createdAt: at }), shipment({ id: 's2', trackingNo: 'SF0000000002', parcelNo: 2, parcelCount: 2, createdAt: at })];
    const state = benchState([line(1, 1, 1)], { complete: true, shipments: parcels });
    useBenchStore.setState({ state, lastShipment: parcels[1]! });
    host.handlers['bench.getState'] = () => state;
    host.handlers['shipments.reprint'] = ({ id }) => ({ shipment: parcels.find((p) => p.id === id)!, print: { printer: 'file', bytes: 1200, file: null } });
    render(<BenchScreen />);
    await act(async () => {
      await useBenchStore.getState().reprintLast();
      await settle();
    });
    expect(host.callsOf('shipments.reprint')).toEqual([{ id: 's1' }, { id: 's2' }]);
    expect(panel().textContent).toContain('SF0000000001 · SF0000000002');
  });

  it('a shipped order on a bench come back to says shipped; a reprint of it says it reprinted, not that the order may not ship', async () => {
    const shipped = benchState([line(1, 1, 1)], { complete: true, shipments: [shipment({ trackingNo: 'SF1234567890' })] });
    const state = { ...shipped, order: { ...shipped.order!, blockedReason: msg('blocked.alreadyShipped') } };
    useBenchStore.setState({ state, lastShipment: state.shipments[0]! });
    host.handlers['bench.getState'] = () => state;
    host.handlers['shipments.reprint'] = () => ({ shipment: state.shipments[0]!, print: { printer: 'file', bytes: 1200, file: null } });
    render(<BenchScreen />);
    await act(settle);
    // Come back to (a reload of the window): shipped, with its number, not the red 禁止发货 alarm.
    expect(panel().getAttribute('data-outcome')).toBe('completed');
    expect(panel().textContent).toContain('已完成，面单已打印');
    expect(screen.getByTestId('tracking-no').textContent).toBe('SF1234567890');
    await act(async () => {
      await useBenchStore.getState().reprintLast();
      await settle();
    });
    expect(panel().getAttribute('data-outcome')).toBe('command');
    expect(panel().textContent).not.toContain('禁止发货');
    // The platform's own status is labelled as the platform's: it still says "awaiting" until the upload.
    expect(screen.getByTestId('order-card').textContent).toContain('平台：买家已付款，等待发货');
  });
});
