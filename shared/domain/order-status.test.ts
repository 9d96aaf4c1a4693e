import { describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { hasOpenOrFinishedRefund, parsePlatformStatus, shipBlockReason } from '#shared/domain/order-status';

describe('parsePlatformStatus', () => {
  it.each([
    ['买家已付款，等待卖家发货', 'WAIT_SELLER_SEND_GOODS'],
    ['买家已付款,等待卖家发货', 'WAIT_SELLER_SEND_GOODS'],
    [' 买家已付款， 等待卖家发货 ', 'WAIT_SELLER_SEND_GOODS'],
    ['等待卖家发货', 'WAIT_SELLER_SEND_GOODS'],
    ['等待买家付款', 'WAIT_BUYER_PAY'],
    ['卖家部分发货', 'SELLER_CONSIGNED_PART'],
    ['卖家已发货，等待买家确认', 'WAIT_BUYER_CONFIRM_GOODS'],
    ['卖家已发货,等待买家确认', 'WAIT_BUYER_CONFIRM_GOODS'],
    ['等待买家确认收货', 'WAIT_BUYER_CONFIRM_GOODS'],
    ['买家已签收', 'TRADE_BUYER_SIGNED'],
    ['交易成功', 'TRADE_FINISHED'],
    ['交易关闭', 'TRADE_CLOSED'],
    ['交易被淘宝关闭', 'TRADE_CLOSED_BY_TAOBAO'],
    ['没有创建外部交易', 'TRADE_NO_CREATE_PAY'],
    ['未创建支付宝交易', 'TRADE_NO_CREATE_PAY'],
    ['余额宝0元购合约中', 'WAIT_PRE_AUTH_CONFIRM'],
    ['外卡支付付款确认中', 'PAY_PENDING'],
    ['WAIT_SELLER_SEND_GOODS', 'WAIT_SELLER_SEND_GOODS'],
    ['paid_forbid_consign', 'PAID_FORBID_CONSIGN'],
  ])('%s → %s', (text, status) => {
    expect(parsePlatformStatus(text)).toBe(status);
  });

  it.each(['', '   ', '已付款', '买家已付款', 'SHIPPED'])('does not guess at %j', (text) => {
    expect(parsePlatformStatus(text)).toBeNull();
  });
});

describe('shipBlockReason', () => {
  const zh = createTranslator('zh-CN').t;
  const en = createTranslator('en').t;
  const none = [{ refundStatus: null }];

  it('lets waiting and partly-shipped orders through', () => {
    expect(shipBlockReason('WAIT_SELLER_SEND_GOODS', none)).toBeNull();
    expect(shipBlockReason('SELLER_CONSIGNED_PART', none)).toBeNull();
  });

  it.each([
    ['TRADE_CLOSED', 'cancelled'],
    ['TRADE_CLOSED_BY_TAOBAO', 'cancelled'],
    ['WAIT_BUYER_PAY', 'unpaid'],
    ['TRADE_NO_CREATE_PAY', 'unpaid'],
    ['PAY_PENDING', 'unpaid'],
    ['WAIT_PRE_AUTH_CONFIRM', 'unpaid'],
    ['WAIT_BUYER_CONFIRM_GOODS', 'already_shipped'],
    ['TRADE_BUYER_SIGNED', 'already_shipped'],
    ['TRADE_FINISHED', 'already_shipped'],
    ['PAID_FORBID_CONSIGN', 'forbidden'],
  ] as const)('blocks %s as %s, naming the platform code', (status, code) => {
    const block = shipBlockReason(status, none);
    expect(block?.code).toBe(code);
    // The packer reads it in their language; either way it ends with the code support asks for.
    expect(zh(block!.message)).toContain(status);
    expect(zh(block!.message)).toMatch(/[\u4e00-\u9fff]/);
    expect(en(block!.message)).toContain(status);
    expect(en(block!.message)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(['退款中', '买家已经申请退款，等待卖家同意', '买家已经申请退款,等待卖家同意', '退款成功', '卖家拒绝退款', '某种新的退款状态'])(
    'holds a waiting order whose line shows %s',
    (refund) => {
      const block = shipBlockReason('WAIT_SELLER_SEND_GOODS', [{ refundStatus: null }, { refundStatus: refund }]);
      expect(block?.code).toBe('refund_pending');
      expect(zh(block!.message)).toContain(refund);
      expect(en(block!.message)).toBe(`A refund is in play: ${refund}`);
    },
  );

  it.each([null, '', '没有申请退款', '退款关闭', 'NO_REFUND', ' 没有申请退款 '])('treats %j as no refund', (refund) => {
    expect(hasOpenOrFinishedRefund(refund)).toBe(false);
    expect(shipBlockReason('WAIT_SELLER_SEND_GOODS', [{ refundStatus: refund }])).toBeNull();
  });

  it('reports the status before the refund: a closed order is "cancelled" even with refunds', () => {
    expect(shipBlockReason('TRADE_CLOSED', [{ refundStatus: '退款成功' }])?.code).toBe('cancelled');
  });
});
