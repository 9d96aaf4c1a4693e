import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '#shared/contract/errors';
import { openCliHost } from '../cli-host';

type Options = Record<string, string | boolean | undefined>;

/** Catalog CSV, waybill pools and the bundled samples: the data a station needs before packing. */
export async function runSetup(what: 'catalog' | 'pool' | 'samples', args: string[], options: Options): Promise<void> {
  const { host, call } = openCliHost(process.argv);
  try {
    await call('session.login', { pin: typeof options['pin'] === 'string' ? options['pin'] : '0000' });
    if (what === 'catalog') {
      const file = args[0];
      if (!file) throw new AppError('INVALID_INPUT', 'Name the catalog CSV file');
      const report = await call('catalog.importCsv', { file: { name: basename(file), base64: readFileSync(file).toString('base64') } });
      for (const e of report.errors) console.error(`${e.file} row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
      console.log(report.rejected ? 'Rejected; nothing was imported.' : `${report.skusRead} SKUs (${report.created} new), ${report.barcodes} barcodes`);
      if (report.rejected) process.exitCode = 1;
    } else if (what === 'pool') {
      const [carrierCode, file] = args;
      if (!carrierCode || !file) throw new AppError('INVALID_INPUT', 'Usage: packdesk pool <CARRIER> <file>');
      const report = await call('carriers.importPool', { carrierCode, text: readFileSync(file, 'utf8') });
      for (const e of report.errors) console.error(`line ${e.line}: ${e.message}`);
      for (const w of report.warnings) console.error(`warning: ${w}`);
      console.log(report.rejected ? 'Rejected; nothing was added.' : `${report.added} numbers added, ${report.duplicates} already known`);
      if (report.rejected) process.exitCode = 1;
    } else {
      const loaded = await call('system.loadSamples', {});
      console.log(`Samples loaded: ${loaded.orders} orders, ${loaded.skus} SKUs, ${loaded.waybills} waybill numbers`);
    }
  } finally {
    host.close();
  }
}
