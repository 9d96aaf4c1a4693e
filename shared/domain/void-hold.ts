import { catalogs, languages } from '#shared/i18n/catalog';
import { msg, type Message } from '#shared/i18n/message';

/**
 * Whether a void's reason is the dialog's 订单取消/退款 chip. The chip fills the reason box in the
 * voiding bench's language and the reason is kept as typed, so its text in any catalog language
 * counts, as does that text followed by the supervisor's own words (订单取消/退款 买家拍错).
 * Every station reads the same synced reason, so every station holds the same orders.
 */
export function isCancelVoidReason(reason: string): boolean {
  const said = reason.trim();
  return languages.some((lng) => {
    const chip = catalogs[lng].shipments.voidReasonCancelled;
    return said === chip || (said.startsWith(chip) && /^[\s:：,，;；.。、(（-]/.test(said.slice(chip.length)));
  });
}

/** The key of a hold's 禁止发货 reason: a platform's block is never replaced by a hold, nor lifted by a release. */
export const HOLD_KEY = 'blocked.voidHold';

/** What an order held by a 订单取消/退款 void shows as its block reason. */
export const holdMessage = (trackingNo: string): Message => msg(HOLD_KEY, { tracking: trackingNo });
