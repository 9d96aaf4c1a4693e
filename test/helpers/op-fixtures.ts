import type { OpPayload, OpType } from '#shared/ops/index';

/**
 * Valid payloads of every station op, as the station code writes them, for tests that talk to the
 * hub directly. Each takes overrides; ids default to readable test values.
 */
const AT = '2026-11-26T08:00:00.000Z';
let n = 0;
const next = () => `${++n}`;

export const orderPayload = (externalId: string, over: Partial<OpPayload<'order.imported'>> = {}): OpPayload<'order.imported'> => ({
  id: `taobao:${externalId}`, platform: 'taobao', externalId, platformStatus: 'WAIT_SELLER_SEND_GOODS', buyerNick: 'buyer',
  receiver: { name: '张三', mobile: '13800000000', phone: '', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号', zip: '' },
  buyerMessage: '', sellerMemo: '', paidFen: 100, postageFen: 0, createdAt: null, paidAt: null, shipDeadline: null, carrierName: '', trackingNo: '',
  lines: [{ lineNo: 1, subOrderId: null, skuCode: 'SKU-1', title: 't', props: null, qty: 1, priceFen: 100, refundStatus: null }],
  ...over,
});

export const fixtures = {
  'order.imported': (over: Partial<OpPayload<'order.imported'>> = {}) => orderPayload(`9${next().padStart(6, '0')}`, over),
  'order.claimed': (over: Partial<OpPayload<'order.claimed'>> = {}) => ({ orderId: 'taobao:1000001', claimId: `claim-${next()}`, ...over }),
  'order.reopened': (over: Partial<OpPayload<'order.reopened'>> = {}) => ({ orderId: 'taobao:1000001', reason: 'wrong item', ...over }),
  'scan.recorded': (over: Partial<OpPayload<'scan.recorded'>> = {}) => ({
    id: `scan-${next()}`, orderId: null, packerId: 'u-packer', code: '6901234567890', outcome: 'not_found' as const, skuCode: null, lineNo: null, units: 0, at: AT,
    ...over,
  }),
  'shipment.created': (over: Partial<OpPayload<'shipment.created'>> = {}) => {
    const id = over.id ?? `sh-${next()}`;
    return {
      id, orderId: 'taobao:1000001', carrierCode: 'YTO', trackingNo: `YT${String(7_400_000_000_000 + n)}`, parcelNo: 1, parcelCount: 1, weightG: null,
      partial: false, packerId: 'u-packer', at: AT, groupId: id, orderExternalId: '1000001', reship: null, ...over,
    };
  },
  'shipment.printed': (over: Partial<OpPayload<'shipment.printed'>> = {}) => ({ id: 'sh-1', at: AT, ...over }),
  'shipment.exported': (over: Partial<OpPayload<'shipment.exported'>> = {}) => ({ ids: ['s-1'], at: AT, ...over }),
  'order.released': (over: Partial<OpPayload<'order.released'>> = {}) => ({ orderId: 'taobao:1000001', shipmentIds: ['sh-1'], reason: '买家撤销退款', at: AT, ...over }),
  'shipment.voided': (over: Partial<OpPayload<'shipment.voided'>> = {}) => ({ id: 'sh-1', reason: 'printer jam', reasonCode: 'other' as const, at: AT, ...over }),
  'stock.delta': (over: Partial<OpPayload<'stock.delta'>> = {}) => ({
    id: `d-${next()}`, skuCode: 'SKU-1', delta: 5, cause: 'adjust' as const, ref: null, note: 'received', bucket: 'sellable' as const,
    // Only an adjustment or a disposal says why as a kind.
    kind: over.cause === undefined || over.cause === 'adjust' ? ('other' as const) : over.cause === 'dispose' ? ('discarded' as const) : null,
    ...over,
  }),
  'stock.counted': (over: Partial<OpPayload<'stock.counted'>> = {}) => ({ id: `count-${next()}`, skuCode: 'SKU-1', countedQty: 10, knownQty: 10, ...over }),
  'sku.saved': (over: Partial<OpPayload<'sku.saved'>> = {}) => ({ code: 'SKU-1', name: '商品', weightG: null, location: '', barcodes: [], seenHubSeq: 0, safetyStock: null, ...over }),
  'order.line-bound': (over: Partial<OpPayload<'order.line-bound'>> = {}) => ({ orderId: 'taobao:1000001', lineNo: 1, skuCode: 'SKU-1', ...over }),
  'barcode.bound': (over: Partial<OpPayload<'barcode.bound'>> = {}) => ({ barcode: '6901234567890', skuCode: 'SKU-1', units: 1, seenHubSeq: 0, ...over }),
  'waybill.pooled': (over: Partial<OpPayload<'waybill.pooled'>> = {}) => ({ carrierCode: 'YTO', numbers: ['YT1000000000001'], source: 'import' as const, ...over }),
  'audit.recorded': (over: Partial<OpPayload<'audit.recorded'>> = {}) => ({
    id: `audit-${next()}`, at: AT, userId: 'u-packer', authorizerId: null, action: 'bench.forceVerify', target: 'taobao:1000001', detail: {}, ...over,
  }),
  'damage.reported': (over: Partial<OpPayload<'damage.reported'>> = {}) => ({
    id: `dmg-${next()}`, orderId: null, shipmentId: null, skuCode: 'SKU-1', qty: 1, reason: 'broken' as const, source: 'shelf' as const, note: 'box crushed',
    weightG: null, photoHashes: [], returnId: null, ...over,
  }),
  'damage.decided': (over: Partial<OpPayload<'damage.decided'>> = {}) => ({
    id: `dec-${next()}`, reportId: 'dmg-1', decision: 'write-off' as const, note: '', seenHubSeq: 0, amountFen: null, carrierCode: null, trackingNo: null, ...over,
  }),
  'flag.resolved': (over: Partial<OpPayload<'flag.resolved'>> = {}) => ({ flagId: 'f-1', resolution: 'checked', ...over }),
  'user.saved': (over: Partial<OpPayload<'user.saved'>> = {}) => ({
    id: `user-${next()}`, name: '小王', role: 'packer' as const, pinHash: null, badgeHash: null, active: true, benchOf: null, seenHubSeq: 0, ...over,
  }),
  'claim.settled': (over: Partial<OpPayload<'claim.settled'>> = {}) => ({
    id: `settle-${next()}`, claimId: 'dmg-1', outcome: 'paid' as const, paidFen: 1250, note: '', seenHubSeq: 0, ...over,
  }),
  'carrier.rules-saved': (over: Partial<OpPayload<'carrier.rules-saved'>> = {}) => ({ rules: [], defaultCarrier: 'YTO', seenHubSeq: 0, ...over }),
  'return.received': (over: Partial<OpPayload<'return.received'>> = {}) => ({
    id: `ret-${next()}`, orderId: 'taobao:1000001', shipmentId: null, trackingNo: 'YT7400000000001',
    items: [{ skuCode: 'SKU-1', qty: 1, condition: 'good' as const, reason: null }], photoHashes: [], note: '', confirmed: false, ...over,
  }),
  'bench.exception': (over: Partial<OpPayload<'bench.exception'>> = {}) => ({
    id: `exc-${next()}`, kind: 'print.failed' as const, state: 'open' as const, orderId: 'taobao:1000001', trackingNo: 'YT7400000000001', ref: `job-${n}`,
    message: { key: 'printQueue.faultAfter' as const, params: { reason: 'paper out' } }, at: AT, ...over,
  }),
  'inbox.resolved': (over: Partial<OpPayload<'inbox.resolved'>> = {}) => ({ key: 'deadline:taobao:1000001', kind: 'deadline-risk' as const, note: 'carrier called', ...over }),
  'inbox.settings-saved': (over: Partial<OpPayload<'inbox.settings-saved'>> = {}) => ({ deadlineRiskHours: 6, poolLowFree: 300, pickupTime: '16:00', noPickupHours: 24, stalledHours: 48, seenHubSeq: 0, ...over }),
  'tracking.updated': (over: Partial<OpPayload<'tracking.updated'>> = {}) => ({
    id: `trk-${next()}`, carrierCode: 'YTO', trackingNo: 'YT7400000000001', source: 'csv' as const, state: 'accepted' as const,
    events: [{ at: AT, state: 'accepted' as const, text: '快件已揽收', city: '杭州市' }], destCity: '上海市', reportedCarrier: null, at: AT, ...over,
  }),
  'handover.opened': (over: Partial<OpPayload<'handover.opened'>> = {}) => ({ id: `ho-${next()}`, carrierCode: 'YTO', ...over }),
  'handover.scanned': (over: Partial<OpPayload<'handover.scanned'>> = {}) => ({
    id: `hs-${next()}`, handoverId: 'ho-1', code: 'YT7400000000001', shipmentId: null, outcome: 'unexpected-unknown' as const, ...over,
  }),
  'handover.closed': (over: Partial<OpPayload<'handover.closed'>> = {}) => ({
    handoverId: 'ho-1', courierName: '张师傅', signatureHash: 'a'.repeat(64), photoHashes: [], accepted: [], missing: [], intercepted: [], ...over,
  }),
  'handover.abandoned': (over: Partial<OpPayload<'handover.abandoned'>> = {}) => ({ handoverId: 'ho-1', reason: 'wrong-carrier' as const, note: '', parcels: 0, ...over }),
  'waybill.issued': (over: Partial<OpPayload<'waybill.issued'>> = {}) => ({
    orderId: 'taobao:1000001', requestKey: 'taobao_1000001', provider: 'kuaidi100' as const, carrierCode: 'YTO', trackingNo: `YT88${String(next()).padStart(9, '0')}`,
    childNumbers: [], childPrintData: [], routing: { sortCode: '300-A01 12', routeCode: '沪西', hubCode: '021', hubName: '上海转运中心', originCode: null, destinationCode: null },
    printData: null, templateSize: '76x130', providerRef: null, issuer: 'station' as const, at: AT, ...over,
  }),
  'waybill.cancel-requested': (over: Partial<OpPayload<'waybill.cancel-requested'>> = {}) => ({ trackingNo: 'YT8800000000001', reason: 'voided' as const, at: AT, ...over }),
  'waybill.printed': (over: Partial<OpPayload<'waybill.printed'>> = {}) => ({ numbers: ['YT8800000000001'], at: AT, ...over }),
  'waybill.cancelled': (over: Partial<OpPayload<'waybill.cancelled'>> = {}) => ({ trackingNo: 'YT8800000000001', outcome: 'cancelled' as const, issuer: 'station' as const, at: AT, ...over }),
} satisfies { [T in Exclude<OpType, 'waybill.leased' | 'waybill.retired' | 'flag.raised'>]: (over?: Partial<OpPayload<T>>) => OpPayload<T> };

/** A test op for hubStation.push: the type and a valid payload with the given overrides. */
export function op<T extends keyof typeof fixtures>(type: T, over: Partial<OpPayload<T>> = {}, extra: { version?: number; opId?: string; authorizedBy?: string } = {}) {
  return { type, payload: (fixtures[type] as unknown as (o: Partial<OpPayload<T>>) => OpPayload<T>)(over), ...extra };
}
