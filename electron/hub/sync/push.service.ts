import type { Kysely } from 'kysely';
import { wireOpSchema, type PushRequest, type PushResponse, type PushResult, type StationRole, type WireOp } from '#shared/contract/hub.contract';
import { encodeMessage, msg, type Message } from '#shared/i18n/message';
import { jsonBytes, opLabel } from '#shared/ops/index';
import { opProblem } from '#shared/ops/op-problem';
import { epochChanged, gap } from '../hub-errors';
import { prefetchStock } from '../rules/hub-stock';
import { raiseFlag } from '../rules/rule-context';
import { chunks } from '../store/chunks';
import type { HubTables } from '../store/hub-schema';
import { readEpoch } from '../store/hub-meta.repo';
import { evaluateOp, type Verdict } from './evaluate-op';
import { storedResult, withLogWriter, type LogWriter } from './hub-log.repo';
import { shopUser } from './hub-users.repo';

export type PushStation = { stationId: string; role: StationRole };
/** What a push carries before each op is looked at on its own. */
export type RawPush = Omit<PushRequest, 'ops'> & { ops: { stationSeq: number; raw: unknown }[] };

/** A refused op's payload is kept as evidence, cut to this many characters. */
const EVIDENCE_CHARS = 4096;

/**
 * Applies one push in one transaction (research/sync.md §7.4): duplicates get their first
 * answer again, a gap stops the batch, every new op is validated and authorised on its own and
 * gets the next hub_seq and its rule's verdict, and the station's last_seq moves with them. A
 * refused op still takes its place in the station's sequence (so the ops after it go on) but
 * never enters the log: no other station ever pulls it. Any exception rolls all of it back.
 */
export async function applyPush(db: Kysely<HubTables>, now: () => Date, station: PushStation, request: RawPush): Promise<PushResponse> {
  const ops = [...request.ops].sort((a, b) => a.stationSeq - b.stationSeq);
  return withLogWriter(db, now, async (w) => {
    const hubEpoch = await readEpoch(w.trx);
    if (request.hubEpoch !== null && request.hubEpoch !== hubEpoch) throw epochChanged(hubEpoch);
    const row = await w.trx.selectFrom('stations').select('last_seq').where('station_id', '=', station.stationId).executeTakeFirstOrThrow();
    const firstSeq = Number(row.last_seq);
    let lastSeq = firstSeq;
    // Only a well-formed op id can be in the log; any other (a NUL fails the query on PostgreSQL) is refused below.
    const taken = await opIdsInLog(w.trx, ops.map((o) => wireOpSchema.shape.opId.safeParse(opIdOf(o.raw)).data).filter((id) => id !== undefined));
    await prefetchStock(w, ops.filter((o) => o.stationSeq > firstSeq).map((o) => o.raw));
    const results: PushResult[] = [];
    const refused: { opId: string; type: string; reason: Message }[] = [];

    for (const { stationSeq, raw } of ops) {
      if (stationSeq <= lastSeq) {
        const earlier = results.find((r) => r.stationSeq === stationSeq) ?? (await storedResult(w.trx, station.stationId, stationSeq));
        if (!earlier) throw new Error(`station ${station.stationId} is at seq ${lastSeq} but the log has no seq ${stationSeq}`);
        results.push({ stationSeq, opId: opIdOf(raw) ?? '', hubSeq: earlier.hubSeq, outcome: earlier.outcome, reason: earlier.reason });
        continue;
      }
      if (stationSeq > lastSeq + 1) {
        if (results.length === 0) throw gap(lastSeq + 1);
        break;
      }
      lastSeq = stationSeq;
      const envelope = wireOpSchema.safeParse(raw);
      if (!envelope.success) {
        const reason = opProblem('op', envelope.error.issues);
        await keepRefused(w, station.stationId, stationSeq, raw, reason);
        refused.push({ opId: '', type: '?', reason });
        results.push({ stationSeq, opId: opIdOf(raw) ?? '', hubSeq: null, outcome: 'rejected', reason });
        continue;
      }
      const op = envelope.data;
      const verdict = taken.has(op.opId)
        ? // A second station sending an op id already in the log (a cloned station disk): kept apart, and a supervisor is told.
          ({ outcome: 'rejected', reason: msg('opRefusal.duplicateOpId') } as const)
        : await decide(w, station, op);
      taken.add(op.opId);
      if (verdict.outcome === 'rejected') {
        await keepRefused(w, station.stationId, stationSeq, op, verdict.reason);
        refused.push({ opId: op.opId, type: op.type, reason: verdict.reason });
        results.push({ stationSeq, opId: op.opId, hubSeq: null, outcome: 'rejected', reason: verdict.reason });
        continue;
      }
      const hubSeq = verdict.hubSeq;
      w.append({
        hub_seq: hubSeq, op_id: op.opId, station_id: station.stationId, station_seq: stationSeq, type: op.type, version: op.version,
        payload: JSON.stringify(op.payload ?? null), outcome: verdict.outcome, reason: verdict.reason && encodeMessage(verdict.reason),
        created_at: op.createdAt, received_at: w.now, user_id: await shopUser(w, op.userId), authorized_by: verdict.authorizedBy,
      });
      results.push({ stationSeq, opId: op.opId, hubSeq, outcome: verdict.outcome, reason: verdict.reason });
    }

    // One flag per push however many ops it refused: a faulty bench cannot flood the supervisor's list.
    const first = refused[0];
    if (first) {
      await raiseFlag(w, 'op.rejected', {
        orderId: null,
        stationIds: [station.stationId],
        opIds: refused.map((r) => r.opId).filter(Boolean).slice(0, 20),
        message: first.reason.key === 'opRefusal.duplicateOpId'
          ? msg('flagText.duplicateOpId', { opId: first.opId })
          : msg('flagText.opRejected', { count: refused.length, type: opLabel(first.type), reason: first.reason }),
      });
    }
    if (lastSeq !== firstSeq) await w.trx.updateTable('stations').set({ last_seq: lastSeq }).where('station_id', '=', station.stationId).execute();
    return { hubEpoch, hubTime: w.now, results };
  });
}

