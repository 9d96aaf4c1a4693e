import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '#shared/contract/errors';
import { openCliHost } from '../cli-host';

type Options = Record<string, string | boolean | undefined>;

/** Imports a platform export; prints the report, and every row error when the file is rejected. */
export async function runImport(files: string[], options: Options): Promise<void> {
  if (files.length === 0) throw new AppError('INVALID_INPUT', 'Name the export file(s) to import');
  const { host, call } = openCliHost(process.argv);
  try {
    const report = await call('orders.import', {
      files: files.map((f) => ({ name: basename(f), base64: readFileSync(f).toString('base64') })),
      ...(typeof options['mapping'] === 'string' ? { mappingName: options['mapping'] } : {}),
    });
    if (report.rejected) {
      for (const e of report.errors) console.error(`${e.file} row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
      console.error(`Rejected: ${report.errors.length} error(s); nothing was imported.`);
      process.exitCode = 1;
      return;
    }
    console.log(
      `${report.format}: ${report.ordersRead} orders read — ${report.created} new, ${report.updated} updated (${report.statusChanges} status changes), ${report.unchanged} unchanged`,
    );
  } finally {
    host.close();
  }
}
