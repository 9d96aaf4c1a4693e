import { encodeMessage } from '#shared/i18n/message';
import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A bench's exception in every inbox; raised again it reopens with the newer evidence, cleared it leaves. */
export function benchExceptionApplier({ db, stationId }: ApplierDeps): Applier<'bench.exception'> {
  const q = {
    open: db.prepare(`INSERT INTO bench_exceptions (id, kind, order_id, tracking_no, ref, detail, station_id, at, cleared_at)
      VALUES (@id, @kind, @orderId, @trackingNo, @ref, @detail, @stationId, @at, NULL)
      ON CONFLICT (id) DO UPDATE SET detail = excluded.detail, at = excluded.at, cleared_at = NULL`),
    clear: db.prepare('UPDATE bench_exceptions SET cleared_at = @at WHERE id = @id'),
  };
  return {
    apply(p, m) {
      if (p.state === 'cleared') return void q.clear.run({ id: p.id, at: p.at });
      q.open.run({ ...p, detail: encodeMessage(p.message), stationId: m.own ? stationId() : m.author });
    },
  };
}
