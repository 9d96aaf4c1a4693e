/* eslint-disable no-restricted-syntax -- the export's status and refund texts are data matched against files, not prose */
import { platformStatuses, type OrderLine, type PlatformStatus } from '#shared/contract/orders.contract';
import { msg, type Message } from '#shared/i18n/message';

/**
 * Export text → API status (china-formats §1.5). Keys are stored normalised: ASCII comma, no
 * spaces, because 千牛 writes '买家已付款,等待卖家发货' where the classic CSV writes '，'.
 */
const STATUS_TEXT: Readonly<Record<string, PlatformStatus>> = {
  等待买家付款: 'WAIT_BUYER_PAY',
  '买家已付款,等待卖家发货': 'WAIT_SELLER_SEND_GOODS',
  等待卖家发货: 'WAIT_SELLER_SEND_GOODS',
  卖家部分发货: 'SELLER_CONSIGNED_PART',
  '卖家已发货,等待买家确认': 'WAIT_BUYER_CONFIRM_GOODS',
  等待买家确认收货: 'WAIT_BUYER_CONFIRM_GOODS',
  卖家已发货: 'WAIT_BUYER_CONFIRM_GOODS',
  买家已签收: 'TRADE_BUYER_SIGNED',
  交易成功: 'TRADE_FINISHED',
  交易关闭: 'TRADE_CLOSED',
  交易被淘宝关闭: 'TRADE_CLOSED_BY_TAOBAO',
  没有创建外部交易: 'TRADE_NO_CREATE_PAY',
  没有创建支付宝交易: 'TRADE_NO_CREATE_PAY',
  未创建支付宝交易: 'TRADE_NO_CREATE_PAY',
  余额宝0元购合约中: 'WAIT_PRE_AUTH_CONFIRM',
  外卡支付付款确认中: 'PAY_PENDING',
  拼团中: 'PAID_FORBID_CONSIGN',
  发货强管控: 'PAID_FORBID_CONSIGN',
};

const ENUM_NAMES: ReadonlySet<string> = new Set(platformStatuses);

function normaliseStatusText(text: string): string {
  return text.replace(/[，、]/g, ',').replace(/[\s\u3000]+/g, '');
}

/**
 * Raw cell text → result. An export spells its handful of statuses identically on every row, so
 * a big import normalises each spelling once instead of per row. Bounded: foreign files may not
 * grow it without limit.
 */
const statusMemo = new Map<string, PlatformStatus | null>();
const STATUS_MEMO_MAX = 256;

/** '买家已付款，等待卖家发货' (either comma) → WAIT_SELLER_SEND_GOODS; unknown text → null. */
export function parsePlatformStatus(text: string): PlatformStatus | null {
  const memo = statusMemo.get(text);
  if (memo !== undefined) return memo;
  const status = statusOfText(text);
  // A copy as the key: the cell may be a slice that would pin the whole decoded file in memory.
  if (statusMemo.size < STATUS_MEMO_MAX) statusMemo.set([...text].join(''), status);
  return status;
}

function statusOfText(text: string): PlatformStatus | null {
  const key = normaliseStatusText(text);
  if (key === '') return null;
  // Mapped CSVs from ERPs often carry the API enum itself.
  const upper = key.toUpperCase();
  if (ENUM_NAMES.has(upper)) return upper as PlatformStatus;
  return STATUS_TEXT[key] ?? null;
}

export type ShipBlockCode = 'cancelled' | 'unpaid' | 'already_shipped' | 'refund_pending' | 'forbidden';
/** Why an order must not ship: a code for rules, a message (catalog key) for people. */
export type ShipBlock = { code: ShipBlockCode; message: Message };

const NO_REFUND_TEXTS: ReadonlySet<string> = new Set(['', '没有申请退款', '无退款', '退款关闭', 'NO_REFUND', 'CLOSED']);

/**
 * True when a 退款状态 text means a refund was asked for and not withdrawn. Unknown texts count as
 * a refund: shipping goods the buyer may not pay for is worse than a supervisor's glance.
 */
export function hasOpenOrFinishedRefund(refundStatus: string | null): boolean {
  if (refundStatus === null) return false;
  const key = normaliseStatusText(refundStatus);
  return !NO_REFUND_TEXTS.has(key) && !NO_REFUND_TEXTS.has(key.toUpperCase());
}

// Each blocking status names its own catalog key (blocked.reasons.<STATUS>), which ends with the
// platform code so a supervisor can quote it to support.
const BLOCKS: Partial<Record<PlatformStatus, ShipBlock>> = {
  WAIT_BUYER_PAY: { code: 'unpaid', message: msg('blocked.reasons.WAIT_BUYER_PAY') },
  TRADE_NO_CREATE_PAY: { code: 'unpaid', message: msg('blocked.reasons.TRADE_NO_CREATE_PAY') },
  WAIT_PRE_AUTH_CONFIRM: { code: 'unpaid', message: msg('blocked.reasons.WAIT_PRE_AUTH_CONFIRM') },
  PAY_PENDING: { code: 'unpaid', message: msg('blocked.reasons.PAY_PENDING') },
  WAIT_BUYER_CONFIRM_GOODS: { code: 'already_shipped', message: msg('blocked.reasons.WAIT_BUYER_CONFIRM_GOODS') },
  TRADE_BUYER_SIGNED: { code: 'already_shipped', message: msg('blocked.reasons.TRADE_BUYER_SIGNED') },
  TRADE_FINISHED: { code: 'already_shipped', message: msg('blocked.reasons.TRADE_FINISHED') },
  TRADE_CLOSED: { code: 'cancelled', message: msg('blocked.reasons.TRADE_CLOSED') },
  TRADE_CLOSED_BY_TAOBAO: { code: 'cancelled', message: msg('blocked.reasons.TRADE_CLOSED_BY_TAOBAO') },
  PAID_FORBID_CONSIGN: { code: 'forbidden', message: msg('blocked.reasons.PAID_FORBID_CONSIGN') },
};

/**
 * Why the bench must not ship this order, or null when it may. Only WAIT_SELLER_SEND_GOODS and
 * SELLER_CONSIGNED_PART are shippable, and not while any line has a refund in play (§1.5, §6).
 * A status the file did not give (null) blocks nothing: the shop imported the order to ship it.
 */
export function shipBlockReason(
  status: PlatformStatus | null,
  lines: readonly Pick<OrderLine, 'refundStatus'>[],
): ShipBlock | null {
  const block = status === null ? undefined : BLOCKS[status];
  if (block) return block;
  const refund = lines.find((l) => hasOpenOrFinishedRefund(l.refundStatus));
  if (refund) return { code: 'refund_pending', message: msg('blocked.refundPending', { refund: refund.refundStatus ?? '' }) };
  return null;
}
