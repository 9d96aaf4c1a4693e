import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import { rowErrorLines, type Options, type Say } from '../cli-text';

/** Catalog CSV, waybill pools and the bundled samples: the data a station needs before packing. */
export async function runSetup(what: 'catalog' | 'pool' | 'samples', args: string[], options: Options, t: Say): Promise<void> {
  const { host, call } = openCliHost(process.argv);
  try {
    await call('session.login', { pin: typeof options['pin'] === 'string' ? options['pin'] : '0000' });
    if (what === 'catalog') {
      const file = args[0];
      if (!file) throw new AppError('INVALID_INPUT', msg('cli.catalog.needFile'));
      const report = await call('catalog.importCsv', { file: { name: basename(file), base64: readFileSync(file).toString('base64') } });
      for (const line of rowErrorLines(t, report.errors)) console.error(line);
      const { skusRead: skus, created, barcodes } = report;
      console.log(t(report.rejected ? msg('report.nothingImported') : msg('cli.catalog.done', { skus, created, barcodes })));
      if (report.rejected) process.exitCode = 1;
    } else if (what === 'pool') {
      const [carrierCode, file] = args;
      if (!carrierCode || !file) throw new AppError('INVALID_INPUT', msg('cli.pool.usage'));
      const report = await call('carriers.importPool', { carrierCode, file: { name: basename(file), base64: readFileSync(file).toString('base64') } });
      for (const line of rowErrorLines(t, report.errors)) console.error(line);
      for (const line of rowErrorLines(t, report.warnings)) console.error(`${t(msg('report.warning'))}: ${line}`);
      console.log(t(report.rejected ? msg('report.nothingImported') : msg('cli.pool.done', { added: report.added, known: report.duplicates })));
      if (report.rejected) process.exitCode = 1;
    } else {
      const loaded = await call('system.loadSamples', {});
      console.log(t(msg('cli.samples.done', loaded)));
    }
  } finally {
    host.close();
  }
}
