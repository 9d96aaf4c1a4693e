import type { Kysely } from 'kysely';
import type { PushRequest, PushResponse, PushResult, StationRole } from '#shared/contract/hub.contract';
import { epochChanged, gap } from '../hub-errors';
import { ruleContext } from '../rules/rule-context';
import { chunks } from '../store/chunks';
import type { HubTables } from '../store/hub-schema';
import { readEpoch } from '../store/hub-meta.repo';
import { evaluateOp, reject, type Verdict } from './evaluate-op';
import { storedResult, withLogWriter } from './hub-log.repo';

export type PushStation = { stationId: string; role: StationRole };

/**
 * Applies one push in one transaction (research/sync.md §7.4): duplicates get their first
 * answer again, a gap stops the batch, every new op gets the next hub_seq and its rule's
 * verdict, and the station's last_seq moves with them. Any exception rolls all of it back.
 */
export async function applyPush(db: Kysely<HubTables>, now: () => Date, station: PushStation, request: PushRequest): Promise<PushResponse> {
  const ops = [...request.ops].sort((a, b) => a.stationSeq - b.stationSeq);
  return withLogWriter(db, now, async (w) => {
    const hubEpoch = await readEpoch(w.trx);
    if (request.hubEpoch !== null && request.hubEpoch !== hubEpoch) throw epochChanged(hubEpoch);
    const row = await w.trx.selectFrom('stations').select('last_seq').where('station_id', '=', station.stationId).executeTakeFirstOrThrow();
    const firstSeq = Number(row.last_seq);
    let lastSeq = firstSeq;
    const taken = await opIdsInLog(w.trx, ops.map((o) => o.opId));
    const results: PushResult[] = [];

    for (const op of ops) {
      if (op.stationSeq <= lastSeq) {
        const earlier = results.find((r) => r.stationSeq === op.stationSeq) ?? (await storedResult(w.trx, station.stationId, op.stationSeq));
        if (!earlier) throw new Error(`station ${station.stationId} is at seq ${lastSeq} but the log has no seq ${op.stationSeq}`);
        results.push({ stationSeq: op.stationSeq, opId: op.opId, hubSeq: earlier.hubSeq, outcome: earlier.outcome, reason: earlier.reason });
        continue;
      }
      if (op.stationSeq > lastSeq + 1) {
        if (results.length === 0) throw gap(lastSeq + 1);
        break;
      }
      const hubSeq = w.allocate();
      const ruleOp = { opId: op.opId, stationId: station.stationId, stationSeq: op.stationSeq, hubSeq, role: station.role };
      let verdict: Verdict;
      let storedOpId = op.opId;
      if (taken.has(op.opId)) {
        // A second station sending the same op id (a cloned station disk): the log keeps both
        // facts under distinct ids, and a supervisor is told.
        storedOpId = `${op.opId}~${station.stationId}:${op.stationSeq}`;
        verdict = await reject(
          ruleContext(w, ruleOp),
          'duplicate op id',
          `操作编号重复（工位数据可能被复制）/ Duplicate op id ${op.opId}: was this station's disk copied?`,
          op.payload,
        );
      } else {
        verdict = await evaluateOp(w, { ...ruleOp, type: op.type, version: op.version, payload: op.payload });
      }
      taken.add(op.opId);
      w.append({
        hub_seq: hubSeq, op_id: storedOpId, station_id: station.stationId, station_seq: op.stationSeq, type: op.type, version: op.version,
        payload: JSON.stringify(op.payload ?? null), outcome: verdict.outcome, reason: verdict.reason, created_at: op.createdAt, received_at: w.now,
      });
      lastSeq = op.stationSeq;
      results.push({ stationSeq: op.stationSeq, opId: op.opId, hubSeq, outcome: verdict.outcome, reason: verdict.reason });
    }

    if (lastSeq !== firstSeq) await w.trx.updateTable('stations').set({ last_seq: lastSeq }).where('station_id', '=', station.stationId).execute();
    return { hubEpoch, hubTime: w.now, results };
  });
}

async function opIdsInLog(db: Kysely<HubTables>, opIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const ids of chunks([...new Set(opIds)])) {
    const rows = await db.selectFrom('hub_log').select('op_id').where('op_id', 'in', ids).execute();
    for (const r of rows) found.add(r.op_id);
  }
  return found;
}
