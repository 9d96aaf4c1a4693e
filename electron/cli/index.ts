import { parseArgs } from 'node:util';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { cliTranslator, errorText } from './cli-text';
import { runAudit } from './commands/audit.command';
import { runBench } from './commands/bench.command';
import { runClaims } from './commands/claims.command';
import { runDamageDecide } from './commands/damage-decide.command';
import { runDamage } from './commands/damage.command';
import { runExport } from './commands/export.command';
import { runHandover } from './commands/handover.command';
import { runHub } from './commands/hub.command';
import { runImport } from './commands/import.command';
import { runProvidersHub } from './commands/providers-hub.command';
import { runInbox } from './commands/inbox.command';
import { runLabel } from './commands/label.command';
import { runReturns } from './commands/returns.command';
import { runServe } from './commands/serve.command';
import { runSetup } from './commands/setup.command';
import { runSync } from './commands/sync.command';
import { runTrackingHub } from './commands/tracking-hub.command';
import { runTracking } from './commands/tracking.command';
import { runProviders, runWaybill } from './commands/waybill.command';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    open: { type: 'boolean' },
    mapping: { type: 'string' },
    encoding: { type: 'string' },
    all: { type: 'boolean' },
    'handed-over': { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    size: { type: 'string' },
    pin: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    'backup-every': { type: 'string' },
    fingerprint: { type: 'string' },
    replaces: { type: 'string' },
    'insecure-http': { type: 'boolean' },
    lang: { type: 'string' },
    json: { type: 'boolean' },
    kind: { type: 'string' },
    user: { type: 'string' },
    bench: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    csv: { type: 'string' },
    limit: { type: 'string' },
    decision: { type: 'string' },
    amount: { type: 'string' },
    carrier: { type: 'string' },
    tracking: { type: 'string' },
    note: { type: 'string' },
    as: { type: 'string' },
    paid: { type: 'string' },
    rejected: { type: 'boolean' },
    // damage and returns
    order: { type: 'string' },
    parcel: { type: 'string' },
    sku: { type: 'string' },
    qty: { type: 'string' },
    reason: { type: 'string' },
    source: { type: 'string' },
    weight: { type: 'string' },
    photo: { type: 'string', multiple: true },
    good: { type: 'string', multiple: true },
    defective: { type: 'string', multiple: true },
    missing: { type: 'string', multiple: true },
    // tracking keys (the hub's online tracking)
    key: { type: 'string' },
    customer: { type: 'string' },
    salt: { type: 'string' },
    'business-id': { type: 'string' },
    'callback-url': { type: 'string' },
    endpoint: { type: 'string' },
    'daily-limit': { type: 'string' },
    'query-type': { type: 'string' },
    'tracking-http-port': { type: 'string' },
    // handover
    courier: { type: 'string' },
    signature: { type: 'string' },
    // e-waybills
    provider: { type: 'string' },
    orders: { type: 'string' },
    awaiting: { type: 'boolean' },
    again: { type: 'boolean' },
    parcels: { type: 'string' },
    file: { type: 'string' },
    hub: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const [command, ...args] = positionals;
const { t, lang } = cliTranslator(values.lang);
const runners: Record<string, () => Promise<void>> = {
  serve: () => runServe(values, t),
  import: () => runImport(args, values, t),
  catalog: () => runSetup('catalog', args, values, t),
  pool: () => runSetup('pool', args, values, t),
  samples: () => runSetup('samples', args, values, t),
  export: () => runExport(values, t),
  label: () => runLabel(args, values),
  bench: () => runBench(values, t),
  sync: () => runSync(args, values),
  hub: () => runHub(args, values, t),
  inbox: () => runInbox(args, values, t),
  audit: () => runAudit(values, t, lang),
  // report|list file and read reports; decide|evidence are the supervisor's.
  damage: () => (args[0] === 'decide' || args[0] === 'evidence' ? runDamageDecide : runDamage)(args, values, t),
  claims: () => runClaims(args, values, t),
  returns: () => runReturns(args, values, t),
  // keys|poll are the hub's (online); import|status read and write this station.
  tracking: () => (args[0] === 'keys' || args[0] === 'poll' ? runTrackingHub : runTracking)(args, values, t),
  handover: () => runHandover(args, values, t),
  waybill: () => runWaybill(args, values, t),
  // --hub: the hub's accounts (it fetches for every bench); otherwise this bench's own.
  providers: () => (values.hub ? runProvidersHub : runProviders)(args, values, t),
};
const runner = command && Object.hasOwn(runners, command) ? runners[command] : undefined;

if (values.help) {
  console.log(t(msg('cli.usage')));
} else if (!runner) {
  // A usage error, on stderr: what was wrong first (an unknown command), then the usage.
  if (command) console.error(t(msg('cli.unknownCommand', { command })));
  console.error(t(msg('cli.usage')));
  process.exitCode = 2;
} else {
  runner().catch((error: unknown) => {
    if (error instanceof AppError) console.error(`packdesk ${command}: ${errorText(t, error)}`);
    else console.error(error);
    process.exitCode = 1;
  });
}
