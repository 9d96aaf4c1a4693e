import type { AuditEntry, AuditFilter, AuditPerson } from '#shared/contract/audit.contract';
import type { BenchRef } from '#shared/contract/common';
import { msg } from '#shared/i18n/message';
import { isKnownOpType } from '#shared/ops/index';
import type { Db } from '../db/open-database';
import { viewAction } from './audit-actions';

type Row = {
  kind: 'action' | 'op'; id: string; at: string; stationId: string | null; what: string; userId: string | null; authorizedBy: string | null;
  target: string; detail: string | null; count: number;
};

function parseDetail(json: string | null): Record<string, unknown> {
  try {
    const value: unknown = json === null ? {} : JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The audit view (supervisors and admins): audit_log's gated actions and the ops that rest on a
 * user's authority (authorized_ops), from every bench, in one list, newest first. The ops one
 * import or batch recorded together (one time, bench, type and authoriser) are one line.
 */
export function createAuditListRepo(db: Db) {
  const actions = "FROM audit_log WHERE @authorized = 0 OR authorizer_id IS NOT NULL";
  const batches = 'FROM authorized_ops GROUP BY at, station_id, type, authorized_by';
  const q = {
    page: db.prepare(`
      SELECT 'action' AS kind, id, at, station_id AS stationId, action AS what, user_id AS userId, authorizer_id AS authorizedBy,
        target, detail, 1 AS count ${actions}
      UNION ALL
      SELECT 'op', max(op_id), at, station_id, type, NULL, authorized_by, min(target), NULL, count(*) ${batches}
      ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`),
    total: db.prepare(`SELECT (SELECT count(*) ${actions}) + (SELECT count(*) FROM (SELECT 1 ${batches}))`).pluck(),
    user: db.prepare('SELECT name, bench_of AS benchOf FROM users WHERE id = ?'),
  };

  return {
    list(request: { filter: AuditFilter; limit: number; offset: number }, benchRef: (stationId: string) => BenchRef): { total: number; entries: AuditEntry[] } {
      const params = { authorized: request.filter === 'authorized' ? 1 : 0, limit: request.limit, offset: request.offset };
      const rows = q.page.all(params) as Row[];
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
            : { what: isKnownOpType(r.what) ? msg(`audit.ops.${r.what}`) : msg('audit.ops.other', { type: r.what }), target: r.target, note: null };
        return {
          id: r.id, kind: r.kind, at: r.at, bench: r.stationId === null ? null : benchRef(r.stationId), ...view, count: r.count,
          user: person(r.userId), authorizedBy: person(r.authorizedBy),
        };
      });
      return { total: q.total.get({ authorized: params.authorized }) as number, entries };
    },
  };
}
export type AuditListRepo = ReturnType<typeof createAuditListRepo>;
