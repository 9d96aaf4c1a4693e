import type { BenchLine, BenchState, BenchOutcome, ScanResult } from '#shared/contract/bench.contract';
import type { Session } from '#shared/contract/session.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import type { Flag, SyncStatus } from '#shared/contract/sync.contract';

export const packer: Session = { user: { id: 'u1', name: '小王', role: 'packer', hasBadge: true, active: true }, locked: false, defaultPinInUse: false, endedBy: null };
export const supervisor: Session = { user: { id: 'u2', name: '李主管', role: 'supervisor', hasBadge: true, active: true }, locked: false, defaultPinInUse: false, endedBy: null };
export const admin: Session = { user: { id: 'u3', name: '老板', role: 'admin', hasBadge: false, active: true }, locked: false, defaultPinInUse: false, endedBy: null };
export const nobody: Session = { user: null, locked: false, defaultPinInUse: true, endedBy: null };

export function line(lineNo: number, qty: number, verified = 0, sku = `SKU-${lineNo}`): BenchLine {
  return { lineNo, skuCode: sku, title: `商品${lineNo}`, props: '颜色:红', location: `A-0${lineNo}`, qty, verified, forced: false, image: null };
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
      reship: null,
      autoCarrier: null,
    },
    lines,
    complete: lines.every((l) => l.verified >= l.qty),
    shipments: [],
    expectedWeightG: 650,
    weighing: null,
    ...extra,
  };
}

export const emptyState: BenchState = { order: null, lines: [], complete: false, shipments: [], expectedWeightG: null, weighing: null };

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
    tracking: null,
    exportedAt: null,
    handedOverAt: null,
    handover: null,
    reship: null,
    ...extra,
  };
}

export function scanResult(outcome: BenchOutcome, state: BenchState, extra: Partial<ScanResult> = {}): ScanResult {
  return { scanId: 'scan-1', outcome, detail: {}, state, shipment: null, print: null, warnings: [], ...extra };
}

/** A paired, online station with nothing waiting. */
export function syncStatus(extra: Partial<SyncStatus> = {}): SyncStatus {
  return {
    stationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    paired: true,
    hubUrl: 'https://192.168.1.10:5180',
    hubFingerprint: '3f2a9c1b77e0d4c58a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70',
    stationName: '打包台 1',
    role: 'packer',
    state: 'online',
    stateAt: new Date().toISOString(),
    pendingOps: 0,
    lastSyncAt: new Date().toISOString(),
    lastError: null,
    clockOffsetMs: 0,
    hubEpoch: '7f3e9c1a-5b2d-4e8f-9a6c-1d2e3f4a5b6c',
    cursor: 120,
    hubHead: 120,
    parkedOps: 0,
    openFlags: 0,
    pendingFiles: 0,
    storageWarning: null,
    ...extra,
  };
}

/** A station working alone: never paired, nothing waiting. */
export const unpairedStatus: SyncStatus = syncStatus({
  paired: false,
  hubUrl: null,
  stationName: null,
  role: null,
  state: 'unpaired',
  stateAt: null,
  lastSyncAt: null,
  clockOffsetMs: null,
  hubEpoch: null,
  cursor: 0,
  hubHead: 0,
});

export function flag(extra: Partial<Flag> = {}): Flag {
  return {
    flagId: 'f1',
    kind: 'ship.double',
    orderId: 'o1',
    orderExternalId: '3921876543210987654',
    stationIds: ['st-a', 'st-b'],
    stationNames: ['打包台 1', '打包台 2'],
    message: { key: 'flagText.shipDouble', params: { order: '3921876543210987654' } },
    raisedAt: '2025-01-01T02:00:00.000Z',
    hubSeq: 42,
    resolution: null,
    resolvedAt: null,
    ...extra,
  };
}
