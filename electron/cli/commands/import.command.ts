import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import { rowErrorLines, type Options, type Say } from '../cli-text';

/** Imports a platform export; prints the report, and every row error when the file is rejected. */
export async function runImport(files: string[], options: Options, t: Say): Promise<void> {
  if (files.length === 0) throw new AppError('INVALID_INPUT', msg('cli.import.noFiles'));
  const { host, call } = openCliHost(process.argv);
  try {
    const report = await call('orders.import', {
      files: files.map((f) => ({ name: basename(f), base64: readFileSync(f).toString('base64') })),
      ...(typeof options['mapping'] === 'string' ? { mappingName: options['mapping'] } : {}),
    });
    if (report.rejected) {
      for (const line of rowErrorLines(t, report.errors)) console.error(line);
      console.error(t(msg('cli.import.rejected', { count: report.errors.reduce((n, e) => n + (e.repeats?.count ?? 1), 0) })));
      process.exitCode = 1;
      return;
    }
    const { ordersRead: count, created, updated, statusChanges, unchanged } = report;
    const format = report.format === null ? '' : t(msg(`orders.formats.${report.format}`));
    console.log(t(msg('cli.import.done', { format, count, created, updated, statusChanges, unchanged })));
    for (const notice of report.notices) console.log(t(notice));
  } finally {
    host.close();
  }
}
