import { randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StationRole, Versions } from '#shared/contract/hub.contract';
import { unauthenticated } from '../hub-errors';
import type { HubTables } from '../store/hub-schema';
import { sha256 } from './stations.repo';

export const PAIRING_TTL_MINUTES = 30;
/** 10^8 codes: at 20 wrong guesses per 10 minutes, guessing one live code takes decades. */
const FAILURES_ALLOWED = 20;
const FAILURE_WINDOW_MS = 10 * 60_000;

export type PairingCode = { code: string; role: StationRole; expiresAt: string };
export type PairRequest = Versions & { code: string; stationId: string; stationName: string };
export type Paired = { token: string; role: StationRole; stationName: string };

/** One-time codes an admin reads off the hub and types into a new station. */
export function createPairing(db: Kysely<HubTables>, now: () => Date) {
  const failures: number[] = [];
  const recentFailures = (at: number) => {
    while (failures.length > 0 && (failures[0] ?? 0) <= at - FAILURE_WINDOW_MS) failures.shift();
    return failures.length;
  };

  return {
    async newCode(role: StationRole, ttlMinutes = PAIRING_TTL_MINUTES): Promise<PairingCode> {
      const at = now();
      const expiresAt = new Date(at.getTime() + ttlMinutes * 60_000).toISOString();
      await db.deleteFrom('pairing_codes').where('expires_at', '<', new Date(at.getTime() - 86_400_000).toISOString()).execute();
      for (;;) {
        const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
        const added = await db
          .insertInto('pairing_codes')
          .values({ code_hash: sha256(code), role, expires_at: expiresAt, used_at: null, used_by: null, created_at: at.toISOString() })
          .onConflict((oc) => oc.column('code_hash').doNothing())
          .returning('code_hash')
          .execute();
        if (added.length === 1) return { code, role, expiresAt };
      }
    },

    /**
     * Trades a code for a token. A station that pairs again (new PC name, lost token, new role)
     * keeps its last_seq: it continues its own sequence, and the hub still knows what it has.
     */
    async pair(request: PairRequest): Promise<Paired> {
      const at = now();
      if (recentFailures(at.getTime()) >= FAILURES_ALLOWED) {
        throw unauthenticated('配对失败次数过多，请十分钟后再试 / Too many wrong pairing codes: try again in 10 minutes');
      }
      const token = randomBytes(32).toString('base64url');
      const paired = await db.transaction().execute(async (trx) => {
        const code = await trx
          .updateTable('pairing_codes')
          .set({ used_at: at.toISOString(), used_by: request.stationId })
          .where('code_hash', '=', sha256(request.code))
          .where('used_at', 'is', null)
          .where('expires_at', '>', at.toISOString())
          .returning('role')
          .executeTakeFirst();
        if (!code) return undefined;
        await trx
          .insertInto('stations')
          .values({
            station_id: request.stationId, name: request.stationName, role: code.role, token_hash: sha256(token), last_seq: 0,
            last_seen: at.toISOString(), app_version: request.appVersion, schema_version: request.schemaVersion, paired_at: at.toISOString(),
          })
          .onConflict((oc) =>
            oc.column('station_id').doUpdateSet({
              name: request.stationName, role: code.role, token_hash: sha256(token), last_seen: at.toISOString(),
              app_version: request.appVersion, schema_version: request.schemaVersion, paired_at: at.toISOString(),
            }),
          )
          .execute();
        return { token, role: code.role, stationName: request.stationName };
      });
      if (!paired) {
        failures.push(at.getTime());
        throw unauthenticated('配对码错误、已过期或已使用 / Wrong, expired or already used pairing code');
      }
      return paired;
    },
  };
}
export type Pairing = ReturnType<typeof createPairing>;
