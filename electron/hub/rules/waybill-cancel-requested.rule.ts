import { queueCancel } from '../waybills/hub-waybills.repo';
import type { Rule } from './rule-context';

/**
 * A bench voided a parcel (or a supervisor gave up a number): when the hub fetched that number
 * from a provider, the cancel is queued, due now, for the hub's cancel worker (the push route kicks
 * it once the push commits). The op stays in the log either way: every bench applies it, and a
 * number a station fetched with its own account is that station's to cancel.
 */
export const waybillCancelRequested: Rule<'waybill.cancel-requested'> = async ({ w }, payload) => {
  await queueCancel(w.trx, payload.trackingNo, w.now);
};
