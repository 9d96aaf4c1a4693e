import { describe, expect, it } from 'vitest';
import type { BenchState } from '#shared/contract/bench.contract';
import type { LabelPrinted } from '#shared/contract/events.contract';
import type { Contract, Events } from '#shared/contract/index';
import { createRpcClient } from '#shared/rpc/client';
import { createMemoryTransportPair } from '#shared/rpc/memory-transport';
import type { RpcMessage, Transport } from '#shared/rpc/protocol';
import type { Host } from '../../electron/host/create-host';
import { barcodeOf } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

/** A window on the station: its api, every request it sent, and every event it received. */
function openWindow(host: Host) {
  const [client, server] = createMemoryTransportPair();
  const sent: string[] = [];
  const counting: Transport = {
    send: (m: RpcMessage) => {
      if (m.t === 'req') sent.push(m.method);
      client.send(m);
    },
    onMessage: (listener) => client.onMessage(listener),
  };
  host.server.attach(server);
  const api = createRpcClient<Contract, Events>(counting);
  const benchEvents: BenchState[] = [];
  const printed: LabelPrinted[] = [];
  api.on('bench.changed', (s) => benchEvents.push(s));
  api.on('labels.printed', (e) => printed.push(e));
  return { api, sent, benchEvents, printed };
}

/** Lets queued deliveries and the print job (started on the next turn) run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Waits for the print to be told (it renders and writes on its own time; a busy machine is slow, never wrong). */
async function until(done: () => boolean) {
  const giveUp = Date.now() + 20_000;
  while (!done() && Date.now() < giveUp) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
}

describe('a scan answers with the bench state once', () => {
  it('the scanning window gets the state only in its answers; another window follows by events; the label comes pushed', async () => {
    const { host, generated } = await stationWithOrders(20);
    const order = generated.orders.find(shippable)!;
    const a = openWindow(host);
    const b = openWindow(host);
    await a.api.call('session.login', { pin: '0000' });
    await turn();
    a.benchEvents.length = 0;
    b.benchEvents.length = 0;

    const codes = [order.externalId, ...order.lines.flatMap((l) => Array.from({ length: l.qty }, () => barcodeOf(l.skuCode!)))];
    let last = null;
    for (const [i, code] of codes.entries()) {
      last = await a.api.call('bench.scan', { code, source: 'wedge' });
      await turn();
      // Not sent back to the window that asked (it would apply the same state twice)…
      expect(a.benchEvents).toEqual([]);
      // …and sent once to the other window, the same state as the answer.
      expect(b.benchEvents).toHaveLength(i + 1);
      expect(b.benchEvents.at(-1)).toEqual(last.state);
    }
    expect(last?.outcome).toBe('completed');
    expect(last?.shipment?.printedAt).toBeNull();

    // The print runs after the answer and tells every window, with the label as rendered: the
    // scanning window needs no second request for its preview.
    await until(() => a.printed.length === 1 && b.printed.length === 1);
    expect(a.printed[0]).toMatchObject({ shipmentId: last!.shipment!.id, ok: true, message: null });
    expect(Buffer.from(a.printed[0]!.preview!.pngBase64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(a.sent).toEqual(['session.login', ...codes.map(() => 'bench.scan')]);

    // Printing changed the bench (printedAt): that is news for every window, the scanning one too.
    await until(() => a.benchEvents.length === 1);
    expect(a.benchEvents[0]!.shipments[0]!.printedAt).not.toBeNull();
    expect(b.benchEvents).toHaveLength(codes.length + 1);
    host.close();
  });

  it('a change the bench did not ask for (an import) reaches every window', async () => {
    const { host, generated } = await stationWithOrders(10);
    const a = openWindow(host);
    const b = openWindow(host);
    await a.api.call('session.login', { pin: '0000' });
    await a.api.call('bench.scan', { code: generated.orders[0]!.externalId, source: 'wedge' });
    await turn();
    a.benchEvents.length = 0;
    b.benchEvents.length = 0;
    await a.api.call('orders.import', {
      files: [
        { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
        { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
      ],
    });
    await turn();
    expect(a.benchEvents).toHaveLength(1);
    expect(b.benchEvents).toHaveLength(1);
    host.close();
  });
});
