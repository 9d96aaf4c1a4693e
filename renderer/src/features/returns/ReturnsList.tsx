import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnRecord } from '#shared/contract/returns.contract';
import { FilterButtons } from '../../components/FilterButtons';
import { useNavStore } from '../../app/nav.store';
import { benchName, saidName } from '../../lib/bench-names';
import { formatDateTime } from '../../lib/format';
import { DamagePhotos } from '../media/DamagePhotos';
import { useReturnsStore } from './returns.store';
import './returns.css';

/** One received return: when and where, its order and parcel (or "unknown"), its items and photos. */
export function ReturnCard({ r }: { r: ReturnRecord }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={r.unknown ? 'card return-card return-card-unknown' : 'card return-card'} data-testid="return-card" data-return-id={r.id} data-unknown={r.unknown}>
      <div className="return-card-head">
        {r.unknown ? (
          <span className="tag tag-blocked">{t('returns.unknownTag')}</span>
        ) : (
          <strong data-testid="return-card-order">{t('returns.order', { order: r.orderExternalId ?? '' })}</strong>
        )}
        {r.parcelTrackingNo ? <span>{t('returns.parcel', { tracking: r.parcelTrackingNo })}</span> : r.scanned ? <span>{t('returns.scanned', { ref: r.scanned })}</span> : null}
      </div>
      <div className="muted small">
        {t('returns.receivedBy', { when: formatDateTime(r.receivedAt, i18n.language), who: r.receivedBy === null ? '—' : saidName(t, r.receivedBy), bench: r.bench ? benchName(t, r.bench) : '—' })}
      </div>
      {r.confirmedBy !== null && (
        <div className="small" data-testid="return-card-confirmed">
          <span className="tag tag-blocked">{t('returns.takenAnyway', { who: saidName(t, r.confirmedBy) })}</span>
        </div>
      )}
      {r.items.length > 0 && (
        <ul className="return-card-items">
          {r.items.map((i, n) => (
            <li key={n} className={`return-item-${i.condition}`}>
              <span className="return-item-tag">{t(`returns.conditions.${i.condition}`)}</span> {i.skuCode} {i.skuName} ×{i.qty}
              {i.reason ? <span className="muted"> · {t(`damageReview.reasons.${i.reason}`)}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {r.note && <ReturnNote note={r.note} />}
      <DamagePhotos photos={r.photos} bench={r.bench} />
      {r.damageReportIds.length > 0 && (
        <div className="small muted" data-testid="return-card-reports">
          {t('returns.damageReports')}
          {r.damageReportIds.map((id, n) => (
            // The report the broken units were filed as: its decision (write off, claim…) is made there. Named in words, not by an id no screen shows.
            <button key={id} type="button" className="btn btn-small return-card-report" onClick={() => useNavStore.getState().go('damage', undefined, id)} data-testid="return-card-report">
              {t('returns.openReport')}
              {r.damageReportIds.length > 1 ? ` ${n + 1}` : ''}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

// Past this a note is cut to a few lines (CSS) behind a toggle: a 2000-character note must not push the card's buttons off the screen.
const LONG_NOTE_CHARS = 200;
const LONG_NOTE_LINES = 4;

/** A return's note, wrapped even where it has no spaces, and a long one folded until asked for. */
function ReturnNote({ note }: { note: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const long = note.length > LONG_NOTE_CHARS || note.split('\n').length > LONG_NOTE_LINES;
  return (
    <div className="return-card-note-box">
      <p className={long && !open ? 'return-card-note return-card-note-folded' : 'return-card-note'} data-testid="return-card-note" data-folded={long && !open}>
        {note}
      </p>
      {long && (
        <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="return-card-note-toggle">
          {t(open ? 'returns.noteLess' : 'returns.noteMore')}
        </button>
      )}
    </div>
  );
}

/** The latest returns received at any bench, unknown ones marked (and alone with the filter). */
export function ReturnsList() {
  const { t } = useTranslation();
  const list = useReturnsStore((s) => s.list);
  const total = useReturnsStore((s) => s.total);
  const filter = useReturnsStore((s) => s.filter);
  const load = useReturnsStore((s) => s.load);
  return (
    <section className="returns-list" data-testid="returns-list">
      <div className="returns-list-head">
        <h2>{t('returns.recent', { count: total })}</h2>
        <FilterButtons filters={['all', 'unknown'] as const} value={filter} onPick={(f) => void load(f)} label={(f) => t(`returns.filters.${f}`)} testIdPrefix="returns-filter" />
      </div>
      {list.length === 0 ? (
        <p className="muted" data-testid="returns-empty">{t('returns.empty')}</p>
      ) : (
        <ul className="return-cards">
          {list.map((r) => (
            <ReturnCard key={r.id} r={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The returns list on its own, for the supervisor's phone (receiving is done at a bench). */
export function ReturnsListScreen() {
  useEffect(() => void useReturnsStore.getState().load(), []);
  return (
    <div className="screen returns" data-testid="returns-screen">
      <ReturnsList />
    </div>
  );
}
