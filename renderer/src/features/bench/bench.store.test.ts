import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, line, packer, scanResult, shipment, supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useBenchStore } from './bench.store';

let host: FakeHost;
const bench = () => useBenchStore.getState();

beforeEach(() => {
  host = createFakeHost({ 'labels.preview': () => ({ pngBase64: 'iVBORw0KGgo=', widthMm: 100, heightMm: 150 }) });
  setApi(host.api);
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: packer });
});

describe('bench store: scans', () => {
  it('sends the scan with its source and shows the outcome with the host state', async () => {
    const after = benchState([line(1, 2, 1), line(2, 1)]);
    host.handlers['bench.scan'] = ({ code }) => scanResult('verified', after, { detail: { sku: 'SKU-1', barcode: code } });
    await bench().scan(' 6901234567892 ', 'wedge');
    expect(host.callsOf('bench.scan')).toEqual([{ code: '6901234567892', source: 'wedge' }]);
    expect(bench().last).toMatchObject({ outcome: 'verified', code: '6901234567892', detail: { sku: 'SKU-1' } });
    expect(bench().state.lines[0]?.verified).toBe(1);
  });

  it('gives every outcome its own panel state, wrong item included', async () => {
    const state = benchState();
    host.handlers['bench.scan'] = () => scanResult('wrong_item', state, { detail: { barcode: '123' } });
    await bench().scan('123', 'manual');
    expect(bench().last?.outcome).toBe('wrong_item');
    host.handlers['bench.scan'] = () => scanResult('over_scan', state);
    await bench().scan('123', 'wedge');
    expect(bench().last?.outcome).toBe('over_scan');
    expect(bench().last?.seq).toBeGreaterThan(1);
  });

  it('shows the spinner only for an answer that takes long, and keeps the parts a scan did not change', async () => {
    const before = benchState([line(1, 2, 0), line(2, 1)]);
    useBenchStore.setState({ state: before });
    let answer: () => void = () => {};
    host.handlers['bench.scan'] = () => new Promise((resolve) => (answer = () => resolve(scanResult('verified', benchState([line(1, 2, 1), line(2, 1)])))));
    const renders: boolean[] = [];
    const off = useBenchStore.subscribe((now) => renders.push(now.slowScan));
    const fast = bench().scan('6901234567892', 'wedge');
    await settle();
    answer();
    await fast;
    expect(renders).not.toContain(true);
    // The order and the untouched line are the same objects: their parts of the bench do not re-render.
    expect(bench().state.order).toBe(before.order);
    expect(bench().state.lines[1]).toBe(before.lines[1]);
    expect(bench().state.lines[0]?.verified).toBe(1);

    const slow = bench().scan('6901234567892', 'wedge');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bench().slowScan).toBe(true);
    answer();
    await slow;
    expect(bench().slowScan).toBe(false);
    off();
  });

  it('shows a failed call as an error outcome, never silence', async () => {
    host.handlers['bench.scan'] = () => {
      throw new AppError('BLOCKED', { key: 'blocked.reasons.TRADE_CLOSED' });
    };
    await bench().scan('X1', 'wedge');
    expect(bench().last).toMatchObject({ outcome: 'error', error: { code: 'BLOCKED', msg: { key: 'blocked.reasons.TRADE_CLOSED' } } });
  });

  it('on completion shows the tracking number, keeps warnings until the next order, and takes the label from the print event', async () => {
    const done = benchState([line(1, 1, 1)], { shipments: [shipment({ printedAt: null })] });
    const trackingWarning = msg('tracking.unlikeCarrier', { number: 'SF1400000000001', carrier: msg('carrierNames.SF') });
    const poolLow = msg('ship.poolLow', { carrier: msg('carrierNames.SF'), count: 19 });
    const s = shipment({ printedAt: null, trackingWarning });
    host.handlers['bench.scan'] = () => scanResult('completed', done, { shipment: s, warnings: [poolLow, trackingWarning] });
    useBenchStore.setState({ state: benchState([line(1, 1, 0)]) });
    let applied = 0;
    const off = useBenchStore.subscribe((now, before) => void (now.state !== before.state && applied++));
    host.api.on('labels.printed', (e) => bench().onPrinted(e));
    await bench().scan('6901234567892', 'wedge');
    await settle();
    expect(bench().last).toMatchObject({ outcome: 'completed', trackingNo: 'SF1400000000001' });
    // The same warning from the answer and from the shipment is one line.
    expect(bench().warnings).toEqual([poolLow, trackingWarning]);
    // One request, one application of its state: no second round trip for the label (the carrier
    // list is read again: a pool number was taken, its free count changed).
    expect(host.calls.map((c) => c.method)).toEqual(['bench.scan', 'carriers.list']);
    expect(applied).toBe(1);
    expect(bench().preview).toBeNull();
    host.emit('labels.printed', { shipmentId: 's1', trackingNo: 'SF1400000000001', ok: true, state: 'done', message: null, file: '/tmp/a.png', preview: { pngBase64: 'iVBORw0KGgo=', widthMm: 100, heightMm: 150 } });
    await settle();
    expect(bench().preview).toMatchObject({ shipmentId: 's1', widthMm: 100 });
    expect(host.calls.map((c) => c.method)).toEqual(['bench.scan', 'carriers.list']);
    off();

    // The bench clears (no order): warnings stay. A different order opens: they go.
    bench().applyState({ order: null, lines: [], complete: false, shipments: [], expectedWeightG: null, weighing: null });
    expect(bench().warnings).toHaveLength(2);
    const next = benchState();
    bench().applyState({ ...next, order: { ...next.order!, id: 'o2' } });
    expect(bench().warnings).toEqual([]);
    expect(bench().preview).toBeNull();
  });

  it('re-opening an order shipped before shows its label and makes it the reprint target', async () => {
    bench().applyState(benchState([line(1, 1, 1)], { shipments: [shipment({ id: 's7' })] }));
    await settle();
    expect(bench().lastShipment?.id).toBe('s7');
    expect(bench().preview).toMatchObject({ shipmentId: 's7' });
  });

  it('a label voided while its order is on the bench is no longer shown or reprinted', async () => {
    bench().applyState(benchState([line(1, 1, 1)], { shipments: [shipment({ id: 's7' })] }));
    await settle();
    expect(bench().preview).toMatchObject({ shipmentId: 's7' });
    bench().applyState(benchState([line(1, 1, 1)], { shipments: [shipment({ id: 's7', voidedAt: '2026-12-06T10:00:00.000Z' })] }));
    expect(bench().lastShipment).toBeNull();
    expect(bench().preview).toBeNull();
  });

  it('keeps a print failure on screen until the same label prints', async () => {
    const done = benchState([line(1, 1, 1)], { shipments: [shipment({ printedAt: null })] });
    host.handlers['bench.scan'] = () => scanResult('completed', done, { shipment: shipment({ printedAt: null }), print: null });
    await bench().scan('6901234567892', 'wedge');
    expect(bench().labels).toEqual({});
    const paperOut = msg('devices.status.paperOut');
    bench().onPrinted({ shipmentId: 's1', trackingNo: 'SF1400000000001', ok: false, state: 'failed', message: paperOut, file: null, preview: null });
    expect(bench().labels).toEqual({ SF1400000000001: { state: 'failed', message: paperOut } });
    bench().onPrinted({ shipmentId: 's1', trackingNo: 'SF1400000000001', ok: true, state: 'done', message: null, file: null, preview: null });
    expect(bench().labels).toEqual({ SF1400000000001: { state: 'done', message: null } });
  });

  it('names every parcel of a two-parcel shipment on the banner', async () => {
    const first = shipment();
    const second = shipment({ id: 's2', trackingNo: 'SF1400000000002', parcelNo: 2, parcelCount: 2 });
    host.handlers['bench.scan'] = () => scanResult('completed', benchState([line(1, 1, 1)], { shipments: [first, second] }), { shipment: first });
    await bench().scan('6901234567892', 'wedge');
    expect(bench().last?.trackingNo).toBe('SF1400000000001 · SF1400000000002');
  });

  it('a reprint answered after the next order opened does not take over its banner', async () => {
    bench().applyState(benchState([line(1, 1, 1)], { shipments: [shipment({ id: 's7' })] }));
    let answer: () => void = () => {};
    host.handlers['shipments.reprint'] = () => new Promise((resolve) => (answer = () => resolve({ shipment: shipment({ id: 's7' }), print: { printer: 'TSPL', file: null, bytes: 10 } })));
    const reprint = bench().reprintLast();
    await settle();
    const next = benchState();
    bench().applyState({ ...next, order: { ...next.order!, id: 'o2' } });
    answer();
    await reprint;
    expect(bench().last).toBeNull();
  });

  it('a reprint of a label already waiting for a printer that is off is no failure: it says the label waits', async () => {
    bench().applyState(benchState([line(1, 1, 1)], { shipments: [shipment({ id: 's7', trackingNo: 'YT1' })] }));
    host.handlers['shipments.reprint'] = () => {
      throw new AppError('PRINT_FAILED', msg('label.waitingForPrinter', { tracking: 'YT1', reason: 'off' }));
    };
    await bench().reprintLast();
    expect(bench().last).toMatchObject({ outcome: 'command', trackingNo: 'YT1', error: null, detail: { command: 'PD:REPRINT', waiting: '1' } });
  });

  it('the host putting a shipped order down (another packer logged in) leaves no "printing" banner over the empty bench', async () => {
    host.handlers['bench.scan'] = () => scanResult('completed', benchState([line(1, 1, 1)], { shipments: [shipment()] }), { shipment: shipment() });
    await bench().scan('6901234567892', 'wedge');
    bench().applyState({ order: null, lines: [], complete: false, shipments: [], expectedWeightG: null, weighing: null });
    expect(bench().last).toBeNull();
  });

  it('marks a completed scan whose label did not print', async () => {
    host.handlers['bench.scan'] = () => scanResult('completed', benchState([line(1, 1, 1)]), { shipment: shipment(), print: null, warnings: [msg('ship.poolLow', { carrier: 'SF', count: 3 })] });
    await bench().scan('6901234567892', 'wedge');
    expect(bench().last).toMatchObject({ outcome: 'completed', printed: false });
    expect(bench().warnings).toEqual([msg('ship.poolLow', { carrier: 'SF', count: 3 })]);
  });
});

