import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stationRoleSchema, type StationRole } from '#shared/contract/hub.contract';
import { AppError } from '#shared/contract/errors';
import { findCarrier } from '#shared/domain/carriers';
import { FINGERPRINT_MIN_HEX, fingerprintPrefix, formatFingerprint } from '#shared/domain/fingerprint';
import { msg } from '#shared/i18n/message';
import { APP_VERSION, PAIRING_TTL_MINUTES, createHub, lanAddresses, parseWaybillPool, resolveDataDir, scheduleBackups, startHubServer, type Hub, type HubBackup } from '../cli-host';

type Options = Record<string, string | boolean | undefined>;


const SUBCOMMANDS = 'pair-code | stations | revoke | pool | backup | restore';

/**
 * `packdesk hub`: runs the shop's sync hub, or manages it (pairing codes, stations, the waybill
 * pool, backups). The data sits beside the station's (<data dir>/hub.db) unless DATABASE_URL
 * names a PostgreSQL database. The management commands open the same storage, so they work
 * while the hub is running.
 */
export async function runHub(args: string[], options: Options): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === undefined) return serveHub(options);
  const run = { 'pair-code': pairCode, stations: listStations, revoke, pool: importPool, backup, restore }[sub];
  if (!run) throw new AppError('INVALID_INPUT', `Unknown hub command "${sub}" (use: packdesk hub [${SUBCOMMANDS}])`);
  const hub = await openHub();
  try {
    await run(hub, rest, options);
  } finally {
    await hub.close();
  }
}

