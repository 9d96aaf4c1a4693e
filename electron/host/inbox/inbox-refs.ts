import { decodeMessage } from '#shared/i18n/message';
import type { Db } from '../db/open-database';

/**
 * What a closed inbox row, a damage decision or a claim was about, as people find it: the order's
 * platform number, the SKU, the tracking number (and the carrier, for a pool). Each is null when
 * this bench does not know it.
 */
export type ReadableRef = { orderExternalId: string | null; skuCode: string | null; trackingNo: string | null; carrierCode: string | null };

const nothing: ReadableRef = { orderExternalId: null, skuCode: null, trackingNo: null, carrierCode: null };
/** Orders are kept as platform:number; people know the number. */
const orderNumber = (orderId: string) => orderId.slice(orderId.indexOf(':') + 1);

/** "3921876543210987654 · SKU-A · YT7400000000001"; the carrier when there is nothing else; else the id it was stored as. */
export function refText(ref: ReadableRef, id: string): string {
  const parts = [ref.orderExternalId, ref.skuCode, ref.trackingNo].filter((p): p is string => p !== null && p !== '');
  return parts.length > 0 ? parts.join(' · ') : (ref.carrierCode ?? id);
}

/**
 * Looks up the readable reference behind a stored id: an inbox row's key (the key says its source:
 * 'audit:<id>', 'exception:<id>', 'deadline:<order>', 'stop:<order>', 'tracking:<what>:<parcel>',
 * 'handover-…:<parcel>', 'waybill-fetch:<order>:<at>', 'waybill-cancel:<number>', 'pool:<carrier>',
 * 'negative:<sku>', 'low:<sku>', 'flag:<id>'), a damage report (its decisions and claim), a flag.
 */
