import { describe, expect, it } from 'vitest';
import type { LabelSize } from '#shared/contract/devices.contract';
import type { HandoverDetail, HandoverParcel } from '#shared/contract/handover.contract';
import { msg } from '#shared/i18n/message';
import type { Layout, TextElement } from '../labels/label-layout';
import { handoverLabels, type Shipper } from './handover-docs';

const sender: Shipper = { name: '小店旗舰店', phone: '13800138000', address: '浙江省杭州市余杭区五常街道文一西路 998 号海创园 18 幢 3 楼 301 室（菜鸟驿站旁，快递请走东门）' };
const parcel = (i: number, reason: HandoverParcel['reason'] = null): HandoverParcel => ({
  shipmentId: `s${i}`, trackingNo: `YT74000000${String(i).padStart(5, '0')}`, orderExternalId: `40000000406144${String(i).padStart(4, '0')}`, reason,
});
/** A refund's amount, as the order's block carries it: the screens show it, the courier's sheet must not. */
const refund = msg('blocked.refundPending', { refund: '退款金额 163.80 元' });

function detail(accepted: number, missing: number, intercepted: number): HandoverDetail {
  const n = (from: number, count: number, reason: HandoverParcel['reason'] = null) => Array.from({ length: count }, (_, i) => parcel(from + i, reason));
  return {
    id: '01a24fa9-cd7c-7027-8a7f-a73fc4a51fa1', number: 'YTO-20261207-9F3A', carrierCode: 'YTO', carrierName: '圆通速递', state: 'closed',
    openedAt: '2026-12-07T08:00:00.000Z', openedAtBench: { name: '打包台 A', thisBench: true }, closedAt: '2026-12-07T08:30:00.000Z', courierName: '张师傅', abandoned: null,
    counts: { expected: accepted + missing + intercepted, scanned: accepted + 12, accepted, missing, intercepted, unexpected: 10, duplicate: 2 },
    accepted: n(1, accepted), missing: n(100, missing), intercepted: n(200, intercepted, refund),
    unexpected: [{
      id: 'sc1', code: '500000009999990001', outcome: 'unexpected-order', trackingNo: null, orderExternalId: null, detail: null,
      bench: { name: '打包台 A', thisBench: true }, at: '2026-12-07T08:10:00.000Z',
    }],
    scans: [], signatureHash: null, photoHashes: [], closedBy: '李店长', putBack: [],
  };
}

const texts = (page: Layout) => page.elements.filter((e): e is TextElement => e.kind === 'text');
const body = (page: Layout) => page.elements.slice(0, -1); // the last element is the footer (number · page/pages)
const sizes: LabelSize[] = ['76x130', '100x150', '100x180'];

describe('the 交接单 on the label printer', () => {
  it('names the shipper and the shop’s 交接人 with a line to sign, and keeps the refund and the mis-scans off', () => {
    for (const size of sizes) {
      const pages = handoverLabels(detail(3, 1, 1), size, null, sender);
      const all = pages.flatMap(texts).map((e) => e.text).join('\n');
      expect(all).toContain('寄件人（店铺）：小店旗舰店');
      expect(all).toContain('寄件人电话：13800138000');
      // The address wraps over lines (a break eats its space): every character of it is there, in order.
      const bare = (x: string) => x.replace(/\s/g, '');
      expect(bare(all)).toContain(bare(`寄件地址：${sender.address}`));
      expect(all).toContain('交接人（本店）：李店长');
      expect(all).toContain('交接人签字（本店）');
      expect(all).toContain('已拦截：留在本店，不交给快递员（1 件）');
      expect(all).toContain(parcel(200).trackingNo);
      expect(all).not.toMatch(/退款|163\.80/);
      expect(all).not.toContain('500000009999990001');
      expect(all).not.toMatch(/异常和重复扫描|这是订单号/);
      // A line ruled for the 交接人's pen, after the courier's signature.
      const last = pages.at(-1)!;
      expect(last.elements.some((e) => e.kind === 'line')).toBe(true);
    }
  });

  it('wraps the tally and long lines instead of cutting them, and never leaves a heading at the foot of a label', () => {
    let headingsSeen = 0;
    for (const size of sizes) {
      for (let accepted = 0; accepted <= 14; accepted++) {
        const pages = handoverLabels(detail(accepted, 3, 2), size, new Uint8Array([137, 80, 78, 71]), sender);
        for (const page of pages) {
          for (const e of texts(page)) expect(e.text, `${size} ${accepted}`).not.toContain('…');
          const els = body(page);
          const lastEl = els.at(-1);
          // The last thing on a label is never a heading alone: its first item comes with it.
          expect(lastEl?.kind === 'text' && lastEl.bold === true, `${size} ${accepted}: ${lastEl?.kind === 'text' ? lastEl.text : ''}`).toBe(false);
          headingsSeen += texts(page).filter((e) => e.bold && e.text.startsWith('少件')).length;
        }
        const all = pages.flatMap(texts).map((e) => e.text).join('');
        expect(all).toContain('核对：包裹');
        expect(all).toContain('重复扫描 2');
      }
    }
    expect(headingsSeen).toBe(sizes.length * 15);
  });
});