async function openHub(): Promise<Hub> {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  try {
    return await createHub({
      ...(databaseUrl ? { databaseUrl } : { dataDir: resolveDataDir(process.argv, process.env) }),
      appVersion: APP_VERSION,
      log: (line) => console.error(line),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (databaseUrl) throw new AppError('HUB_UNREACHABLE', `Cannot open the PostgreSQL hub named by DATABASE_URL: ${message}`);
    throw new AppError('INTERNAL', `Cannot open the hub database: ${message}`);
  }
}

async function serveHub(options: Options): Promise<void> {
  const port = typeof options['port'] === 'string' ? Number(options['port']) : 5180;
  const host = typeof options['host'] === 'string' ? options['host'] : '127.0.0.1';
  const insecureHttp = options['insecure-http'] === true;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('INVALID_INPUT', `--port: not a port number: ${String(options['port'])}`);
  const hub = await openHub();
  let server: Awaited<ReturnType<typeof startHubServer>>;
  try {
    server = await startHubServer(hub, { port, host, insecureHttp });
  } catch (error) {
    await hub.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new AppError('CONFLICT', `Port ${port} is in use (is a hub already running?); choose another with --port`);
    }
    throw error;
  }
  const every = typeof options['backup-every'] === 'string' ? Number(options['backup-every']) : 60;
  if (!Number.isFinite(every) || every < 0) throw new AppError('INVALID_INPUT', '--backup-every: minutes between backups (0 turns them off)');
  const backupDir = join(resolveDataDir(process.argv, process.env), 'hub-backups');
  const stopBackups = every > 0 ? scheduleBackups(hub, backupDir, every, (line) => console.error(line)) : () => {};
  const [packer, supervisor] = [await hub.newPairingCode('packer'), await hub.newPairingCode('supervisor')];
  const scheme = insecureHttp ? 'http' : 'https';
  console.log(`Packdesk hub: ${server.url}`);
  if (host === '0.0.0.0') for (const address of lanAddresses()) console.log(`  on the shop network: ${scheme}://${address}:${server.port}`);
  else if (host === '127.0.0.1' || host === 'localhost') console.log('  (this PC only; for the shop\'s other PCs start it with --host 0.0.0.0)');
  console.log(`Storage: ${hub.storage} (${hub.where})`);
  console.log(`Epoch: ${await hub.epoch()}`);
  console.log(every > 0 ? `Backups: every ${every} minutes into ${backupDir} (newest 48 kept)` : 'Backups: off (--backup-every 0)');
  if (insecureHttp) {
    console.log('WARNING: plain HTTP (--insecure-http). Pairing codes, tokens and every op cross the network unencrypted, and');
    console.log('         stations cannot tell this hub from an impostor. Use it only on a network you fully trust.');
  } else printFingerprint(hub.tls.fingerprint);
  console.log(`Pairing code for a packer station:     ${packer.code} (valid ${PAIRING_TTL_MINUTES} minutes)`);
  console.log(`Pairing code for a supervisor station: ${supervisor.code} (valid ${PAIRING_TTL_MINUTES} minutes)`);
  const stop = () => {
    stopBackups();
    setTimeout(() => process.exit(0), 5000).unref();
    void server
      .close()
      .then(() => hub.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function pairCode(hub: Hub, _args: string[], options: Options): Promise<void> {
  const replaces = typeof options['replaces'] === 'string' ? options['replaces'] : null;
  if (replaces !== null) {
    // The new PC takes over this station's id and sequence; the old PC's unused waybill numbers are retired.
    const code = await hub.newReplacementCode(replaces);
    if (!code) throw new AppError('NOT_FOUND', msg('hub.pairing.unknownStation', { stationId: replaces }));
    console.log(`Replacement code for station ${replaces} (${code.role}): ${code.code} (valid until ${code.expiresAt})`);
    console.log('Enter it on the new PC: it takes over that station and continues its work. The old PC can no longer sync.');
    printFingerprint(code.fingerprint);
    return;
  }
  const parsed = stationRoleSchema.safeParse(options['role'] ?? 'packer');
  if (!parsed.success) throw new AppError('INVALID_INPUT', '--role must be packer, supervisor or admin');
  const role: StationRole = parsed.data;
  const code = await hub.newPairingCode(role);
  console.log(`Pairing code for a new ${role} station: ${code.code} (valid until ${code.expiresAt})`);
  printFingerprint(code.fingerprint);
}

/** What the admin reads to the station: the whole fingerprint, and the part that must be typed. */
function printFingerprint(fingerprint: string): void {
  console.log(`Hub certificate fingerprint (SHA-256): ${formatFingerprint(fingerprint)}`);
  console.log(`  on the station, type at least the first ${FINGERPRINT_MIN_HEX} characters: ${fingerprintPrefix(fingerprint)}`);
}

async function listStations(hub: Hub): Promise<void> {
  const stations = await hub.stations();
  if (stations.length === 0) console.log('No stations paired yet: run `packdesk hub pair-code` and enter the code at a station.');
  for (const s of stations) {
    console.log(`${s.name}\t${s.role}\t${s.stationId}\tops ${s.lastSeq}\tlast seen ${s.lastSeen ?? 'never'}\t${s.appVersion ?? ''}`);
  }
}

async function revoke(hub: Hub, args: string[]): Promise<void> {
  const [stationId] = args;
  if (!stationId) throw new AppError('INVALID_INPUT', 'Usage: packdesk hub revoke <station-id> (see packdesk hub stations)');
  if (!(await hub.revokeStation(stationId))) throw new AppError('NOT_FOUND', `No paired station ${stationId} (see packdesk hub stations)`);
  console.log(`Station ${stationId} can no longer sync. Its ops and waybill leases stay.`);
  console.log(`A new PC takes its place with a replacement code: packdesk hub pair-code --replaces ${stationId}`);
}

async function importPool(hub: Hub, args: string[]): Promise<void> {
  const [carrierText, file] = args;
  if (!carrierText || !file) throw new AppError('INVALID_INPUT', 'Usage: packdesk hub pool <CARRIER> <file.txt>');
  const carrier = findCarrier(carrierText);
  if (!carrier) throw new AppError('INVALID_INPUT', `Unknown carrier "${carrierText}" (use a code such as YTO, ZTO, STO, YUNDA, SF)`);
  const parsed = parseWaybillPool({ name: basename(file), bytes: readFileSync(file) }, { carrierCode: carrier.code });
  for (const e of parsed.errors) console.error(`line ${e.line}: ${e.message}`);
  for (const w of parsed.warnings) console.error(`warning: ${w}`);
  if (parsed.errors.length > 0) throw new AppError('INVALID_INPUT', `${parsed.errors.length} unreadable lines in ${file}; nothing was added`);
  const { added, known } = await hub.importPool(carrier.code, parsed.numbers);
  console.log(`${carrier.code}: ${added} numbers added to the hub's pool, ${known + parsed.duplicates} already known`);
}

async function backup(hub: Hub, args: string[]): Promise<void> {
  const [file] = args;
  if (!file) throw new AppError('INVALID_INPUT', 'Usage: packdesk hub backup <file.json>');
  const dump = await hub.backup();
  writeFileSync(file, JSON.stringify(dump));
  console.log(`Backup written to ${file}: ${dump.head} log entries, ${dump.tables.stations.length} stations, epoch ${dump.epoch}`);
}

async function restore(hub: Hub, args: string[]): Promise<void> {
  const [file] = args;
  if (!file) throw new AppError('INVALID_INPUT', 'Usage: packdesk hub restore <file.json>');
  let dump: HubBackup;
  try {
    dump = JSON.parse(readFileSync(file, 'utf8')) as HubBackup;
  } catch (error) {
    throw new AppError('INVALID_INPUT', `Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    await hub.restore(dump);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `Not restored: ${(error as Error).message}`);
  }
  console.log(`Restored the backup taken ${dump.takenAt} (${dump.head} log entries). New epoch: ${await hub.epoch()}`);
  console.log('Stations will notice the new epoch on their next sync and push again what the backup lacks.');
}
