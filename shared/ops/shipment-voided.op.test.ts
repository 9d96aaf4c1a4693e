import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shipmentsContract } from '../contract/shipments.contract';
import { voidHolds } from '../domain/void-hold';
import { readOp, type OpPayload } from './index';
import { shipmentVoidedOp, voidReasonCodes } from './shipment-voided.op';

const AT = '2026-12-07T08:00:00.000Z';
const v1 = (reason: string) => ({ id: 'sh-1', reason, at: AT });
const payloadOf = (version: number, payload: unknown) => {
  const r = readOp('shipment.voided', version, payload);
  if (r.kind !== 'known') throw new Error(`not read: ${JSON.stringify(r)}`);
  return r.payload as OpPayload<'shipment.voided'>;
};
const voidInput = shipmentsContract['shipments.void'].input;

describe('shipment.voided v2: the reason\'s code', () => {
  it('carries the chip chosen beside the words; a v2 without a code, or with one it does not know, is refused', () => {
    expect(shipmentVoidedOp.version).toBe(2);
    for (const reasonCode of voidReasonCodes) expect(payloadOf(2, { ...v1('面单打错'), reasonCode })).toEqual({ ...v1('面单打错'), reasonCode });
    expect(readOp('shipment.voided', 2, v1('面单打错')).kind).toBe('invalid');
    expect(readOp('shipment.voided', 2, { ...v1('面单打错'), reasonCode: 'refund' }).kind).toBe('invalid');
    expect(readOp('shipment.voided', 3, { ...v1('面单打错'), reasonCode: 'other' }).kind).toBe('unknown');
  });

  it('reads a v1 void\'s code from its words as v1 benches did, so it holds the orders it held', () => {
    const codeOf = (reason: string) => payloadOf(1, v1(reason)).reasonCode;
    for (const r of ['订单取消/退款', ' Order cancelled or refunded ', '订单取消/退款：买家拍错', 'Order cancelled or refunded - buyer asked']) expect(codeOf(r)).toBe('cancelled');
    expect([codeOf('面单打印错误'), codeOf('Changed carrier'), codeOf('地址有误')]).toEqual(['misprint', 'carrier', 'address']);
    for (const r of ['退款', '订单取消/退款了吗', '买家说订单取消/退款', '面单打印错误，重打']) expect(codeOf(r)).toBe('other');
    // A v1 that smuggles a code is read by its words, as v1 said.
    expect(payloadOf(1, { ...v1('面单打印错误'), reasonCode: 'cancelled' }).reasonCode).toBe('misprint');
  });

  it('holds by the code alone: the chip\'s words typed without the chip do not hold', () => {
    expect(voidHolds(payloadOf(2, { ...v1('buyer refunded'), reasonCode: 'cancelled' }).reasonCode)).toBe(true);
    // Typed words only: the dialog told the supervisor the order ships again (its lead follows the code).
    expect(voidHolds(payloadOf(2, { ...v1('订单取消/退款'), reasonCode: 'other' }).reasonCode)).toBe(false);
  });

  it('hostile payloads at either version: never a crash, and whatever is read has a known code', () => {
    const hostile = fc.oneof(fc.anything(), fc.string({ maxLength: 300 }), fc.constantFrom(null, '', 'cancelled', '订单取消/退款', [], {}));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.constantFrom('reason', 'reasonCode', 'id', 'extra'), hostile, (version, field, value) => {
        const payload: Record<string, unknown> = { ...v1('订单取消/退款'), reasonCode: 'cancelled', [field]: value };
        if (version === 1) delete payload['reasonCode'];
        const r = readOp('shipment.voided', version, payload);
        expect(r.kind).not.toBe('unknown');
        if (r.kind === 'known') expect(voidReasonCodes).toContain((r.payload as OpPayload<'shipment.voided'>).reasonCode);
      }),
      { numRuns: 500 },
    );
  });

  it('the RPC takes a known code (none: other) and nothing else', () => {
    expect(voidInput.parse({ id: 'sh-1', reason: '订单取消/退款' })).toEqual({ id: 'sh-1', reason: '订单取消/退款', reasonCode: 'other' });
    expect(voidInput.parse({ id: 'sh-1', reason: '订单取消/退款', reasonCode: 'cancelled', authorizerPin: '5678' })).toMatchObject({ reasonCode: 'cancelled' });
    for (const bad of [{ reasonCode: 'refund' }, { reasonCode: null }, { holds: true }, { id: '' }])
      expect(voidInput.safeParse({ id: 'sh-1', reason: '订单取消/退款', ...bad }).success).toBe(false);
  });
});
