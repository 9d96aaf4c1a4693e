import type { BenchLine, BenchState, ScanOutcome, ScanResult } from '#shared/contract/bench.contract';
import type { Session } from '#shared/contract/session.contract';
import type { Shipment } from '#shared/contract/shipments.contract';

export const packer: Session = { user: { id: 'u1', name: '小王', role: 'packer', hasBadge: true, active: true }, locked: false, defaultPinInUse: false };
export const supervisor: Session = { user: { id: 'u2', name: '李主管', role: 'supervisor', hasBadge: true, active: true }, locked: false, defaultPinInUse: false };
export const nobody: Session = { user: null, locked: false, defaultPinInUse: true };

export function line(lineNo: number, qty: number, verified = 0, sku = `SKU-${lineNo}`): BenchLine {
  return { lineNo, skuCode: sku, title: `商品${lineNo}`, props: '颜色:红', location: `A-0${lineNo}`, qty, verified, forced: false };
}

export function benchState(lines: BenchLine[] = [line(1, 2), line(2, 1)], extra: Partial<BenchState> = {}): BenchState {
  return {
    order: {
      id: 'o1',
      externalId: '3921876543210987654',
      platformStatus: 'WAIT_SELLER_SEND_GOODS',
      buyerNick: 'tb_buyer',
      receiverName: '张三',
      province: '浙江省',
      city: '杭州市',
      buyerMessage: '请不要放发票',
      sellerMemo: '送小样',
      shipDeadline: '2030-01-01T00:00:00.000Z',
      blockedReason: null,
    },
    lines,
    complete: lines.every((l) => l.verified >= l.qty),
    shipments: [],
    expectedWeightG: 650,
    ...extra,
  };
}

export const emptyState: BenchState = { order: null, lines: [], complete: false, shipments: [], expectedWeightG: null };

export function shipment(extra: Partial<Shipment> = {}): Shipment {
  return {
    id: 's1',
    orderId: 'o1',
    orderExternalId: '3921876543210987654',
    carrierCode: 'SF',
    carrierName: '顺丰速运',
    trackingNo: 'SF1400000000001',
    parcelNo: 1,
    parcelCount: 1,
    weightG: 700,
    packerName: '小王',
    createdAt: '2025-01-01T00:00:00.000Z',
    printedAt: '2025-01-01T00:00:01.000Z',
    printCount: 1,
    voidedAt: null,
    voidReason: null,
    trackingWarning: null,
    exportedAt: null,
    ...extra,
  };
}

export function scanResult(outcome: ScanOutcome, state: BenchState, extra: Partial<ScanResult> = {}): ScanResult {
  return { scanId: 'scan-1', outcome, detail: {}, state, shipment: null, print: null, warnings: [], ...extra };
}
