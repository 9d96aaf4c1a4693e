import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stationRoleSchema, type StationRole } from '#shared/contract/hub.contract';
import { AppError } from '#shared/contract/errors';
import { findCarrier } from '#shared/domain/carriers';
import { formatBeijing } from '#shared/domain/datetime';
import { benchSaid } from '#shared/domain/factory-names';
import { FINGERPRINT_MIN_HEX, fingerprintPrefix, formatFingerprint } from '#shared/domain/fingerprint';
import { msg } from '#shared/i18n/message';
import { APP_VERSION, deskFor, parseWaybillPool, resolveDataDir } from '../cli-host';
import {
  PAIRING_TTL_MINUTES, createHub, deskLink, lanAddresses, scheduleBackups, startHubServer, startTrackingCallbackServer, writePrivateFile, type Hub, type HubBackup,
} from '../cli-hub';
import { rowErrorLines, type Options, type Say } from '../cli-text';

const SUBCOMMANDS = 'pair-code | stations | revoke | pool | backup | restore';
/** A station's role as the reader says it (打包工位, Packing station), not the wire's packer/admin. */
const roleSaid = (role: StationRole) => msg(`sync.stationRoles.${role}`);

/**
 * `packdesk hub`: runs the shop's sync hub, or manages it (pairing codes, stations, the waybill
 * pool, backups). The data sits beside the station's (<data dir>/hub.db) unless DATABASE_URL
 * names a PostgreSQL database; attachments are files in <data dir>/hub-attachments/ either way.
 * The management commands open the same storage, so they work while the hub is running.
 */
export async function runHub(args: string[], options: Options, t: Say): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === undefined) return serveHub(options, t);
  const run = { 'pair-code': pairCode, stations: listStations, revoke, pool: importPool, backup, restore }[sub];
  if (!run) throw new AppError('INVALID_INPUT', msg('cli.hub.unknownCommand', { sub, subcommands: SUBCOMMANDS }));
  const hub = await openHub();
  try {
    await run(hub, rest, t, options);
  } finally {
    await hub.close();
  }
}

