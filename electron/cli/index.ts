import { parseArgs } from 'node:util';
import { AppError } from '#shared/contract/errors';
import { isLanguage, languageFrom } from '#shared/i18n/catalog';
import { createTranslator } from '#shared/i18n/translator';
import { runBench } from './commands/bench.command';
import { runExport } from './commands/export.command';
import { runHub } from './commands/hub.command';
import { runImport } from './commands/import.command';
import { runLabel } from './commands/label.command';
import { runServe } from './commands/serve.command';
import { runSetup } from './commands/setup.command';
import { runSync } from './commands/sync.command';

const USAGE = `packdesk — the Packdesk (发货台) station from the command line

Usage:
  packdesk serve   [--port 5170] [--host 127.0.0.1] [--open]      start the browser station
  packdesk import  <files…> [--mapping NAME]                      import orders (Taobao CSV pair, 千牛 XLSX, mapped CSV)
  packdesk catalog <file.csv>                                     import SKUs and barcodes
  packdesk pool    <CARRIER> <file.txt>                           add waybill numbers (lists or ranges a-b)
  packdesk samples                                                load the bundled sample data
  packdesk export  [--encoding gbk|utf-8] [--all] [--out FILE]    write the 批量发货 file
  packdesk label   <order-id|tracking-no> [--format png|pdf|tspl|zpl] [--size 100x150|76x130|100x180] [--out FILE]
  packdesk bench   [--pin PIN]                                    read scans from stdin, print one JSON outcome per line
  packdesk hub     [--port 5180] [--host 127.0.0.1]               run the shop's sync hub over HTTPS (DATABASE_URL=postgres://… for PostgreSQL)
                   [--backup-every 60]                            minutes between backups into <data dir>/hub-backups (0: off)
                   [--insecure-http]                              UNSAFE: plain HTTP, nothing encrypted, no hub identity
  packdesk hub pair-code [--role packer|supervisor|admin]         a one-time code for pairing a new station (30 minutes), with the hub's fingerprint
  packdesk hub pair-code --replaces <station-id>                  a code for a new PC that takes over a lost or broken station
  packdesk hub stations                                           the paired stations, their roles and last contact
  packdesk hub revoke <station-id>                                a lost PC: its token stops working at once
  packdesk hub pool <CARRIER> <file.txt>                          add waybill numbers to the hub's pool (leased to stations)
  packdesk hub backup <file.json> | restore <file.json>           back the hub up; restore (rotates the hub epoch)
  packdesk sync    pair <hub-url> <code> --fingerprint XXXX [--name NAME] | now | status
                                                                  pair with the shop's hub (the fingerprint it shows), sync once, show status

Every command takes --data-dir DIR (or PACKDESK_DATA_DIR); the default is the OS app-data folder.
Messages follow --lang zh-CN|en, else LANG.
Commands that change data as a supervisor take --pin PIN.`;

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
    help: { type: 'boolean', short: 'h' },
  },
});

const [command, ...args] = positionals;
const { t } = createTranslator(isLanguage(values.lang) ? values.lang : languageFrom(values.lang ?? process.env['LC_ALL'] ?? process.env['LC_MESSAGES'] ?? process.env['LANG']));
const runners: Record<string, () => Promise<void>> = {
  serve: () => runServe(values),
  import: () => runImport(args, values),
  catalog: () => runSetup('catalog', args, values),
  pool: () => runSetup('pool', args, values),
  samples: () => runSetup('samples', args, values),
  export: () => runExport(values),
  label: () => runLabel(args, values),
  bench: () => runBench(values),
  sync: () => runSync(args, values),
  hub: () => runHub(args, values),
};
const runner = command ? runners[command] : undefined;

if (values.help || !runner) {
  console.log(USAGE);
  process.exitCode = values.help ? 0 : 2;
} else {
  runner().catch((error: unknown) => {
    if (error instanceof AppError) {
      console.error(`packdesk ${command}: ${error.code}: ${t(error.msg)}`);
      if (error.details) console.error(JSON.stringify(error.details, null, 2));
    } else console.error(error);
    process.exitCode = 1;
  });
}
