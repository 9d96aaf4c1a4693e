import { maskName } from '#shared/domain/privacy';
import { formatBeijing } from '#shared/domain/datetime';
import { msg } from '#shared/i18n/message';
import type { LabelText } from '../labels/label-text';
import type { SlipContent, SlipRow } from './escpos-slip.encoder';

/**
 * What a packing slip (发货单) says, from an order. Everything comes from an import or a sync, so
 * each field is capped here: a 10 000-character buyer message or a 500-line order still makes a
 * slip of bounded length (the encoder's bytes are bounded by these caps).
 */
export type PackingSlipData = {
  shopName: string;
  orderId: string;
  buyerNick: string;
  receiver: { name: string; province: string; city: string };
  lines: Array<{ skuCode: string | null; title: string; props: string | null; qty: number }>;
  buyerMessage: string;
  sellerMemo: string;
  printedAt: string;
  /** 隐私面单: the receiver's name masked the way the waybill masks it. */
  privacy: boolean;
};

export const SLIP_CAPS = { field: 80, title: 120, note: 400, lines: 40 } as const;

const cap = (text: string | null | undefined, max: number): string => {
  const chars = [...(text ?? '').replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
};

export function buildPackingSlip(data: PackingSlipData, t: LabelText): SlipContent {
  const name = cap(data.privacy ? maskName(data.receiver.name) : data.receiver.name, SLIP_CAPS.field);
  const city = cap([data.receiver.province, data.receiver.city].filter(Boolean).join(' '), SLIP_CAPS.field);
  const rows: SlipRow[] = [
    { text: t(msg('slipText.packingSlip')), big: true, bold: true, align: 'center' },
    { text: t(msg('slipText.shop', { name: cap(data.shopName, SLIP_CAPS.field) })) },
    { text: t(msg('labelText.order', { id: cap(data.orderId, SLIP_CAPS.field) })), bold: true },
    { text: t(msg('labelText.buyer', { nick: cap(data.buyerNick, SLIP_CAPS.field) })) },
    { text: t(msg('slipText.receiverCity', { name, city })) },
    { text: '', rule: true },
  ];
  const shown = data.lines.slice(0, SLIP_CAPS.lines);
  for (const line of shown) {
    const title = cap(`${line.title}${line.props ? ` ${line.props}` : ''}`, SLIP_CAPS.title);
    rows.push({ text: `${title}  ${t(msg('slipText.lineQty', { qty: Math.max(0, Math.min(99_999, Math.trunc(line.qty))) }))}`, bold: true });
    rows.push({ text: line.skuCode ? t(msg('slipText.sku', { sku: cap(line.skuCode, SLIP_CAPS.field) })) : t(msg('slipText.noSku')) });
  }
  if (data.lines.length > shown.length) rows.push({ text: t(msg('slipText.linesMore', { count: data.lines.length - shown.length })) });
  rows.push({ text: '', rule: true });
  const message = cap(data.buyerMessage, SLIP_CAPS.note);
  const memo = cap(data.sellerMemo, SLIP_CAPS.note);
  if (message) rows.push({ text: `${t(msg('labelText.buyerMessageTag'))}: ${message}` });
  if (memo) rows.push({ text: `${t(msg('labelText.sellerMemoTag'))}: ${memo}` });
  rows.push({ text: t(msg('slipText.printedAt', { at: formatBeijing(data.printedAt) })), align: 'right' });
  return { rows, code: data.orderId };
}
