import type { AuditEntry, AuditPerson, AuditQuery } from '#shared/contract/audit.contract';
import type { BenchRef } from '#shared/contract/common';
import { auditKindOf, auditKinds } from '#shared/domain/audit-kinds';
import { beijingDayBounds } from '#shared/domain/datetime';
import { formatFen } from '#shared/domain/money';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg, type Message, type MessageParams } from '#shared/i18n/message';
import { isKnownOpType } from '#shared/ops/index';
import type { Db } from '../db/open-database';
import { createInboxRefs, refText } from '../inbox/inbox-refs';
import { handoverNumber } from '#shared/domain/handover-number';
import { handoverAbandonReasons } from '#shared/ops/handover-abandoned.op';
import { viewAction } from './audit-actions';
import { actionMatches, opMatches, searchTables } from './audit-search';
import { userNote } from './audit-user-note';
import { signed } from '#shared/domain/signed';
import { stockKindsNamed, stockReasonOf } from '#shared/domain/stock-reasons';

type Row = {
  kind: 'action' | 'op'; id: string; at: string; stationId: string | null; what: string; userId: string | null; authorizedBy: string | null;
  target: string; detail: string | null; count: number;
};

type Move = { bucket: 'sellable' | 'damaged'; delta: number; reason: Message | string };

/**
 * A movement's why: an adjustment's or a disposal's kind in the reader's language with the
 * supervisor's words, the decision's name for a damage decision's, else the cause as kept.
 */
const reasonOf = (d: Record<string, unknown>): Message | string => {
  const cause = typeof d['cause'] === 'string' ? d['cause'] : '';
  if (cause === 'write-off' || cause === 'restock') return msg(`damageReview.decisions.${cause}`);
  return stockReasonOf({ cause, kind: d['kind'], note: d['note'] }) ?? (cause === 'adjust' ? '' : cause);
};

/** The SKUs a line names one by one; the rest are counted in the units. */
const RETURN_SKUS_SHOWN = 5;

/** What a return a supervisor confirmed brought in: its units (how many defective) and which SKUs. */
function returnNote(d: Record<string, unknown>): Message | null {
  // Details come from every bench (a newer one too): read as they may be.
  const taken = (Array.isArray(d['taken']) ? d['taken'] : []).filter(
    (t): t is [string, number] => Array.isArray(t) && typeof t[0] === 'string' && typeof t[1] === 'number' && Number.isFinite(t[1]),
  );
  if (taken.length === 0) return null;
  const units = taken.reduce((n, [, qty]) => n + qty, 0);
  const named = taken.slice(0, RETURN_SKUS_SHOWN).map(([sku, qty]) => `${sku} ×${qty}`).join(' · ');
  const items = taken.length > RETURN_SKUS_SHOWN ? `${named} …` : named;
  const defective = typeof d['defective'] === 'number' ? d['defective'] : 0;
  return defective > 0 ? msg('audit.notes.returnTakenDefective', { units, defective, items }) : msg('audit.notes.returnTaken', { units, items });
}

