import { join } from 'node:path';
import { AppError } from '#shared/contract/errors';
import { carrierNameMessage } from '#shared/domain/carriers';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg, type Message } from '#shared/i18n/message';
import { APP_VERSION, resolveDataDir } from '../cli-host';
import { createHub, saveTrackingKeys, TRACKING_KEYS_FILE } from '../cli-hub';
import type { Options, Say } from '../cli-text';

const PROVIDERS = ['kuaidi100', 'kdniao'] as const;

/**
 * The hub's online tracking from the command line: `packdesk tracking keys <provider> …` stores a
 * provider's credentials in the hub's data folder (0600, never printed back), and `packdesk
 * tracking poll` runs one round now and prints what changed. Both use the hub's storage
 * (<data dir>/hub.db, or DATABASE_URL), like `packdesk hub …`.
 */
export async function runTrackingHub(args: string[], options: Options, t: Say): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'keys') return keys(rest, options, t);
  if (sub === 'poll') return poll(t);
  throw new AppError('INVALID_INPUT', msg('cli.trackingHub.unknownCommand', { sub: sub ?? '' }));
}

const text = (options: Options, name: string): string | undefined => (typeof options[name] === 'string' ? options[name] : undefined);

function keys(args: string[], options: Options, t: Say): void {
  const provider = PROVIDERS.find((p) => p === args[0]);
  if (!provider) throw new AppError('INVALID_INPUT', msg('cli.trackingHub.keysUsage'));
  const dailyLimit = text(options, 'daily-limit');
  // The secrets may come from the environment instead: a command line is readable by every user of
  // the PC (ps), a process's environment only by its own user.
  const env = (name: string) => process.env[name] || undefined;
  const input = {
    key: text(options, 'key') ?? env('PACKDESK_TRACKING_KEY'), customer: text(options, 'customer'), salt: text(options, 'salt') ?? env('PACKDESK_TRACKING_SALT'),
    businessId: text(options, 'business-id'),
    callbackUrl: text(options, 'callback-url'), endpoint: text(options, 'endpoint'), queryType: text(options, 'query-type'),
    ...(dailyLimit === undefined ? {} : { dailyLimit: Number(dailyLimit) }),
  };
  const dataDir = resolveDataDir(process.argv, process.env);
  const saved = saveTrackingKeys(dataDir, provider, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  const callbackUrl = saved[provider]?.callbackUrl ?? null;
  console.log(t(msg('cli.trackingHub.keysSaved', { provider: t(msg(`trackingHub.provider.${provider}` as MessageKey)), file: join(dataDir, TRACKING_KEYS_FILE) })));
  console.log(t(callbackUrl ? msg('cli.trackingHub.pushesOn', { url: callbackUrl }) : msg('cli.trackingHub.pushesOff')));
  console.log(t(msg('cli.trackingHub.limit', { limit: saved[provider]?.dailyLimit ?? 0 })));
}

async function poll(t: Say): Promise<void> {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const hub = await createHub({
    dataDir: resolveDataDir(process.argv, process.env), ...(databaseUrl ? { databaseUrl } : {}), appVersion: APP_VERSION,
    log: (line) => console.error(line), trackingEveryMs: 0,
  });
  try {
    const round = await hub.tracking.pollNow();
    if (round.configured.length === 0) throw new AppError('INVALID_INPUT', msg('cli.trackingHub.noKeys'));
    const state = (s: string | null): Message => msg(s === null ? 'trackingHub.state.none' : (`trackingHub.state.${s}` as MessageKey));
    for (const c of round.changes) {
      const carrier = carrierNameMessage(c.carrierCode);
      console.log(t(msg('cli.trackingHub.changed', { trackingNo: c.trackingNo, carrier, from: state(c.from), to: state(c.to) })));
    }
    for (const f of round.failures) console.log(t(msg('cli.trackingHub.failed', { trackingNo: f.trackingNo, reason: f.message })));
    console.log(t(msg('cli.trackingHub.round', { asked: round.asked, subscribed: round.subscribed, changed: round.changes.length, failed: round.failures.length })));
  } finally {
    await hub.close();
  }
}