/** Validates and authorises one op and runs its rule; it holds its hub_seq before any flag it raises. */
async function decide(w: LogWriter, station: PushStation, op: WireOp): Promise<(Verdict & { hubSeq: number }) | { outcome: 'rejected'; reason: Message }> {
  const hubSeq = w.allocate();
  const verdict = await evaluateOp(w, {
    opId: op.opId, stationId: station.stationId, stationSeq: op.stationSeq, hubSeq, role: station.role, userId: op.userId, type: op.type, version: op.version,
    payload: op.payload, bytes: jsonBytes(op.payload), authorizedBy: op.authorizedBy,
  });
  if (verdict.outcome !== 'rejected') return { ...verdict, hubSeq };
  w.release(hubSeq);
  return verdict;
}

async function keepRefused(w: LogWriter, stationId: string, stationSeq: number, raw: unknown, reason: Message): Promise<void> {
  const op = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const printable = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/[^\x20-\x7e]/g, '?').slice(0, max) : '?');
  await w.trx
    .insertInto('hub_rejected')
    .values({
      station_id: stationId, station_seq: stationSeq, op_id: printable(op['opId'], 100), type: printable(op['type'], 64),
      version: Number.isSafeInteger(op['version']) ? Number(op['version']) : 0,
      // JSON escapes every control character, so the text is safe in any column.
      payload: (JSON.stringify(op['payload'] ?? null) ?? 'null').slice(0, EVIDENCE_CHARS), reason: encodeMessage(reason), received_at: w.now,
    })
    .execute();
}

const opIdOf = (raw: unknown): string | null => {
  const id = typeof raw === 'object' && raw !== null ? (raw as { opId?: unknown }).opId : undefined;
  return typeof id === 'string' && id.length <= 100 ? id : null;
};

async function opIdsInLog(db: Kysely<HubTables>, opIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const ids of chunks([...new Set(opIds)])) {
    const rows = await db.selectFrom('hub_log').select('op_id').where('op_id', 'in', ids).execute();
    for (const r of rows) found.add(r.op_id);
  }
  return found;
}