function parseDetail(json: string | null): Record<string, unknown> {
  try {
    const value: unknown = json === null ? {} : JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The filters as SQL parameters. The SQL text never changes: a criterion left out is a NULL
 * parameter that lets every row through, and lists travel as JSON arrays read by json_each.
 */
function parameters(query: AuditQuery) {
  const kind = query.kind ? auditKinds[query.kind] : null;
  const text = query.text?.trim() ?? '';
  return {
    authorized: query.filter === 'authorized' ? 1 : 0,
    actions: kind ? JSON.stringify(kind.actions) : null,
    types: kind ? JSON.stringify(kind.ops) : null,
    people: query.people ? JSON.stringify(query.people) : null,
    bench: query.bench ?? null,
    from: query.from ? (beijingDayBounds(query.from)?.start ?? null) : null,
    to: query.to ? (beijingDayBounds(query.to)?.end ?? null) : null,
    // A whole order or tracking number, looked up as typed (audit-search.ts).
    text: text === '' ? null : text,
    // LIKE's own wildcards in what was typed are meant literally.
    like: text === '' ? null : `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    // An adjustment found by its kind's name, in either language (the line shows it in the reader's).
    stockKinds: JSON.stringify(stockKindsNamed(text)),
  };
}

/**
 * The audit view (supervisors and admins): audit_log's gated actions and the ops that rest on a
 * user's authority (authorized_ops), from every bench, in one list, newest first, filtered by kind,
 * person, bench, Beijing days and words. The ops one import or batch recorded together (one time,
 * bench, type and authoriser) are one line.
 */
export function createAuditListRepo(db: Db) {
  const inList = (column: string, list: string) => `(@${list} IS NULL OR ${column} IN (SELECT value FROM json_each(@${list})))`;
  const common = `(@bench IS NULL OR station_id = @bench) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)`;
  // Words match what the line shows (an order's number, a parcel's tracking number, a person), not only what it stores.
  const actions = `FROM audit_log a WHERE (@authorized = 0 OR authorizer_id IS NOT NULL) AND ${inList('action', 'actions')}
    AND (@people IS NULL OR user_id IN (SELECT value FROM json_each(@people)) OR authorizer_id IN (SELECT value FROM json_each(@people)))
    AND ${common} AND ${actionMatches}`;
  const batches = `FROM authorized_ops p WHERE ${inList('type', 'types')}
    AND (@people IS NULL OR authorized_by IN (SELECT value FROM json_each(@people)) OR user_id IN (SELECT value FROM json_each(@people)))
    AND ${common} AND ${opMatches}
    GROUP BY at, station_id, type, authorized_by, user_id`;
  const q = {
    page: db.prepare(`WITH ${searchTables}
      SELECT 'action' AS kind, id, at, station_id AS stationId, action AS what, user_id AS userId, authorizer_id AS authorizedBy,
        target, detail, 1 AS count ${actions}
      UNION ALL
      SELECT 'op', max(op_id), at, station_id, type, user_id, authorized_by, min(target), min(detail),
        -- A line counts what it names: a restock's two movements (shelf and damaged) are one SKU's.
        CASE type WHEN 'stock.delta' THEN count(DISTINCT target) ELSE count(*) END ${batches}
      ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`),
    total: db.prepare(`WITH ${searchTables} SELECT (SELECT count(*) ${actions}) + (SELECT count(*) FROM (SELECT 1 ${batches}))`).pluck(),
    user: db.prepare('SELECT name, bench_of AS benchOf FROM users WHERE id = ?'),
    users: db.prepare('SELECT id, name, role, bench_of AS benchOf, active FROM users ORDER BY active DESC, name, id'),
    // What a decision, a settlement or a closed inbox row said, found by the op's target, time and bench.
    decided: db.prepare('SELECT decision, amount_fen AS amountFen FROM damage_decisions WHERE report_id = ? AND decided_at = ? AND station_id IS ? LIMIT 1'),
    settled: db.prepare('SELECT outcome, paid_fen AS paidFen, note FROM claim_settlements WHERE settled_at = ? AND station_id IS ? ORDER BY rowid LIMIT 1'),
    resolved: db.prepare('SELECT note FROM inbox_resolutions WHERE key = ? AND at = ?').pluck(),
    flagResolved: db.prepare('SELECT resolution FROM flags WHERE flag_id = ? AND resolved_at = ?').pluck(),
    // A line's movements of its SKU, as the ops said them (0025).
    moves: db.prepare(`SELECT detail FROM authorized_ops WHERE at = @at AND station_id = @stationId AND type = 'stock.delta'
      AND authorized_by = @authorizedBy AND user_id IS @userId AND target = @target AND detail IS NOT NULL ORDER BY rowid`).pluck(),
    // A movement kept before that: the SKU's adjustment in the ledger at that moment.
    moved: db.prepare("SELECT bucket, delta, reason FROM stock_ledger WHERE sku_code = ? AND at = ? AND ref IS NULL ORDER BY rowid LIMIT 1"),
    // A count kept before its quantities were (0025): the difference this bench booked for it.
    handover: db.prepare('SELECT carrier_code AS carrierCode, opened_at AS openedAt FROM handovers WHERE id = ?'),
    countBooked: db.prepare("SELECT delta FROM stock_ledger WHERE sku_code = ? AND at = ? AND reason = 'count' ORDER BY rowid LIMIT 1").pluck(),
  };
  const refs = createInboxRefs(db);
  /**
   * A SKU's movements as one note: by how much on the shelf and in the damaged bucket, and why (the
   * adjustment's kind and words, or the damage decision's name). A restock or a damaged adjustment is
   * two movements of one unit, not two SKUs.
   */
  const stockNote = (moves: Move[]): Message | null => {
    if (moves.length === 0) return null;
    const sum = (bucket: string) => moves.filter((m) => m.bucket === bucket).reduce((n, m) => n + m.delta, 0);
    const [sellable, damaged] = [sum('sellable'), sum('damaged')];
    const why = moves[0]!.reason;
    const reason = typeof why === 'string' ? why.trim() : why;
    const params: MessageParams = damaged === 0 ? { delta: signed(sellable) } : sellable === 0 ? { delta: signed(damaged) } : { sellable: signed(sellable), damaged: signed(damaged) };
    const key = damaged === 0 ? 'stockDelta' : sellable === 0 ? 'stockDamaged' : 'stockMoved';
    return reason === '' ? msg(`audit.notes.${key}`, params) : msg(`audit.notes.${key}Reason`, { ...params, reason });
  };
  /**
   * What an op touched as a person finds it: ops keep an id (an inbox row's key, a damage report, a
   * flag; a settlement once kept none), looked up here as the order number, SKU and tracking number.
   */
  const opTarget = (r: Row): string => {
    switch (r.what) {
      case 'inbox.resolved':
        return refText(refs.key(r.target), r.target);
      case 'flag.resolved':
        return refText(refs.flag(r.target), r.target);
      case 'handover.abandoned': {
        const h = q.handover.get(r.target) as { carrierCode: string; openedAt: string } | undefined;
        return h ? handoverNumber({ id: r.target, ...h }) : r.target;
      }
      case 'damage.decided':
        return refText(refs.report(r.target), r.target);
      case 'claim.settled': {
        const claim = r.target || refs.settledClaim(r.at, r.stationId);
        return claim ? refText(refs.report(claim), claim) : r.target;
      }
      default:
        return r.target;
    }
  };
  /** The op's own words, so the log says what was decided, paid or noted, not only that something was. */
  const opNote = (r: Row): Message | null => {
    switch (r.what) {
      case 'damage.decided': {
        const d = q.decided.get(r.target, r.at, r.stationId) as { decision: string; amountFen: number | null } | undefined;
        if (!d) return null;
        const decision = msg(`damageReview.decisions.${d.decision}` as MessageKey);
        return d.amountFen === null ? msg('audit.notes.decided', { decision }) : msg('audit.notes.decidedAmount', { decision, amount: formatFen(d.amountFen) });
      }
      case 'claim.settled': {
        const s = q.settled.get(r.at, r.stationId) as { outcome: 'paid' | 'rejected'; paidFen: number | null; note: string } | undefined;
        if (!s) return null;
        const note = s.note.trim();
        if (s.outcome === 'rejected') return note === '' ? msg('audit.notes.claimRejected') : msg('audit.notes.claimRejectedNote', { note });
        const amount = formatFen(s.paidFen ?? 0);
        return note === '' ? msg('audit.notes.claimPaid', { amount }) : msg('audit.notes.claimPaidNote', { amount, note });
      }
      case 'flag.resolved':
      case 'inbox.resolved': {
        // The op's own note (kept since it was); before that, the resolution that stood, when it is this one.
        const kept = parseDetail(r.detail)['note'];
        const stood = r.what === 'flag.resolved' ? q.flagResolved.get(r.target, r.at) : q.resolved.get(r.target, r.at);
        const note = typeof kept === 'string' ? kept : (stood as string | null | undefined);
        return typeof note === 'string' ? msg('audit.notes.resolvedNote', { note }) : null;
      }
      case 'stock.delta': {
        const moves = (q.moves.all({ at: r.at, stationId: r.stationId, authorizedBy: r.authorizedBy, userId: r.userId, target: r.target }) as string[])
          .map(parseDetail)
          .map((d): Move => ({ bucket: d['bucket'] === 'damaged' ? 'damaged' : 'sellable', delta: Number(d['delta']) || 0, reason: reasonOf(d) }));
        if (moves.length > 0) return stockNote(moves);
        // An adjustment kept before the ops' details were: its ledger row's words (read as the upcaster reads them).
        const ledger = q.moved.all(r.target, r.at) as { bucket: 'sellable' | 'damaged'; delta: number; reason: string }[];
        return stockNote(ledger.map((m) => ({ ...m, reason: reasonOf({ cause: 'adjust', note: m.reason }) })));
      }
      case 'stock.counted': {
        // What was counted and how far it was from what the bench knew (the SKU is its target).
        const d = parseDetail(r.detail);
        if (typeof d['countedQty'] === 'number' && typeof d['knownQty'] === 'number') {
          return msg('audit.notes.counted', { counted: d['countedQty'], diff: signed(d['countedQty'] - d['knownQty']) });
        }
        const booked = q.countBooked.get(r.target, r.at) as number | undefined;
        return booked === undefined ? null : msg('audit.notes.countDiff', { diff: signed(booked) });
      }
      case 'return.received':
        return returnNote(parseDetail(r.detail));
      case 'user.saved':
        return userNote(parseDetail(r.detail));
      case 'handover.abandoned': {
        const d = parseDetail(r.detail);
        const reason = handoverAbandonReasons.find((k) => k === d['reason']);
        if (reason === undefined || typeof d['parcels'] !== 'number') return null;
        const note = typeof d['note'] === 'string' ? d['note'].trim() : '';
        const params = { reason: msg(`handover.abandon.reasons.${reason}`), parcels: d['parcels'] };
        return note === '' ? msg('audit.notes.handoverAbandoned', params) : msg('audit.notes.handoverAbandonedNote', { ...params, note });
      }
      case 'order.released': {
        // The reason the supervisor typed for 恢复发货: kept in the detail, and the one thing a reader asks.
        const reason = parseDetail(r.detail)['note'];
        return typeof reason === 'string' ? msg('audit.notes.reason', { reason }) : null;
      }
      default:
        return null;
    }
  };
  return {
    list(request: AuditQuery & { limit: number; offset: number }, benchRef: (stationId: string) => BenchRef): { total: number; entries: AuditEntry[] } {
      const params = parameters(request);
      const rows = q.page.all({ ...params, limit: request.limit, offset: request.offset }) as Row[];
      const people = new Map<string, AuditPerson>();
      const person = (id: string | null): AuditPerson | null => {
        if (id === null) return null;
        let p = people.get(id);
        if (!p) {
          const row = q.user.get(id) as { name: string; benchOf: string | null } | undefined;
          // A user this bench has not heard of yet (their user.saved is still to come): named by id.
          p = row ? { name: row.name, bench: row.benchOf === null ? null : benchRef(row.benchOf) } : { name: `#${id.slice(-6)}`, bench: null };
          people.set(id, p);
        }
        return p;
      };
      const entries = rows.map((r): AuditEntry => {
        const view =
          r.kind === 'action'
            ? viewAction(r.what, r.target, parseDetail(r.detail))
            : { what: isKnownOpType(r.what) ? msg(`audit.ops.${r.what}`) : msg('audit.ops.other', { type: r.what }), target: opTarget(r), note: opNote(r) };
        return {
          id: r.id, kind: r.kind, category: auditKindOf({ kind: r.kind, name: r.what }), at: r.at, bench: r.stationId === null ? null : benchRef(r.stationId),
          ...view, count: r.count, user: person(r.userId), authorizedBy: person(r.authorizedBy),
        };
      });
      return { total: q.total.get(params) as number, entries };
    },
    /** Every user this bench knows, for the person filter (a user who left still did what they did). */
    users: () => (q.users.all() as { id: string; name: string; role: 'packer' | 'supervisor' | 'admin'; benchOf: string | null; active: number }[]),
  };
}
export type AuditListRepo = ReturnType<typeof createAuditListRepo>;
