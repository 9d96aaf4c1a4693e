import { X509Certificate } from 'node:crypto';
import { chmodSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { HubTables } from '../store/hub-schema';

/** The hub's TLS identity: what it serves with, and the fingerprint stations pin. */
export type HubTls = { key: string; cert: string; fingerprint: string };

const FILE = 'hub-tls.pem';
/** Stations pin the key, not a validity period: the certificate outlives any hub PC. */
const VALID_YEARS = 30;

/**
 * The hub's self-signed certificate, made at first start and kept with its data:
 * - SQLite: one file beside hub.db (key and certificate, mode 0600): copying the data folder to a
 *   new PC keeps the hub's identity, as it keeps its log;
 * - PostgreSQL: the hub_tls table. There the database is the hub: the hub process may run on any
 *   PC, or be restarted somewhere without its old folder, and stations must still recognise it.
 *   Whoever can write that database can already rewrite the log, so the key adds no new exposure.
 * Neither travels in backups (see backup.service): a copied backup file must not let anyone pose as the hub.
 * Two processes starting at once agree on one key: the first to store it wins, the other reads it.
 */
export async function loadHubTls(db: Kysely<HubTables>, where: { storage: 'sqlite' | 'postgres'; dataDir?: string }): Promise<HubTls> {
  if (where.storage === 'postgres') {
    const stored = await db.selectFrom('hub_tls').select(['key_pem', 'cert_pem']).where('id', '=', 1).executeTakeFirst();
    if (stored) return identity(stored.key_pem, stored.cert_pem);
    const made = await makeCertificate();
    await db
      .insertInto('hub_tls')
      .values({ id: 1, key_pem: made.key, cert_pem: made.cert, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const row = await db.selectFrom('hub_tls').select(['key_pem', 'cert_pem']).where('id', '=', 1).executeTakeFirstOrThrow();
    return identity(row.key_pem, row.cert_pem);
  }
  if (!where.dataDir) throw new Error('A SQLite hub keeps its certificate in its data folder (dataDir).');
  const file = join(where.dataDir, FILE);
  const existing = readPem(file);
  if (existing) return existing;
  const made = await makeCertificate();
  // Written whole under a temporary name, then linked into place: a reader never sees half a file,
  // and link fails if another process got there first.
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, `${made.key}\n${made.cert}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  const stored = readPem(file);
  if (!stored) throw new Error(`${file} holds no key and certificate; move it away and start the hub again`);
  return stored;
}

function readPem(file: string): HubTls | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(text)?.[0];
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  return key && cert ? identity(key, cert) : null;
}

/** SHA-256 over the certificate's DER bytes, lowercase hex: what a TLS client sees as fingerprint256. */
export const certificateFingerprint = (cert: string): string => new X509Certificate(cert).fingerprint256.replace(/:/g, '').toLowerCase();

const identity = (key: string, cert: string): HubTls => ({ key, cert, fingerprint: certificateFingerprint(cert) });

async function makeCertificate(): Promise<{ key: string; cert: string }> {
  // Loaded only the one time a hub makes its certificate: it weighs a second of start-up otherwise.
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 86_400_000);
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + VALID_YEARS);
  const made = await generate([{ name: 'commonName', value: 'Packdesk hub' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'packdesk-hub' }] },
    ],
  });
  return { key: made.private, cert: made.cert };
}