export function createInboxRefs(db: Db) {
  // The order's live parcel, newest first: what a supervisor looks it up by once it left.
  const parcelOf = `(SELECT s.tracking_no FROM shipments s WHERE s.order_id = o.id AND s.voided_at IS NULL ORDER BY s.created_at DESC LIMIT 1)`;
  const q = {
    order: db.prepare(`SELECT o.external_id, ${parcelOf} AS tracking_no FROM orders o WHERE o.id = ?`),
    shipment: db.prepare('SELECT order_id, tracking_no, carrier_code FROM shipments WHERE id = ?'),
    // A forced line names no SKU in its detail: the order's line does.
    audit: db.prepare(`SELECT action, target, coalesce(json_extract(detail, '$.skuCode'),
        (SELECT l.sku_code FROM order_lines l WHERE l.order_id = target AND l.line_no = json_extract(detail, '$.lineNo'))) AS sku_code
      FROM (SELECT action, target, CASE WHEN json_valid(detail) THEN detail END AS detail FROM audit_log WHERE id = ?)`),
    exception: db.prepare('SELECT order_id, tracking_no FROM bench_exceptions WHERE id = ?'),
    waybill: db.prepare('SELECT order_id, carrier_code FROM provider_waybills WHERE tracking_no = ?'),
    // A return no order matched is known by the number it was scanned by.
    report: db.prepare(`SELECT r.order_id, r.sku_code, coalesce(s.tracking_no,
        (SELECT d.tracking_no FROM damage_decisions d WHERE d.report_id = r.id AND d.tracking_no IS NOT NULL ORDER BY d.rowid DESC LIMIT 1),
        (SELECT t.tracking_no FROM returns t WHERE t.id = r.return_id AND t.order_id IS NULL)) AS tracking_no
      FROM damage_reports r LEFT JOIN shipments s ON s.id = r.shipment_id WHERE r.id = ?`),
    flag: db.prepare('SELECT kind, order_id, detail FROM flags WHERE flag_id = ?'),
    // Every parcel of the order, the voided too: a double shipment is about both, also once one is voided.
    parcels: db.prepare(`SELECT group_concat(tracking_no, ' / ') FROM (SELECT tracking_no FROM shipments WHERE order_id = ?
      ORDER BY created_at, parcel_no LIMIT 5)`).pluck(),
    settlement: db.prepare('SELECT claim_id FROM claim_settlements WHERE settled_at = ? AND station_id IS ? ORDER BY rowid LIMIT 1').pluck(),
  };

  /** An order by its id, with its live parcel; a tracking number or SKU already known wins. */
  function order(orderId: string | null, known: Partial<ReadableRef> = {}): ReadableRef {
    const row = orderId === null ? undefined : (q.order.get(orderId) as { external_id: string; tracking_no: string | null } | undefined);
    return {
      orderExternalId: row?.external_id ?? (orderId === null ? null : orderNumber(orderId)),
      skuCode: known.skuCode ?? null,
      trackingNo: known.trackingNo ?? row?.tracking_no ?? null,
      carrierCode: known.carrierCode ?? null,
    };
  }
  function shipment(id: string): ReadableRef {
    const s = q.shipment.get(id) as { order_id: string; tracking_no: string; carrier_code: string } | undefined;
    return s ? order(s.order_id, { trackingNo: s.tracking_no, carrierCode: s.carrier_code }) : nothing;
  }
  function report(id: string): ReadableRef {
    const r = q.report.get(id) as { order_id: string | null; sku_code: string; tracking_no: string | null } | undefined;
    return r ? order(r.order_id, { skuCode: r.sku_code, trackingNo: r.tracking_no }) : nothing;
  }
  function flag(id: string): ReadableRef {
    const f = q.flag.get(id) as { kind: string; order_id: string | null; detail: string } | undefined;
    if (!f) return nothing;
    const sku = decodeMessage(f.detail).params?.['sku'];
    const both = f.kind === 'ship.double' && f.order_id !== null ? ((q.parcels.get(f.order_id) as string | null) ?? null) : null;
    return order(f.order_id, { skuCode: typeof sku === 'string' ? sku : null, ...(both ? { trackingNo: both } : {}) });
  }
  function key(k: string): ReadableRef {
    const colon = k.indexOf(':');
    const source = k.slice(0, colon);
    const rest = k.slice(colon + 1);
    switch (source) {
      case 'audit': {
        const a = q.audit.get(rest) as { action: string; target: string; sku_code: string | null } | undefined;
        if (!a) return nothing;
        // A barcode bound in the catalog names no order: its target is the barcode.
        return a.action === 'catalog.bindBarcode' ? { ...nothing, skuCode: a.sku_code } : order(a.target, { skuCode: a.sku_code });
      }
      case 'exception': {
        const e = q.exception.get(rest) as { order_id: string | null; tracking_no: string | null } | undefined;
        return e ? order(e.order_id, { trackingNo: e.tracking_no }) : nothing;
      }
      case 'deadline':
      case 'stop':
        return order(rest);
      case 'tracking':
      case 'handover-missing':
      case 'handover-intercepted':
        return shipment(rest.slice(rest.lastIndexOf(':') + 1));
      case 'waybill-fetch': {
        // 'waybill-fetch:<platform:number>:<ISO time>': the time has colons of its own.
        const at = /:\d{4}-\d{2}-\d{2}T[^:]*:.*$/.exec(rest);
        return order(at ? rest.slice(0, at.index) : rest);
      }
      case 'waybill-cancel': {
        const w = q.waybill.get(rest) as { order_id: string; carrier_code: string } | undefined;
        return w ? order(w.order_id, { trackingNo: rest, carrierCode: w.carrier_code }) : { ...nothing, trackingNo: rest };
      }
      case 'pool':
        return { ...nothing, carrierCode: rest };
      case 'negative':
      case 'low':
        return { ...nothing, skuCode: rest };
      case 'damage':
        return report(rest);
      case 'flag':
        return flag(rest);
      default:
        return nothing;
    }
  }
  return {
    key,
    report,
    flag,
    /** The claim a settlement recorded at `at` by `stationId` settled (settlements audited before their target was kept). */
    settledClaim: (at: string, stationId: string | null) => (q.settlement.get(at, stationId) as string | undefined) ?? null,
  };
}
export type InboxRefs = ReturnType<typeof createInboxRefs>;
