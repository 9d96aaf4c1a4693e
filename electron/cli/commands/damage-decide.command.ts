import { writeFileSync } from 'node:fs';
import { damageDecisions, type DamageReport } from '#shared/contract/damage.contract';
import { AppError } from '#shared/contract/errors';
import { readYuan } from '#shared/domain/money';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import type { Options, Say } from '../cli-text';
import { actAs } from './cli-user';
import { choice } from './cli-photos';
import { signed } from '#shared/domain/signed';

const text = (options: Options, key: string) => (typeof options[key] === 'string' ? (options[key] as string) : undefined);

/**
 * `--amount 12.50` (元) → fen, read from the text itself (never through a float), full-width digits
 * as the review screen reads them; absent → null. `positive`: a refund or a claim is more than 0,
 * said as the screen says it.
 */
export function amountOption(options: Options, key = 'amount', positive = false): number | null {
  const typed = text(options, key);
  if (typed === undefined) return null;
  const read = readYuan(typed.normalize('NFKC'));
  if (!read.ok) throw new AppError('INVALID_INPUT', read.reason);
  if (positive && read.fen !== null && read.fen <= 0) throw new AppError('INVALID_INPUT', msg('damageReview.form.amountPositive'));
  return read.fen;
}

/**
 * `packdesk damage decide ID --decision …` and `packdesk damage evidence ID --out FILE`: a
 * supervisor's decision (with what it moves) and the carrier's evidence PDF, through the same host
 * code as the review screen.
 */
export async function runDamageDecide(args: string[], options: Options, t: Say): Promise<void> {
  const [sub, reportId] = args;
  if ((sub !== 'decide' && sub !== 'evidence') || !reportId) throw new AppError('INVALID_INPUT', msg('cli.damage.usage'));
  const { host, call } = openCliHost(process.argv);
  try {
    if (sub === 'evidence') {
      const file = await call('damage.evidence', { reportId });
      const out = text(options, 'out') ?? file.fileName;
      writeFileSync(out, Buffer.from(file.base64, 'base64'));
      console.log(t(msg('cli.damage.evidenceWritten', { out })));
      return;
    }
    const decision = choice(options['decision'], 'decision', damageDecisions);
    if (!decision) throw new AppError('INVALID_INPUT', msg('cli.damage.usage'));
    const amountFen = amountOption(options, 'amount', true);
    const report = await actAs(call, options, () =>
      call('damage.decide', {
        reportId, decision, note: text(options, 'note') ?? '', amountFen,
        carrierCode: text(options, 'carrier') ?? null, trackingNo: text(options, 'tracking') ?? null,
        // Taking the shelf below zero is refused, saying so, unless --confirm (the review screen's 仍然确认).
        ...(options['confirm'] === true ? { confirmed: true } : {}),
      }),
    );
    const { effects } = await call('damage.get', { id: reportId });
    const { skus } = await call('catalog.list', { query: report.skuCode, limit: 50, offset: 0 });
    const onHand = skus.find((s) => s.code === report.skuCode)?.onHand ?? 0;
    console.log(t(msg('cli.damage.decided', { id: report.id, decision: msg(`damageReview.decisions.${decision}`) })));
    console.log(t(stockLine(report, effects.booked, onHand)));
  } finally {
    host.close();
  }
}


/** What the decisions on the report moved, together, as changes (not levels), and what the shelf holds now. */
function stockLine(report: DamageReport, booked: { sellable: number; damaged: number }, onHand: number) {
  return booked.sellable === 0 && booked.damaged === 0
    ? msg('cli.damage.noStock', { sku: report.skuCode, onHand })
    : msg('cli.damage.stock', { sku: report.skuCode, sellable: signed(booked.sellable), damaged: signed(booked.damaged), onHand });
}
