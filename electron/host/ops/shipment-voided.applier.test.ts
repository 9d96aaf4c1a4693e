import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '#shared/contract/hub.contract';
import { currentOpVersion, type OpType } from '#shared/ops/index';
import { orderPayload } from '../../../test/helpers/op-fixtures';
import { createTempHost } from '../../../test/host/temp-host';

const AT = '2026-12-07T08:00:00.000Z';
let seq = 0;
const entry = (type: OpType, payload: unknown, version = currentOpVersion(type)): LogEntry => ({
  hubSeq: ++seq, opId: `op-${seq}`, stationId: 'station-b', stationSeq: seq, type, version, payload, outcome: 'accepted', reason: null,
  createdAt: AT, userId: null, authorizedBy: 'u-sup',
});

/**
 * A void pulled from another bench holds its order (禁止发货) by the code it carries, whatever its
 * words say; a v1 void, from a bench on an older build or in a restored log, by its words as v1
 * benches read them, so the orders it held stay held.
 */
describe('the shipment.voided applier', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  const voided = (version: number, payload: Record<string, unknown>) => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    const n = ++seq;
    const id = `sh-${n}`;
    const order = orderPayload(`70000${n}`);
    const entries = [
      entry('order.imported', order),
      entry('shipment.created', {
        id, orderId: order.id, carrierCode: 'YTO', trackingNo: `YT74000000${String(n).padStart(5, '0')}`, parcelNo: 1, parcelCount: 1, partial: false,
        at: AT, weightG: null, packerId: 'u-1', groupId: id, orderExternalId: order.externalId,
      }, 1),
      entry('shipment.voided', { id, at: AT, ...payload }, version),
    ];
    host.context.sync.applier.applyPage(entries, entries.at(-1)!.hubSeq);
    expect(host.context.sync.applier.parkedCount()).toBe(0);
    return host.context.ordersRepo.get(order.id)?.blockedReason?.key ?? null;
  };

  it('a v2 void with the 订单取消/退款 code holds its order, whatever words came with it', () => {
    expect(voided(2, { reason: '买家拍错了，退款', reasonCode: 'cancelled' })).toBe('blocked.voidHold');
    expect(voided(2, { reason: 'Label misprinted', reasonCode: 'misprint' })).toBeNull();
  });

  it('a v1 void is upcast from its words: the chip in either language, alone or with words after a separator, holds', () => {
    expect(voided(1, { reason: '订单取消/退款：买家拍错' })).toBe('blocked.voidHold');
    expect(voided(1, { reason: 'Order cancelled or refunded' })).toBe('blocked.voidHold');
    expect(voided(1, { reason: '面单打印错误' })).toBeNull();
  });

  it('a v2 void whose words only begin with the chip\'s, typed without choosing it, does not hold', () => {
    // The supervisor saw "ships again with a new number" in the dialog before confirming (its lead
    // follows the code): reading the words again here would hold an order the dialog said would ship.
    expect(voided(2, { reason: '订单取消/退款：买家拍错', reasonCode: 'other' })).toBeNull();
  });
});
