import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { openCliHost, type CliHost } from '../cli-host';
import { rowErrorLines, type Options, type Say } from '../cli-text';
import { actAs, managerPin } from './cli-user';

const fileOf = (path: string) => ({ name: basename(path), base64: readFileSync(path).toString('base64') });

/**
 * Catalog CSV (in, or out with `catalog export [--out FILE]`), waybill pools and the bundled
 * samples: the data a station needs before packing.
 * Each needs a supervisor's or admin's `--pin` (as the screens do): the command logs them in,
 * acts, and logs them out again; without `--pin` it stops before trying any PIN.
 */
export async function runSetup(what: 'catalog' | 'pool' | 'samples', args: string[], options: Options, t: Say): Promise<void> {
  const act = setupAction(what, args, options, t);
  managerPin(options);
  const { host, call } = openCliHost(process.argv);
  try {
    await actAs(call, options, () => act(call));
  } finally {
    host.close();
  }
}

/** What the command does once logged in; its arguments are checked first, before any PIN. */
function setupAction(what: 'catalog' | 'pool' | 'samples', args: string[], options: Options, t: Say): (call: CliHost['call']) => Promise<void> {
  const [first, second] = args;
  if (what === 'catalog' && first === 'export') {
    return async (call) => {
      const file = await call('catalog.exportCsv', {});
      const out = typeof options['out'] === 'string' && options['out'] !== '' ? options['out'] : file.fileName;
      writeFileSync(out, Buffer.from(file.base64, 'base64'));
      console.log(t(msg('cli.catalog.exported', { skus: file.skus, out })));
      const { count, codes } = file.notReadBack;
      if (count > 0) console.log(t(msg('catalog.export.notReadBack', { count, codes: codes.join(t(msg('common.listSep'))) })));
    };
  }
  if (what === 'catalog') {
    if (!first) throw new AppError('INVALID_INPUT', msg('cli.catalog.needFile'));
    return async (call) => {
      const report = await call('catalog.importCsv', { file: fileOf(first) });
      for (const line of rowErrorLines(t, report.errors)) console.error(line);
      const { skusRead: skus, created, unchanged, barcodes } = report;
      console.log(t(report.rejected ? msg('report.nothingImported') : msg('cli.catalog.done', { skus, created, unchanged, barcodes })));
      if (report.rejected) process.exitCode = 1;
    };
  }
  if (what === 'pool') {
    if (!first || !second) throw new AppError('INVALID_INPUT', msg('cli.pool.usage'));
    return async (call) => {
      const report = await call('carriers.importPool', { carrierCode: first, file: fileOf(second) });
      for (const line of rowErrorLines(t, report.errors)) console.error(line);
      for (const line of rowErrorLines(t, report.warnings)) console.error(`${t(msg('report.warning'))}${t(msg('common.colon'))}${line}`);
      console.log(t(report.rejected ? msg('report.nothingImported') : msg('cli.pool.done', { added: report.added, known: report.duplicates })));
      if (report.heldElsewhere > 0) console.log(t(msg('cli.pool.heldElsewhere', { count: report.heldElsewhere })));
      if (report.rejected) process.exitCode = 1;
    };
  }
  return async (call) => {
    const loaded = await call('system.loadSamples', {});
    console.log(t(msg('cli.samples.done', loaded)));
  };
}
