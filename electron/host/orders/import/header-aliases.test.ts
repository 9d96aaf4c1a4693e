import { describe, expect, it } from 'vitest';
import { fieldLabel, findHeader, normaliseHeader, orderHeaderAliases, resolveHeaders } from './header-aliases';

describe('header aliases', () => {
  it('trims trailing spaces, full-width spaces and a stray BOM', () => {
    expect(normaliseHeader('收货地址 ')).toBe('收货地址');
    expect(normaliseHeader('\uFEFF订单编号')).toBe('订单编号');
    expect(normaliseHeader('\u3000宝贝标题\u3000')).toBe('宝贝标题');
  });

  it('maps the classic 订单报表 headers, trailing spaces included', () => {
    const header = ['订单编号', '买家会员名', '订单状态', '收货人姓名', '收货地址 ', '联系电话 ', '联系手机', '订单付款时间 ', '宝贝标题 ', '修改后的收货地址'];
    const { index, missing } = resolveHeaders(header, orderHeaderAliases, ['orderId', 'status', 'receiverAddr', 'title']);
    expect(missing).toEqual([]);
    expect(index).toMatchObject({ orderId: 0, status: 2, receiverAddr: 4, phone: 5, mobile: 6, paidAt: 7, title: 8, receiverAddrModified: 9 });
  });

  it('maps 千牛 renames to the same fields', () => {
    const { index } = resolveHeaders(['子订单编号', '主订单编号', '商品标题', '买家实付金额', '主订单买家留言', '商品属性SKU'], orderHeaderAliases);
    expect(index).toMatchObject({ subOrderId: 0, orderId: 1, title: 2, paid: 3, buyerMessage: 4, skuProps: 5 });
  });

  it('prefers 商家编码 over 外部系统编号 whatever the column order', () => {
    const { index } = resolveHeaders(['外部系统编号', '商家编码'], orderHeaderAliases);
    expect(index.outerSku).toBe(1);
    expect(index.externalCode).toBe(0);
  });

  it('names missing required columns in Chinese', () => {
    const r = resolveHeaders(['编号', '订单状态'], orderHeaderAliases, ['orderId', 'status', 'receiverName']);
    expect(r.missing).toEqual(['orderId', 'receiverName']);
    expect(r.missingLabels).toEqual(['订单编号', '收货人姓名']);
    expect(fieldLabel(orderHeaderAliases, 'paid')).toBe('买家实际支付金额');
  });

  it('finds a user-mapped header ignoring case, spacing and bracket width', () => {
    expect(findHeader(['Order ID', '重量（g）'], 'order id')).toBe(0);
    expect(findHeader(['Order ID', '重量（g）'], '重量(g)')).toBe(1);
    expect(findHeader(['a'], 'b')).toBe(-1);
  });
});
