import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import { rowError, type Options, type Say } from '../cli-text';

/** Catalog CSV, waybill pools and the bundled samples: the data a station needs before packing. */
export async function runSetup(what: 'catalog' | 'pool' | 'samples', args: string[], options: Options, t: Say): Promise<void> {
  const { host, call } = openCliHost(process.argv);
  try {
    await call('session.login', { pin: typeof options['pin'] === 'string' ? options['pin'] : '0000' });
    if (what === 'catalog') {
      const file = args[0];
      if (!file) throw new AppError('INVALID_INPUT', msg('cli.catalog.noFile'));
      const report = await call('catalog.importCsv', { file: { name: basename(file), base64: readFileSync(file).toString('base64') } });
      for (const e of report.errors) console.error(t(rowError(e)));
      console.log(t(report.rejected ? msg('cli.catalog.rejected') : msg('cli.catalog.done', { skus: report.skusRead, created: report.created, barcodes: report.barcodes })));
      if (report.rejected) process.exitCode = 1;
    } else if (what === 'pool') {
      const [carrierCode, file] = args;
      if (!carrierCode || !file) throw new AppError('INVALID_INPUT', msg('cli.pool.usage'));
      const report = await call('carriers.importPool', { carrierCode, text: readFileSync(file, 'utf8') });
      for (const e of report.errors) console.error(t(msg('cli.lineError', e)));
      for (const w of report.warnings) console.error(t(msg('cli.warning', { warning: w })));
      console.log(t(report.rejected ? msg('cli.pool.rejected') : msg('cli.pool.done', { added: report.added, duplicates: report.duplicates })));
      if (report.rejected) process.exitCode = 1;
    } else {
      const loaded = await call('system.loadSamples', {});
      console.log(t(msg('cli.samples.done', loaded)));
    }
  } finally {
    host.close();
  }
}
