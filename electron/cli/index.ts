import { parseArgs } from 'node:util';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { cliTranslator, errorText } from './cli-text';

const options = {
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
  confirm: { type: 'boolean' },
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
} as const;

/**
 * `--amount -3` as `--amount=-3`: parseArgs takes a value that starts with a dash for an option of
 * its own and refuses the line, so a negative number has to be given to an option that takes one.
 */
const argv: string[] = [];
for (const arg of process.argv.slice(2)) {
  const option = /^--([a-z-]+)$/.exec(argv.at(-1) ?? '')?.[1] as keyof typeof options | undefined;
  if (option && options[option]?.type === 'string' && /^-\d/.test(arg)) argv.push(`${argv.pop()!}=${arg}`);
  else argv.push(arg);
}

/** The command line, or a usage error in one line naming the option (parseArgs' own is a stack trace in English). */
function readArgs() {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    // Read leniently this time, for --lang only: the refusal speaks the language asked for.
    const { t } = cliTranslator(parseArgs({ args: argv, allowPositionals: true, options, strict: false }).values['lang']);
    const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1] ?? '';
    const key = code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? 'cli.optionNeedsValue' : 'cli.unknownOption';
    console.error(t(msg(key, { option })));
    console.error(t(msg('cli.usage')));
    process.exit(2);
  }
}
const { values, positionals } = readArgs();

const [command, ...args] = positionals;
const { t, lang } = cliTranslator(values.lang);
// Each command's modules load only when it runs: the help, a usage error and a quick command do not
// load the hub, the PDF fonts and the spreadsheet reader (~1.5 s).
const runners: Record<string, () => Promise<void>> = {
  serve: async () => (await import('./commands/serve.command')).runServe(values, t),
  import: async () => (await import('./commands/import.command')).runImport(args, values, t),
  catalog: async () => (await import('./commands/setup.command')).runSetup('catalog', args, values, t),
  pool: async () => (await import('./commands/setup.command')).runSetup('pool', args, values, t),
  samples: async () => (await import('./commands/setup.command')).runSetup('samples', args, values, t),
  export: async () => (await import('./commands/export.command')).runExport(values, t),
  label: async () => (await import('./commands/label.command')).runLabel(args, values),
  bench: async () => (await import('./commands/bench.command')).runBench(values, t),
  sync: async () => (await import('./commands/sync.command')).runSync(args, values),
  hub: async () => (await import('./commands/hub.command')).runHub(args, values, t),
  inbox: async () => (await import('./commands/inbox.command')).runInbox(args, values, t),
  audit: async () => (await import('./commands/audit.command')).runAudit(values, t, lang),
  // report|list file and read reports; decide|evidence are the supervisor's.
  damage: async () =>
    args[0] === 'decide' || args[0] === 'evidence'
      ? (await import('./commands/damage-decide.command')).runDamageDecide(args, values, t)
      : (await import('./commands/damage.command')).runDamage(args, values, t),
  claims: async () => (await import('./commands/claims.command')).runClaims(args, values, t),
  returns: async () => (await import('./commands/returns.command')).runReturns(args, values, t),
  // keys|poll are the hub's (online); import|status read and write this station.
  tracking: async () =>
    args[0] === 'keys' || args[0] === 'poll'
      ? (await import('./commands/tracking-hub.command')).runTrackingHub(args, values, t)
      : (await import('./commands/tracking.command')).runTracking(args, values, t),
  handover: async () => (await import('./commands/handover.command')).runHandover(args, values, t),
  waybill: async () => (await import('./commands/waybill.command')).runWaybill(args, values, t),
  // --hub: the hub's accounts (it fetches for every bench); otherwise this bench's own.
  providers: async () =>
    values.hub
      ? (await import('./commands/providers-hub.command')).runProvidersHub(args, values, t)
      : (await import('./commands/waybill.command')).runProviders(args, values, t),
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
