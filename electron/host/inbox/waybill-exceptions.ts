import type { InboxBench, InboxRow } from '#shared/contract/inbox.contract';
import { carrierNameMessage } from '#shared/domain/carriers';
import { formatBeijing } from '#shared/domain/datetime';
import { isWaybillProvider } from '#shared/domain/e-waybill';
import { decodeMessage, msg } from '#shared/i18n/message';
import { none } from './inbox-rows';
import type { WaybillCancelRow, WaybillFetchRow } from './inbox-sources.repo';

/** A cancel not taken by the provider this long after it was asked is a supervisor's to look at. */
export const CANCEL_STUCK_MS = 60 * 60_000;

const providerName = (p: string) => (isWaybillProvider(p) ? msg(`waybills.provider.${p}`) : p);

/**
 * An order awaiting shipment whose 取号 failed at this bench: it will not get its waybill until
 * someone fixes the reason (an address, the account, the balance) and asks again. Keyed by the
 * failure's time, so a later failure is a new row even after an earlier one was resolved.
 */
export function waybillFetchRow(f: WaybillFetchRow, bench: InboxBench): InboxRow {
  return {
    ...none, key: `waybill-fetch:${f.order_id}:${f.at}`, kind: 'waybill-fetch-failed', closes: 'note', derived: true, severity: 'warn', at: f.at,
    benches: [bench], orderId: f.order_id, orderExternalId: f.external_id, target: 'shipments',
    evidence: msg('inbox.evidence.waybillFetchFailed', { order: f.external_id, provider: providerName(f.provider), attempts: f.attempts, reason: decodeMessage(f.message) }),
  };
}

/** A number whose cancel (取消单号) the provider has not taken for an hour: it may still be billed or reused. */
export function waybillCancelRow(w: WaybillCancelRow): InboxRow {
  const reason = w.cancel_error ? decodeMessage(w.cancel_error) : msg('inbox.evidence.waybillCancelNotTried');
  return {
    ...none, key: `waybill-cancel:${w.tracking_no}`, kind: 'waybill-cancel-stuck', closes: 'note', derived: true, severity: 'warn', at: w.cancel_requested_at,
    orderId: w.order_id, orderExternalId: w.external_id, trackingNo: w.tracking_no, carrierCode: w.carrier_code, target: 'shipments',
    evidence: msg('inbox.evidence.waybillCancelStuck', { carrier: carrierNameMessage(w.carrier_code), trackingNo: w.tracking_no, since: formatBeijing(w.cancel_requested_at), attempts: w.cancel_attempts, reason }),
  };
}
