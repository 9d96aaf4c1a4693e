import { randomBytes, randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { PairResponse, StationRole, Versions } from '#shared/contract/hub.contract';
import { msg, type Message } from '#shared/i18n/message';
import { rateLimited, stationTaken, unauthenticated } from '../hub-errors';
import type { HubTables } from '../store/hub-schema';
import { retireHeldNumbers } from '../sync/lease.service';
import { withLogWriter } from '../sync/hub-log.repo';
import { sha256 } from './stations.repo';

export const PAIRING_TTL_MINUTES = 30;
/**
 * Wrong codes allowed per source address and window. 10^8 codes: at 20 guesses per 10 minutes one
 * address needs decades to hit a live code, and an address that guesses locks out only itself.
 */
export const PAIRING_TRIES = 20;
export const PAIRING_WINDOW_MINUTES = 10;

export type PairingCode = { code: string; role: StationRole; expiresAt: string; replaces: string | null };
export type PairRequest = Versions & { code: string; stationId: string; stationName: string };
export type Paired = Pick<PairResponse, 'token' | 'role' | 'stationName' | 'stationId' | 'lastSeq'>;

/**
 * One-time codes an admin reads off the hub and types into a station. A code pairs a new station
 * only; a replacement code (made for one named station) lets a new PC take over that station.
 */
export function createPairing(db: Kysely<HubTables>, now: () => Date) {
  async function insertCode(role: StationRole, replaces: string | null, ttlMinutes: number): Promise<PairingCode> {
    const at = now();
    const expiresAt = new Date(at.getTime() + ttlMinutes * 60_000).toISOString();
    const stale = new Date(at.getTime() - 86_400_000).toISOString();
    await db.deleteFrom('pairing_codes').where('expires_at', '<', stale).execute();
    await db.deleteFrom('pairing_attempts').where('window_start', '<', stale).execute();
    for (;;) {
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
      const added = await db
        .insertInto('pairing_codes')
        .values({ code_hash: sha256(code), role, expires_at: expiresAt, used_at: null, used_by: null, created_at: at.toISOString(), replaces })
        .onConflict((oc) => oc.column('code_hash').doNothing())
        .returning('code_hash')
        .execute();
      if (added.length === 1) return { code, role, expiresAt, replaces };
    }
  }

  /**
   * Counts this try before the code is looked at, in one atomic upsert: concurrent guesses from
   * one address each get their own count, so no more than PAIRING_TRIES are ever evaluated.
   */
  async function countTry(source: string, at: Date): Promise<number> {
    const windowStart = new Date(at.getTime() - PAIRING_WINDOW_MINUTES * 60_000).toISOString();
    const stamp = at.toISOString();
    const fresh = sql<boolean>`pairing_attempts.window_start <= ${windowStart}`;
    const row = await db
      .insertInto('pairing_attempts')
      .values({ source, window_start: stamp, attempts: 1 })
      .onConflict((oc) =>
        oc.column('source').doUpdateSet({
          attempts: sql<number>`CASE WHEN ${fresh} THEN 1 ELSE pairing_attempts.attempts + 1 END`,
          window_start: sql<string>`CASE WHEN ${fresh} THEN ${stamp} ELSE pairing_attempts.window_start END`,
        }),
      )
      .returning('attempts')
      .executeTakeFirstOrThrow();
    return Number(row.attempts);
  }

  /** A right code costs nothing: only wrong ones count against the address. */
  const refundTry = (source: string) =>
    db.updateTable('pairing_attempts').set({ attempts: sql<number>`attempts - 1` }).where('source', '=', source).where('attempts', '>', 0).execute();

  /**
   * Why a code did not pair. Expired or used is said as such: only someone who was given the code
   * (or guessed a dead one, which pairs nothing) learns it, and tries are counted the same either way.
   */
  async function whyRefused(code: string): Promise<Message> {
    const row = await db.selectFrom('pairing_codes').select(['used_at', 'expires_at']).where('code_hash', '=', sha256(code)).executeTakeFirst();
    if (row?.used_at) return msg('hub.pairing.codeUsed');
    if (row && row.expires_at <= now().toISOString()) return msg('hub.pairing.codeExpired', { minutes: PAIRING_TTL_MINUTES });
    return msg('hub.pairing.wrongCode');
  }

  return {
    newCode: (role: StationRole, ttlMinutes = PAIRING_TTL_MINUTES) => insertCode(role, null, ttlMinutes),

    /** A code that hands `stationId`'s identity (and role) to a new PC; null when no such station. */
    async newReplacementCode(stationId: string, ttlMinutes = PAIRING_TTL_MINUTES): Promise<PairingCode | null> {
      const station = await db.selectFrom('stations').select('role').where('station_id', '=', stationId).executeTakeFirst();
      return station ? insertCode(station.role, stationId, ttlMinutes) : null;
    },

    /** Trades a code for a token. `source`: who asks (an address, see sourceKey). */
    async pair(request: PairRequest, source: string): Promise<Paired> {
      const at = now();
      if ((await countTry(source, at)) > PAIRING_TRIES) {
        throw rateLimited(msg('hub.pairing.tooManyTries', { minutes: PAIRING_WINDOW_MINUTES }), PAIRING_WINDOW_MINUTES * 60);
      }
      const token = randomBytes(32).toString('base64url');
      // A log writer: a replacement retires the old PC's numbers with log entries, in the same transaction.
      const paired = await withLogWriter(db, now, async (w) => {
        const code = await w.trx
          .updateTable('pairing_codes')
          .set({ used_at: at.toISOString(), used_by: request.stationId })
          .where('code_hash', '=', sha256(request.code))
          .where('used_at', 'is', null)
          .where('expires_at', '>', at.toISOString())
          .returning(['role', 'replaces'])
          .executeTakeFirst();
        if (!code) return undefined;
        const fields = {
          name: request.stationName, token_hash: sha256(token), last_seen: at.toISOString(),
          app_version: request.appVersion, schema_version: request.schemaVersion, paired_at: at.toISOString(),
        };
        const asking = await w.trx.selectFrom('stations').select(['station_id', 'name']).where('station_id', '=', request.stationId).executeTakeFirst();
        if (code.replaces === null) {
          // Throwing rolls the transaction back: the code stays usable for the station it was meant for.
          if (asking) throw stationTaken(msg('hub.pairing.stationTaken'));
          await w.trx.insertInto('stations').values({ station_id: request.stationId, role: code.role, last_seq: 0, ...fields }).execute();
          return { token, role: code.role, stationName: request.stationName, stationId: request.stationId, lastSeq: 0 };
        }
        if (asking && asking.station_id !== code.replaces) throw stationTaken(msg('hub.pairing.alreadyPaired', { name: asking.name }));
        const replaced = await w.trx
          .updateTable('stations')
          .set({ ...fields, role: code.role })
          .where('station_id', '=', code.replaces)
          .returning('last_seq')
          .executeTakeFirst();
        if (!replaced) return undefined;
        // The old PC may have printed labels it never synced: none of its unused numbers is used again.
        if (asking === undefined) await retireHeldNumbers(w, code.replaces);
        return { token, role: code.role, stationName: request.stationName, stationId: code.replaces, lastSeq: Number(replaced.last_seq) };
      });
      if (!paired) throw unauthenticated(await whyRefused(request.code));
      await refundTry(source);
      return paired;
    },
  };
}
export type Pairing = ReturnType<typeof createPairing>;
