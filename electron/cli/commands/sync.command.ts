import { hostname } from 'node:os';
import { AppError } from '#shared/contract/errors';
import type { SyncStatus } from '#shared/contract/sync.contract';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import type { Options } from '../cli-text';
import { signIn } from './cli-user';

/**
 * `packdesk sync pair <hub-url> <code> --fingerprint F [--name N] | now | status`: the station's side
 * of sync from a terminal (`now` also uploads the files owed to the hub, and waits for them). An
 * http:// hub needs --insecure-http (nothing is encrypted).
 */
export async function runSync(args: string[], options: Options): Promise<void> {
  const [action, hubUrl, code] = args;
  const { host, call } = openCliHost(process.argv);
  try {
    let status: SyncStatus;
    if (action === 'pair') {
      if (!hubUrl || !code) throw new AppError('INVALID_INPUT', msg('cli.sync.pairUsage'));
      await signIn(call, options);
      const name = typeof options['name'] === 'string' ? options['name'] : hostname();
      const fingerprint = typeof options['fingerprint'] === 'string' ? options['fingerprint'] : undefined;
      status = await call('sync.pair', { hubUrl, code, stationName: name, ...(fingerprint ? { fingerprint } : {}), insecureHttp: options['insecure-http'] === true });
    } else if (action === 'now') {
      status = await call('sync.now', {});
      // A one-shot command waits for the photos and videos too (the app sends them in the background).
      if (!status.lastError) {
        await host.context.attachmentSync.uploadNow();
        status = await call('sync.status', {});
      }
    } else if (action === 'status' || action === undefined) {
      status = await call('sync.status', {});
    } else {
      throw new AppError('INVALID_INPUT', msg('cli.sync.unknownAction', { action }));
    }
    console.log(JSON.stringify(status, null, 2));
    if (status.lastError) process.exitCode = 1;
  } finally {
    host.close();
  }
}