async function openHub(): Promise<Hub> {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  try {
    return await createHub({
      // A PostgreSQL hub keeps its log in the database and the stations' photos and videos in the data folder.
      dataDir: resolveDataDir(process.argv, process.env),
      ...(databaseUrl ? { databaseUrl } : {}),
      appVersion: APP_VERSION,
      log: (line) => console.error(line),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (databaseUrl) throw new AppError('HUB_UNREACHABLE', msg('cli.hub.cannotOpenPostgres', { reason: message }));
    throw new AppError('INTERNAL', msg('cli.hub.cannotOpen', { reason: message }));
  }
}

async function serveHub(options: Options, t: Say): Promise<void> {
  const port = typeof options['port'] === 'string' ? Number(options['port']) : 5180;
  const host = typeof options['host'] === 'string' ? options['host'] : '127.0.0.1';
  const insecureHttp = options['insecure-http'] === true;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('INVALID_INPUT', msg('cli.hub.badPort', { port: String(options['port']) }));
  const hub = await openHub();
  const dataDir = resolveDataDir(process.argv, process.env);
  const log = (line: string, error?: unknown) => console.error(line, error ?? '');
  // The supervisor's phone pages (a desk station in <data dir>/desk): never over plain HTTP, and the hub runs without them if they fail.
  const desk = insecureHttp
    ? null
    : await deskFor(log)(deskLink(hub), join(dataDir, 'desk')).catch((error: unknown) => {
        console.error(t(msg('cli.hub.deskFailed', { reason: error instanceof Error ? error.message : String(error) })));
        return null;
      });
  let server: Awaited<ReturnType<typeof startHubServer>>;
  try {
    server = await startHubServer(hub, { port, host, insecureHttp, ...(desk ? { desk: desk.mount } : {}) });
  } catch (error) {
    await desk?.close();
    await hub.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new AppError('CONFLICT', msg('cli.hub.portInUse', { port }));
    }
    throw error;
  }
  const callbacks = await trackingCallbacks(hub, options, host, t).catch(async (error: unknown) => {
    await server.close();
    await desk?.close();
    await hub.close();
    throw error;
  });
  const every = typeof options['backup-every'] === 'string' ? Number(options['backup-every']) : 60;
  if (!Number.isFinite(every) || every < 0) throw new AppError('INVALID_INPUT', msg('cli.hub.badBackupEvery'));
  const backupDir = join(dataDir, 'hub-backups');
  const stopBackups = every > 0 ? scheduleBackups(hub, backupDir, every, (line) => console.error(line)) : () => {};
  const [packer, supervisor] = [await hub.newPairingCode('packer'), await hub.newPairingCode('supervisor')];
  // The first line is for scripts as much as for people: the same in every language.
  console.log(`Packdesk hub: ${server.url}`);
  const scheme = insecureHttp ? 'http' : 'https';
  if (host === '0.0.0.0') for (const address of lanAddresses()) console.log(t(msg('cli.hub.lan', { url: `${scheme}://${address}:${server.port}` })));
  else if (host === '127.0.0.1' || host === 'localhost') console.log(t(msg('cli.hub.localOnly')));
  if (insecureHttp) console.log(t(msg('cli.hub.phoneOff')));
  else if (desk) printPhoneUrls(host, server, t);
  console.log(t(msg('cli.hub.storage', { storage: hub.storage, where: hub.where })));
  console.log(t(msg('cli.hub.epoch', { epoch: await hub.epoch() })));
  console.log(t(every > 0 ? msg('cli.hub.backupsOn', { every, dir: backupDir }) : msg('cli.hub.backupsOff')));
  if (insecureHttp) console.log(t(msg('cli.hub.insecureWarning')));
  else printFingerprint(hub.tls.fingerprint, t);
  console.log(t(msg('cli.hub.pairPacker', { code: packer.code, minutes: PAIRING_TTL_MINUTES })));
  console.log(t(msg('cli.hub.pairSupervisor', { code: supervisor.code, minutes: PAIRING_TTL_MINUTES })));
  // An admin station manages the shop's users: its code is made on purpose, never lying in a console.
  console.log(t(msg('cli.hub.pairAdminHint')));
  const stop = () => {
    stopBackups();
    setTimeout(() => process.exit(0), 5000).unref();
    void server
      .close()
      .then(() => callbacks?.close())
      .then(() => desk?.close())
      .then(() => hub.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * --tracking-http-port: 快递100 pushes over plain HTTP only (§1.3 of research/providers.md), so the
 * hub can listen on a second port that serves the two tracking push paths and nothing else.
 */
async function trackingCallbacks(hub: Hub, options: Options, host: string, t: Say) {
  if (typeof options['tracking-http-port'] !== 'string') return null;
  const port = Number(options['tracking-http-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('INVALID_INPUT', msg('cli.hub.badPort', { port: options['tracking-http-port'] }));
  const callbacks = await startTrackingCallbackServer(hub, { port, host });
  console.log(t(msg('cli.trackingHub.callbackListening', { url: `${callbacks.url}/tracking/push/kuaidi100` })));
  return callbacks;
}

/** Where supervisors' phones open the desk: the hub's own address, at its root. */
function printPhoneUrls(host: string, server: { url: string; port: number }, t: Say): void {
  if (host === '0.0.0.0' || host === '::') for (const address of lanAddresses()) console.log(t(msg('cli.hub.phone', { url: `https://${address}:${server.port}/` })));
  else if (host === '127.0.0.1' || host === 'localhost' || host === '::1') console.log(t(msg('cli.hub.phoneLocalOnly', { url: `${server.url}/` })));
  else console.log(t(msg('cli.hub.phone', { url: `${server.url}/` })));
}

async function pairCode(hub: Hub, _args: string[], t: Say, options: Options): Promise<void> {
  const replaces = typeof options['replaces'] === 'string' ? options['replaces'] : null;
  if (replaces !== null) {
    // The new PC takes over this station's id and sequence; the old PC's unused waybill numbers are retired.
    const code = await hub.newReplacementCode(replaces);
    if (!code) throw new AppError('NOT_FOUND', msg('hub.pairing.unknownStation', { stationId: replaces }));
    console.log(t(msg('cli.hub.replacementCode', { id: replaces, role: roleSaid(code.role), code: code.code, expires: formatBeijing(code.expiresAt) })));
    printFingerprint(code.fingerprint, t);
    return;
  }
  const parsed = stationRoleSchema.safeParse(options['role'] ?? 'packer');
  if (!parsed.success) throw new AppError('INVALID_INPUT', msg('cli.hub.badRole'));
  const role: StationRole = parsed.data;
  const code = await hub.newPairingCode(role);
  console.log(t(msg('cli.hub.pairCode', { role: roleSaid(role), code: code.code, expires: formatBeijing(code.expiresAt) })));
  printFingerprint(code.fingerprint, t);
}

/** What the admin reads to the station: the whole fingerprint, and the part that must be typed. */
function printFingerprint(fingerprint: string, t: Say): void {
  console.log(t(msg('cli.hub.fingerprint', { fingerprint: formatFingerprint(fingerprint), count: FINGERPRINT_MIN_HEX, prefix: fingerprintPrefix(fingerprint) })));
}

async function listStations(hub: Hub, _args: string[], t: Say): Promise<void> {
  const stations = await hub.stations();
  if (stations.length === 0) console.log(t(msg('cli.hub.noStations')));
  for (const s of stations) {
    const line = { name: benchSaid(s.name), role: roleSaid(s.role), id: s.stationId, seq: s.lastSeq, seen: s.lastSeen ? formatBeijing(s.lastSeen, { seconds: true }) : msg('cli.hub.never'), version: s.appVersion ?? '' };
    console.log(t(msg('cli.hub.station', line)));
  }
}

async function revoke(hub: Hub, args: string[], t: Say): Promise<void> {
  const [id] = args;
  if (!id) throw new AppError('INVALID_INPUT', msg('cli.hub.revokeUsage'));
  if (!(await hub.revokeStation(id))) throw new AppError('NOT_FOUND', msg('cli.hub.noStation', { id }));
  console.log(t(msg('cli.hub.revoked', { id })));
  console.log(t(msg('cli.hub.replaceHint', { id })));
}

async function importPool(hub: Hub, args: string[], t: Say): Promise<void> {
  const [carrierText, file] = args;
  if (!carrierText || !file) throw new AppError('INVALID_INPUT', msg('cli.hub.poolUsage'));
  const carrier = findCarrier(carrierText);
  if (!carrier) throw new AppError('INVALID_INPUT', msg('cli.hub.unknownCarrier', { carrier: carrierText }));
  const parsed = parseWaybillPool({ name: basename(file), bytes: readFileSync(file) }, { carrierCode: carrier.code });
  for (const line of rowErrorLines(t, parsed.errors)) console.error(line);
  for (const line of rowErrorLines(t, parsed.warnings)) console.error(`${t(msg('report.warning'))}${t(msg('common.colon'))}${line}`);
  if (parsed.errors.length > 0) throw new AppError('INVALID_INPUT', msg('cli.hub.unreadableLines', { count: parsed.errors.length, file }));
  const { added, known } = await hub.importPool(carrier.code, parsed.numbers);
  console.log(t(msg('cli.hub.poolDone', { carrier: carrier.code, added, known: known + parsed.duplicates })));
}

async function backup(hub: Hub, args: string[], t: Say): Promise<void> {
  const [file] = args;
  if (!file) throw new AppError('INVALID_INPUT', msg('cli.hub.backupUsage'));
  const dump = await hub.backup();
  // The whole shop: readable by this user only.
  writePrivateFile(file, JSON.stringify(dump));
  console.log(t(msg('cli.hub.backupDone', { file, head: dump.head, stations: dump.tables.stations.length, epoch: dump.epoch })));
}

async function restore(hub: Hub, args: string[], t: Say): Promise<void> {
  const [file] = args;
  if (!file) throw new AppError('INVALID_INPUT', msg('cli.hub.restoreUsage'));
  let dump: HubBackup;
  try {
    dump = JSON.parse(readFileSync(file, 'utf8')) as HubBackup;
  } catch (error) {
    throw new AppError('INVALID_INPUT', msg('cli.hub.cannotRead', { file, reason: (error as Error).message }));
  }
  try {
    await hub.restore(dump);
  } catch (error) {
    throw new AppError('INVALID_INPUT', msg('cli.hub.notRestored', { reason: (error as Error).message }));
  }
  console.log(t(msg('cli.hub.restored', { takenAt: formatBeijing(dump.takenAt, { seconds: true }) || dump.takenAt, head: dump.head, epoch: await hub.epoch() })));
  console.log(t(msg('cli.hub.restoredHint')));
}
