import { readFileSync, statSync } from 'node:fs';
import { AppError } from '#shared/contract/errors';
import { carrierNameMessage } from '#shared/domain/carriers';
import { msg } from '#shared/i18n/message';
import { resolveDataDir } from '../cli-host';
import {
  checkHubWaybillAccounts, saveHubWaybillKeys, WAYBILL_KEYS_MAX_BYTES, waybillProviderLabel, waybillProviderNames, type WaybillProviderName,
} from '../cli-hub';
import type { Options, Say } from '../cli-text';

/**
 * The hub's e-waybill accounts from the command line (issue 11), run on the hub's machine:
 * `packdesk providers keys <provider> --hub --file account.json` stores one provider's account in
 * the hub's data folder (0600; the keys are never printed back, an error names the field only), and
 * `packdesk providers test --hub [--provider p]` checks each account with its provider.
 */
export async function runProvidersHub(args: string[], options: Options, t: Say): Promise<void> {
  const [sub, ...rest] = args;
  const dataDir = resolveDataDir(typeof options['data-dir'] === 'string' ? ['--data-dir', options['data-dir']] : process.argv, process.env);
  if (sub === 'keys') return keys(dataDir, rest, options, t);
  if (sub === 'test') return test(dataDir, options, t);
  throw new AppError('INVALID_INPUT', msg('cli.providersHub.unknownCommand', { sub: sub ?? '' }));
}

function providerNamed(name: unknown): WaybillProviderName {
  const found = waybillProviderNames.find((p) => p === name);
  if (!found) throw new AppError('INVALID_INPUT', msg('cli.providersHub.unknownProvider', { provider: String(name ?? '').slice(0, 40) }));
  return found;
}

function keys(dataDir: string, args: string[], options: Options, t: Say): void {
  const file = options['file'];
  if (args[0] === undefined || typeof file !== 'string') throw new AppError('INVALID_INPUT', msg('cli.providersHub.keysUsage'));
  const provider = providerNamed(args[0]);
  let account: unknown;
  try {
    if (statSync(file).size > WAYBILL_KEYS_MAX_BYTES) throw new Error('too large');
    account = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('INVALID_INPUT', msg('cli.providersHub.fileUnreadable', { file }));
  }
  const saved = saveHubWaybillKeys(dataDir, provider, account);
  console.log(t(msg('cli.providersHub.keysSaved', { provider: waybillProviderLabel(provider), file: saved })));
}

async function test(dataDir: string, options: Options, t: Say): Promise<void> {
  const only = options['provider'] === undefined ? null : providerNamed(options['provider']);
  const checks = await checkHubWaybillAccounts(dataDir, only, (line) => console.error(line));
  if (checks.length === 0) throw new AppError('INVALID_INPUT', msg('cli.providersHub.noAccounts'));
  for (const c of checks) {
    const provider = waybillProviderLabel(c.provider);
    const carriers = c.carriers.map((code) => { const name = carrierNameMessage(code); return typeof name === 'string' ? name : t(name); }).join(', ');
    console.log(t(c.ok ? msg('cli.providersHub.ok', { provider, carriers }) : msg('cli.providersHub.failed', { provider, reason: c.msg ?? msg('hubWaybills.providerFailed', { provider }) })));
  }
  const failed = checks.filter((c) => !c.ok).length;
  if (failed > 0) throw new AppError('INVALID_INPUT', msg('cli.providersHub.someFailed', { count: failed }));
}
