import type { RowError } from '#shared/contract/common';
import { findCarrier } from '#shared/domain/carriers';
import { readBeijingDateTime } from '#shared/domain/datetime';
import type { TrackingEvent, TrackingState } from '#shared/domain/tracking';
import { normaliseTrackingNo } from '#shared/domain/tracking-number';
import { msg, type Message } from '#shared/i18n/message';
import { trackingNo as trackingNoField } from '#shared/ops/fields';
import { walkCsvFile, type NamedBytes } from '../orders/import/csv-file';
import { fieldLabel, resolveHeaders } from '../orders/import/header-aliases';
import { at, readText, readTrackingCell } from '../orders/import/import-common';
import { RowErrors, StopFile, untilStopped } from '../orders/import/row-errors';
import { shown } from '../orders/import/text-guards';
import { stateOfWord, TRACKING_CAPS, trackingHeaderAliases, type TrackingField } from './tracking-headers';

/**
 * A tracking file a supervisor imports when the shop has no provider keys or no internet (issue 10
 * part 3): one row per node of a parcel's trace, or one per parcel with only its status. Read as
 * hostile input like every import (csv-file.ts): any bad row names its row and column and the
 * whole file is refused, so a half-read file never moves a parcel.
 */

export type ParsedParcel = {
  trackingNo: string;
  /** The carrier the file names (a code), or null when it names none. */
  carrierCode: string | null;
  /** The row it first appears on, for messages about the whole parcel. */
  row: number;
  /** Its newest row's state (by time; by file order among rows without one). */
  state: TrackingState;
  /** The rows that have a time, as trace nodes. */
  events: TrackingEvent[];
  /** The last destination city the file gives for it, or ''. */
  destCity: string;
};
export type ParsedTracking = { rowsRead: number; parcels: ParsedParcel[]; errors: RowError[] };

export type TrackingCsvOptions = {
  encoding?: 'auto' | 'gbk' | 'utf-8';
  /** The carrier of this shop's parcel with that number, or null when none is known here. */
  carrierOf: (trackingNo: string) => string | null;
  /** This station's clock (ms): a node later than it is a mistyped date, not news. */
  now: number;
};

/** How far ahead of this station's clock a node may be (another PC's clock, the courier's). */
const CLOCK_SLACK_MS = 60 * 60_000;

type Building = ParsedParcel & { newest: string | null };

/**
 * Reads a tracking file into one entry per parcel; any row error empties `parcels`.
 * @throws AppError INVALID_INPUT when the file has no header row
 */
export function parseTrackingCsv(file: NamedBytes, options: TrackingCsvOptions): ParsedTracking {
  const errors = new RowErrors();
  const A = trackingHeaderAliases;
  const c = {} as Record<TrackingField, number>;
  const names: Partial<Record<TrackingField, string>> = {};
  const parcels = new Map<string, Building>();
  /** The carrier each number was first given with, and where: a later row may not name another. */
  const carrierSeen = new Map<string, { code: string; row: number }>();
  let rowsRead = 0;

  untilStopped(() => walkCsvFile(
    file,
    errors,
    {
      header: (h, headerNames) => {
        const { index, missingLabels } = resolveHeaders<TrackingField>(h, A, ['trackingNo', 'state']);
        if (missingLabels.length > 0) {
          for (const label of missingLabels) errors.add(file.name, 1, label, msg('import.file.columnMissing'));
          throw new StopFile();
        }
        const caps = new Array<number | undefined>(h.length).fill(undefined);
        const codes = new Array<boolean>(h.length).fill(false);
        for (const f of Object.keys(A) as TrackingField[]) {
          const i = index[f];
          c[f] = i ?? -1;
          if (i === undefined) continue;
          names[f] = headerNames[i];
          caps[i] = TRACKING_CAPS[f];
          codes[i] = f === 'trackingNo';
        }
        return { caps, codes };
      },
      row: (f, row) => {
        rowsRead++;
        const before = errors.count;
        const err = (field: TrackingField, message: Message): void => errors.add(file.name, row, names[field] ?? fieldLabel(A, field), message);

        const rawNo = readTrackingCell(at(f, c.trackingNo));
        const no = normaliseTrackingNo(rawNo);
        if (no === '') return err('trackingNo', msg('tracking.import.numberEmpty'));
        if (!trackingNoField.safeParse(no).success) return err('trackingNo', msg('tracking.import.numberBad', { value: shown(rawNo) }));

        const carrierText = at(f, c.carrier).trim();
        const carrier = carrierText === '' ? null : findCarrier(carrierText);
        if (carrierText !== '' && carrier === null) err('carrier', msg('tracking.import.carrierUnknown', { value: shown(carrierText) }));

        const stateText = at(f, c.state).trim();
        const state = stateText === '' ? null : stateOfWord(stateText);
        if (stateText === '') err('state', msg('tracking.import.stateEmpty'));
        else if (state === null) err('state', msg('tracking.import.stateUnknown', { value: shown(stateText) }));

        const time = readBeijingDateTime(at(f, c.time));
        if (!time.ok) err('time', msg('import.cell.date', { value: shown(at(f, c.time).trim()) }));
        // A parcel signed for the day after tomorrow would read as delivered before it was collected.
        else if (time.iso !== null && Date.parse(time.iso) > options.now + CLOCK_SLACK_MS) {
          err('time', msg('tracking.import.timeAhead', { value: shown(at(f, c.time).trim()), now: new Date(options.now).toISOString() }));
        }

        const seen = carrierSeen.get(no);
        if (carrier && seen && seen.code !== carrier.code) {
          err('carrier', msg('tracking.import.carrierTwice', { trackingNo: no, row: seen.row, a: seen.code, b: carrier.code }));
        } else if (carrier && !seen) carrierSeen.set(no, { code: carrier.code, row });
        if (errors.count > before || state === null || !time.ok) return;
        let parcel = parcels.get(no);
        if (!parcel) {
          parcel = { trackingNo: no, carrierCode: carrier?.code ?? null, row, state, events: [], destCity: '', newest: null };
          parcels.set(no, parcel);
        }
        parcel.carrierCode ??= carrier?.code ?? null;
        const iso = time.iso;
        if (iso !== null) {
          const text = readText(at(f, c.text)).replace(/\s*\n\s*/g, ' ') || stateText;
          parcel.events.push({ at: iso, state, text, city: at(f, c.city).trim() });
        }
        // The newest timed row says where the parcel is; without times, the last row does.
        if (iso === null ? parcel.newest === null : parcel.newest === null || iso >= parcel.newest) parcel.state = state;
        if (iso !== null && (parcel.newest === null || iso > parcel.newest)) parcel.newest = iso;
        const dest = at(f, c.destCity).trim();
        if (dest !== '') parcel.destCity = dest;
      },
    },
    { delimiter: 'auto', width: 'no-extra', ...(options.encoding ? { encoding: options.encoding } : {}) },
  ));

  // A parcel this shop does not know must say its carrier: tracking is kept per carrier and number.
  for (const p of parcels.values()) {
    if (p.carrierCode === null && options.carrierOf(p.trackingNo) === null) {
      errors.add(file.name, p.row, names.carrier ?? fieldLabel(A, 'carrier'), msg('tracking.import.carrierNeeded', { trackingNo: p.trackingNo }));
    }
  }
  if (errors.count > 0) return { rowsRead, parcels: [], errors: errors.result() };
  return { rowsRead, parcels: [...parcels.values()].map(({ newest: _newest, ...p }) => p), errors: [] };
}
