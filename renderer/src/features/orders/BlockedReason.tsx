import { useTranslation } from 'react-i18next';
import type { Message } from '#shared/i18n/message';
import { hostText } from '../../lib/host-text';

const PLATFORM_REASON = 'blocked.reasons.';

/**
 * Why an order may not ship, in words. The catalog's platform reasons end with the platform's code
 * ("交易已成功（TRADE_FINISHED）") so the bench's alarm can be quoted to support; in the orders list
 * the code is noise beside the words, so it moves to the tooltip.
 */
export function BlockedReason({ reason, className }: { reason: Message; className: string }) {
  const { t } = useTranslation();
  const text = hostText(t, reason);
  const code = reason.key.startsWith(PLATFORM_REASON) ? reason.key.slice(PLATFORM_REASON.length) : null;
  // The code in brackets at the end, full-width (Chinese) or not.
  const words = code ? text.replace(new RegExp(`\\s*[\\uFF08(]${code}[\\uFF09)]$`), '') : text;
  return (
    <span className={className} title={code ?? undefined} data-testid="blocked-reason">
      {words}
    </span>
  );
}