describe('bench store: gated actions', () => {
  it('asks a packer for a supervisor PIN before force-verifying, then sends it', async () => {
    host.handlers['bench.forceVerify'] = ({ lineNo, authorizerPin }) => {
      if (authorizerPin !== '8888') throw new AppError('FORBIDDEN', msg('session.wrongPin'));
      return scanResult('verified', benchState([line(lineNo, 2, 2)]), { detail: { lineNo: String(lineNo), forced: '1' } });
    };
    await bench().forceVerify(1);
    expect(bench().auth?.request).toEqual({ action: 'forceVerify', lineNo: 1 });
    expect(host.calls).toHaveLength(0);

    await bench().submitAuth('1234');
    expect(bench().auth?.error).toMatchObject({ code: 'FORBIDDEN' });

    await bench().submitAuth('8888');
    expect(bench().auth).toBeNull();
    expect(host.callsOf('bench.forceVerify')).toEqual([
      { lineNo: 1, authorizerPin: '1234' },
      { lineNo: 1, authorizerPin: '8888' },
    ]);
    expect(bench().state.lines[0]?.verified).toBe(2);
  });

  it('lets a supervisor act directly, and falls back to the PIN prompt on FORBIDDEN', async () => {
    useSessionStore.setState({ session: supervisor });
    host.handlers['bench.forceVerify'] = () => scanResult('verified', benchState([line(1, 2, 2)]));
    await bench().forceVerify(1);
    await settle();
    expect(host.callsOf('bench.forceVerify')).toEqual([{ lineNo: 1 }]);

    host.handlers['bench.forceVerify'] = () => {
      throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
    };
    await bench().forceVerify(2);
    await settle();
    expect(bench().auth).toEqual({ request: { action: 'forceVerify', lineNo: 2 }, error: null });
  });

  it('binds an unknown barcode to a SKU with units, through the supervisor PIN', async () => {
    host.handlers['bench.scan'] = ({ code }) => scanResult('unknown_barcode', benchState(), { detail: { barcode: code } });
    host.handlers['bench.bindBarcode'] = () => benchState();
    await bench().scan('1234567', 'wedge');
    expect(bench().last?.outcome).toBe('unknown_barcode');
    bench().openBind('1234567');
    await bench().bindBarcode('SKU-1', 12);
    await bench().submitAuth('8888');
    expect(host.callsOf('bench.bindBarcode')).toEqual([{ barcode: '1234567', skuCode: 'SKU-1', units: 12, authorizerPin: '8888' }]);
    expect(bench().bind).toBeNull();
    // The panel says it worked and what to do next, instead of still showing "unknown barcode".
    expect(bench().last).toMatchObject({ outcome: 'bound', detail: { barcode: '1234567', skuCode: 'SKU-1', units: '12' } });
  });

  it('drops a scan made while the supervisor PIN prompt is open (a badge would switch the packer)', async () => {
    await bench().forceVerify(1);
    await bench().scan('BADGE-LI-01', 'wedge');
    expect(host.callsOf('bench.scan')).toEqual([]);
    expect(bench().auth).toMatchObject({ request: { action: 'forceVerify', lineNo: 1 }, scanIgnored: true });
  });

  it('turns a refused PD:PARTIAL scan into the supervisor PIN prompt', async () => {
    useBenchStore.setState({ state: benchState([line(1, 2, 1)]) });
    host.handlers['bench.scan'] = () => {
      throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
    };
    await bench().scan('PD:PARTIAL', 'wedge');
    expect(bench().auth?.request).toEqual({ action: 'ship', options: { partial: true } });
    expect(bench().last).toBeNull();
  });

  it('ships with carrier, weight and parcel count; a partial shipment needs a PIN', async () => {
    host.handlers['bench.ship'] = ({ parcelCount }) => ({
      shipments: Array.from({ length: parcelCount ?? 1 }, (_, i) => shipment({ id: `s${i + 1}`, trackingNo: `SF14000000000${i + 1}`, parcelNo: i + 1, parcelCount })),
      print: { printer: 'png', bytes: 10, file: null },
      warnings: [],
      state: benchState([line(1, 1, 1)]),
    });
    await bench().ship({ carrierCode: 'SF', weightG: 720, parcelCount: 2, partial: false });
    expect(host.callsOf('bench.ship')).toEqual([{ carrierCode: 'SF', weightG: 720, parcelCount: 2, partial: false }]);
    expect(bench().last).toMatchObject({ outcome: 'completed', trackingNo: 'SF140000000001 · SF140000000002' });
    expect(bench().lastShipment?.id).toBe('s2');

    await bench().ship({ parcelCount: 1, partial: true });
    expect(bench().auth?.request).toMatchObject({ action: 'ship', options: { partial: true } });
    await bench().submitAuth('8888');
    expect(host.callsOf('bench.ship')[1]).toEqual({ parcelCount: 1, partial: true, authorizerPin: '8888' });
  });

  it('shows POOL_EMPTY from shipping in the status panel', async () => {
    host.handlers['bench.ship'] = () => {
      throw new AppError('POOL_EMPTY', msg('ship.poolEmpty', { carrier: 'SF', advice: '' }));
    };
    await bench().ship({ parcelCount: 1, partial: false });
    expect(bench().last).toMatchObject({ outcome: 'error', error: { code: 'POOL_EMPTY' } });
  });

  it('reprints the last shipment and cancels the open order', async () => {
    useBenchStore.setState({ lastShipment: shipment({ id: 's9' }) });
    host.handlers['shipments.reprint'] = ({ id }) => ({ shipment: shipment({ id, printCount: 2 }), print: { printer: 'png', bytes: 1, file: null } });
    await bench().reprintLast();
    expect(host.callsOf('shipments.reprint')).toEqual([{ id: 's9' }]);
    expect(bench().lastShipment?.printCount).toBe(2);

    host.handlers['bench.cancel'] = () => ({ order: null, lines: [], complete: false, shipments: [], expectedWeightG: null, weighing: null });
    useBenchStore.setState({ state: benchState(), warnings: [msg('pack.nothingToReprint')] });
    await bench().cancelOrder();
    expect(bench().state.order).toBeNull();
    expect(bench().warnings).toEqual([]);
  });
});
