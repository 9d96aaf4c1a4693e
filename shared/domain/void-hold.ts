import { msg, type Message } from '#shared/i18n/message';
import { legacyVoidReasonCode, type VoidReasonCode } from '#shared/ops/shipment-voided.op';

/**
 * Whether a void holds its order (禁止发货 until 恢复发货): the dialog's 订单取消/退款 chip, carried
 * as the op's code (shipment.voided v2). The words as typed do not decide it, so every station holds
 * the same orders whatever language the voiding bench spoke.
 */
export const voidHolds = (code: VoidReasonCode): boolean => code === 'cancelled';

/**
 * Whether a reason kept before codes (a v1 void, a station's voids from before holds) is the
 * 订单取消/退款 chip's: its text in either language, alone or followed by the supervisor's own words.
 * Read so only for data written before shipment.voided v2 (the upcaster, migration 0028).
 */
export const isCancelVoidReason = (reason: string): boolean => voidHolds(legacyVoidReasonCode(reason));

/** The key of a hold's 禁止发货 reason: a platform's block is never replaced by a hold, nor lifted by a release. */
export const HOLD_KEY = 'blocked.voidHold';

/** What an order held by a 订单取消/退款 void shows as its block reason. */
export const holdMessage = (trackingNo: string): Message => msg(HOLD_KEY, { tracking: trackingNo });
