import { writeFileSync } from 'node:fs';
import { AppError } from '#shared/contract/errors';
import { handoverAbandonReasons, type HandoverSummary } from '#shared/contract/handover.contract';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import type { Options, Say } from '../cli-text';
import { many, one, putPhotoFiles } from './cli-photos';
import { signIn } from './cli-user';

/** One handover as a terminal line: its number, state, carrier, the tally, the courier. */
function line(t: Say, h: HandoverSummary): string {
  // Abandoned: nothing handed over and nothing missing — what was scanned in went back to wait.
  if (h.abandoned) {
    const a = h.abandoned;
    return t(msg('cli.handover.lineAbandoned', {
      id: h.number, state: msg('handover.states.abandoned'), carrier: h.carrierCode, parcels: a.parcels,
      reason: msg(`handover.abandon.reasons.${a.reason}`), note: a.note === '' ? '' : ` ${a.note}`, by: a.by ?? '',
    }));
  }
  return t(msg('cli.handover.line', {
    id: h.number, state: msg(`handover.states.${h.state}`), carrier: h.carrierCode, ...h.counts, courier: h.courierName ?? '',
  }));
}

/**
 * `packdesk handover open <carrier>` opens (or carries on with) the carrier's handover;
 * `scan <number> <tracking…>` scans parcels into it, one line per outcome; `close <number> --courier NAME
 * [--signature sign.png] [--photo FILE…] [--out FILE.pdf]` closes it and writes the 交接单; `abandon
 * <number> --reason R [--note …]` abandons (作废) one opened by mistake; `list [--open]` prints the handovers. A handover is named by its sheet's number (or its id, which
 * `--json` prints with what the host answered).
 */
export async function runHandover(args: string[], options: Options, t: Say): Promise<void> {
  const [action, ref, ...codes] = args;
  const usage = () => new AppError('INVALID_INPUT', msg('cli.handover.usage'));
  if (action !== 'open' && action !== 'scan' && action !== 'close' && action !== 'abandon' && action !== 'list') throw usage();
  if (action !== 'list' && !ref) throw usage();
  const json = options['json'] === true;
  const { host, call } = openCliHost(process.argv);
  try {
    await signIn(call, options);
    if (action === 'list') {
      const { handovers } = await call('handover.list', { state: options['open'] === true ? 'open' : 'all', limit: 200 });
      if (json) return console.log(JSON.stringify(handovers, null, 2));
      console.log(handovers.length === 0 ? t(msg('cli.handover.none')) : handovers.map((h) => line(t, h)).join('\n'));
      return;
    }
    if (action === 'open') {
      const h = await call('handover.open', { carrierCode: ref!.toUpperCase() });
      console.log(json ? JSON.stringify(h, null, 2) : line(t, h));
      return;
    }
    // The number on the sheet (YTO-20261207-9F3A) or the id (--json prints it).
    const { handovers } = await call('handover.list', { state: 'all', limit: 200 });
    const named = handovers.filter((h) => h.id === ref || h.number.toUpperCase() === ref!.toUpperCase());
    if (named.length !== 1) throw new AppError(named.length === 0 ? 'NOT_FOUND' : 'CONFLICT', msg(named.length === 0 ? 'cli.handover.unknown' : 'cli.handover.ambiguous', { ref: ref! }));
    const handoverId = named[0]!.id;
    if (action === 'scan') {
      if (codes.length === 0) throw usage();
      for (const code of codes) {
        const { scan } = await call('handover.scan', { handoverId, code });
        console.log(json ? JSON.stringify(scan) : t(msg('cli.handover.scan', { code, outcome: msg(`handover.outcomes.${scan.outcome}`) })));
      }
      return;
    }
    if (action === 'abandon') {
      // Opened by mistake: no sheet; what was scanned in waits for the next pickup (the signed-in user decides, a supervisor when it holds parcels).
      const reason = handoverAbandonReasons.find((r) => r === one(options['reason']));
      if (!reason) throw usage();
      const abandoned = await call('handover.abandon', { handoverId, reason, note: one(options['note']) ?? '' });
      console.log(json ? JSON.stringify(abandoned, null, 2) : line(t, abandoned));
      return;
    }
    const courierName = one(options['courier']);
    if (!courierName) throw usage();
    const [signatureHash = null] = await putPhotoFiles(call, many(options['signature']).slice(0, 1));
    const photoHashes = await putPhotoFiles(call, many(options['photo']));
    const closed = await call('handover.close', { handoverId, courierName, signatureHash, photoHashes });
    const sheet = await call('handover.sheet', { id: closed.id });
    const out = one(options['out']) ?? sheet.fileName;
    writeFileSync(out, Buffer.from(sheet.base64, 'base64'));
    console.log(json ? JSON.stringify(closed, null, 2) : `${line(t, closed)}\n${t(msg('cli.handover.written', { file: out }))}`);
  } finally {
    host.close();
  }
}
