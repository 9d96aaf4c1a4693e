import { beforeEach, describe, expect, it } from 'vitest';
import type { BenchLine, ScanResult } from '#shared/contract/bench.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, line, nobody, packer, scanResult } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useBenchStore } from './bench.store';

/**
 * The bench shows a scan of an item the open order needs in the frame the scanner's Enter arrives
 * in, before the host's answer; the answer always has the last word.
 */
let host: FakeHost;
const bench = () => useBenchStore.getState();
const coded = (l: BenchLine, ...codes: [string, number][]): BenchLine => ({ ...l, codes: codes.map(([barcode, units]) => ({ barcode, units })) });
/** The host's answer to the next scan, held until `answer` is called (a round trip in flight). */
function heldScan(): { answer(r: ScanResult | Error): void } {
  let release!: (r: ScanResult | Error) => void;
  const held = new Promise<ScanResult | Error>((resolve) => (release = resolve));
  host.handlers['bench.scan'] = async () => {
    const r = await held;
    if (r instanceof Error) throw r;
    return r;
  };
  return { answer: (r) => release(r) };
}

beforeEach(() => {
  host = createFakeHost({ 'bench.getState': () => benchState([line(1, 2, 0), line(2, 1, 0)]) });
  setApi(host.api);
  bench().reset();
  useSessionStore.setState({ session: packer });
});

describe('bench: a scan shown before the host answers', () => {
  const open = () => benchState([coded(line(1, 2, 0), ['6901', 1]), coded(line(2, 1, 0), ['6902', 1])]);

  it('counts an item of the open order at once, and the host\'s matching answer changes nothing on screen', async () => {
    useBenchStore.setState({ state: open() });
    const scan = heldScan();
    const done = bench().scan('6901', 'wedge');
    // Before any answer: the panel says verified for line 1, which shows 1 of 2.
    expect(bench().last).toMatchObject({ outcome: 'verified', detail: { skuCode: 'SKU-1', lineNo: '1', units: '1' } });
    expect(bench().state.lines[0]?.verified).toBe(1);
    const seq = bench().last?.seq;
    const after = benchState([coded(line(1, 2, 1), ['6901', 1]), coded(line(2, 1, 0), ['6902', 1])]);
    scan.answer(scanResult('verified', after, { detail: { barcode: '6901', skuCode: 'SKU-1', units: '1', lineNo: '1' } }));
    await done;
    expect(bench().last?.seq).toBe(seq);
    expect(bench().state).toEqual(after);
  });

  it('replaces the guess with the host\'s verdict when they differ (the order was cancelled meanwhile)', async () => {
    useBenchStore.setState({ state: open() });
    const scan = heldScan();
    const done = bench().scan('6902', 'wedge');
    expect(bench().last?.outcome).toBe('verified');
    const blocked = benchState([coded(line(1, 2, 0), ['6901', 1]), coded(line(2, 1, 0), ['6902', 1])]);
    blocked.order = { ...blocked.order!, blockedReason: msg('blocked.reasons.TRADE_CLOSED') };
    scan.answer(scanResult('blocked', blocked, { detail: { barcode: '6902' } }));
    await done;
    expect(bench().last?.outcome).toBe('blocked');
    expect(bench().state.lines.map((l) => l.verified)).toEqual([0, 0]);
  });

  it('takes the guess back when the call fails, and asks the host for its state', async () => {
    useBenchStore.setState({ state: open() });
    const scan = heldScan();
    const done = bench().scan('6901', 'wedge');
    expect(bench().state.lines[0]?.verified).toBe(1);
    scan.answer(new AppError('INTERNAL', { key: 'rpc.internal', params: { ref: 'x' } }));
    await done;
    await settle();
    expect(bench().last?.outcome).toBe('error');
    expect(bench().state.lines[0]?.verified).toBe(0);
    expect(host.callsOf('bench.getState')).toHaveLength(1);
  });

  it('leaves to the host what only the host may decide', async () => {
    const cases: [string, () => void, string][] = [
      ['the last unit (it ships)', () => useBenchStore.setState({ state: benchState([coded(line(1, 1, 0), ['6901', 1])]) }), '6901'],
      ['a case pack worth more than the line needs', () => useBenchStore.setState({ state: benchState([coded(line(1, 2, 0), ['6901C', 12]), line(2, 1)]) }), '6901C'],
      ['a barcode of no line', () => useBenchStore.setState({ state: open() }), '6999'],
      ['a blocked order', () => {
        const s = open();
        s.order = { ...s.order!, blockedReason: msg('blocked.alreadyShipped') };
        useBenchStore.setState({ state: s });
      }, '6901'],
      ['nobody logged in', () => {
        useBenchStore.setState({ state: open() });
        useSessionStore.setState({ session: nobody });
      }, '6901'],
      ['a command', () => useBenchStore.setState({ state: open() }), 'PD:NEXT'],
    ];
    for (const [what, arrange, code] of cases) {
      bench().reset();
      useSessionStore.setState({ session: packer });
      arrange();
      const scan = heldScan();
      const done = bench().scan(code, 'wedge');
      expect(bench().last, what).toBeNull();
      scan.answer(scanResult('wrong_item', bench().state));
      await done;
      expect(bench().last?.outcome, what).toBe('wrong_item');
    }
  });

  it('guesses no second scan while the first is unanswered', async () => {
    useBenchStore.setState({ state: open() });
    const scan = heldScan();
    const first = bench().scan('6901', 'wedge');
    const seq = bench().last?.seq;
    const second = bench().scan('6901', 'wedge');
    expect(bench().last?.seq).toBe(seq);
    expect(bench().state.lines[0]?.verified).toBe(1);
    scan.answer(scanResult('verified', benchState([coded(line(1, 2, 2), ['6901', 1]), coded(line(2, 1, 0), ['6902', 1])]), { detail: { barcode: '6901', skuCode: 'SKU-1', units: '1', lineNo: '1' } }));
    await Promise.all([first, second]);
    expect(bench().state.lines[0]?.verified).toBe(2);
  });
});
