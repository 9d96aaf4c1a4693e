import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '#shared/contract/errors';
import type { ParcelTracking } from '#shared/contract/tracking.contract';
import { carrierNameMessage } from '#shared/domain/carriers';
import { formatBeijing } from '#shared/domain/datetime';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import { rowErrorLines, type Options, type Say } from '../cli-text';
import { signIn } from './cli-user';

const text = (options: Options, name: string) => (typeof options[name] === 'string' ? options[name] : undefined);
const ENCODINGS = ['auto', 'gbk', 'utf-8'] as const;

/**
 * `packdesk tracking import <file> [--encoding]`: tracking from a file, offline, as a supervisor
 * (--pin); every bench follows after sync. `packdesk tracking status <tracking-no|order> [--json]`:
 * a parcel's state and events as this station knows them. (`tracking keys|poll` are the hub's.)
 */
export async function runTracking(args: string[], options: Options, t: Say): Promise<void> {
  const [action, target] = args;
  if (action !== 'import' && action !== 'status') throw new AppError('INVALID_INPUT', msg('cli.tracking.unknownAction', { action: action ?? '' }));
  if (!target) throw new AppError('INVALID_INPUT', msg(action === 'import' ? 'cli.tracking.importUsage' : 'cli.tracking.statusUsage'));
  const encoding = text(options, 'encoding') ?? 'auto';
  if (action === 'import' && !(ENCODINGS as readonly string[]).includes(encoding)) throw new AppError('INVALID_INPUT', msg('cli.tracking.importUsage'));
  const { host, call } = openCliHost(process.argv);
  try {
    await signIn(call, options);
    if (action === 'import') {
      const file = { name: basename(target), base64: readFileSync(target).toString('base64') };
      const report = await call('tracking.import', { file, encoding: encoding as (typeof ENCODINGS)[number] });
      if (options['json']) console.log(JSON.stringify(report, null, 2));
      if (report.rejected) {
        for (const line of rowErrorLines(t, report.errors)) console.error(line);
        console.error(t(msg('cli.tracking.rejected', { count: report.errors.reduce((n, e) => n + (e.repeats?.count ?? 1), 0) })));
        process.exitCode = 1;
      } else if (!options['json']) {
        console.log(t(msg('cli.tracking.imported', { rows: report.rowsRead, parcels: report.parcels, delivered: report.delivered, returned: report.returned, problem: report.problem, unknown: report.unknownParcels })));
      }
      return;
    }
    const { parcels } = await call('tracking.status', { ref: target });
    if (options['json']) console.log(JSON.stringify({ parcels }, null, 2));
    else if (parcels.length === 0) console.log(t(msg('cli.tracking.none', { ref: target })));
    else for (const p of parcels) console.log(linesOf(p, t).join('\n'));
    if (parcels.length === 0) process.exitCode = 1;
  } finally {
    host.close();
  }
}

/** A parcel as terminal lines: carrier, number, order and state, then its events newest first (Beijing time). */
function linesOf(p: ParcelTracking, t: Say): string[] {
  const state = p.state ? t(msg(`tracking.states.${p.state}`)) : t(msg('cli.tracking.noState'));
  const head = t(msg('cli.tracking.parcel', { carrier: carrierNameMessage(p.carrierCode), trackingNo: p.trackingNo, order: p.orderExternalId ?? '-', state }));
  return [head, ...p.events.map((e) => t(msg('cli.tracking.event', { at: formatBeijing(e.at), state: msg(`tracking.states.${e.state}`), text: [e.city, e.text].filter(Boolean).join(' ') })))];
}
