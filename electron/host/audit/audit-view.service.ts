import { AUDIT_EXPORT_MAX, type AuditEntry, type AuditPerson, type AuditQuery } from '#shared/contract/audit.contract';
import type { BenchRef } from '#shared/contract/common';
import { beijingStamp, formatBeijing } from '#shared/domain/datetime';
import { benchNameKey, userNameKey } from '#shared/domain/factory-names';
import type { Language, MessageKey } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { translatorFor, type Translator } from '#shared/i18n/translator';
import { toCsv } from '../csv/csv-writer';
import type { AuditListRepo } from './audit-list.repo';

/** How the file names benches and people; a file travels, so this bench goes by its shop name when it has one. */
type Names = { t: Translator['t']; ownName: string | null };
/** A name Packdesk gave (the supervisor desk, a factory administrator) in the file's language; a typed one as typed. */
const said = (t: Names['t'], key: MessageKey | null, name: string) => (key === null ? name : t(msg(key)));
const benchText = ({ t, ownName }: Names, bench: BenchRef | null): string =>
  bench === null ? '' : bench.thisBench ? (ownName ?? t(msg('users.thisBench'))) : said(t, benchNameKey(bench.name), bench.name);
// Only a factory administrator has a bench.
const personText = (names: Names, p: AuditPerson | null): string =>
  p === null ? '' : p.bench === null ? p.name : names.t(msg('users.withBench', { name: said(names.t, userNameKey(p.name, true), p.name), bench: benchText(names, p.bench) }));

/**
 * The audit list as a spreadsheet: one row per line of the view, in the reader's language, times
 * on the Beijing clock. Cells are neutralised against formula injection by the CSV writer (a
 * target or reason typed as "=cmd|…" stays text); order and tracking numbers of 12+ digits are
 * written as `="…"` so Excel keeps every digit (excelTextCell).
 */
export function auditCsv(entries: readonly AuditEntry[], names: Names): Buffer {
  const { t } = names;
  const head = ['colTime', 'colBench', 'colKind', 'colWhat', 'colTarget', 'colCount', 'colNote', 'colUser', 'colAuthorizer'] as const;
  const rows = entries.map((e) => [
    formatBeijing(e.at, { seconds: true }),
    benchText(names, e.bench),
    e.category === null ? '' : t(msg(`audit.categories.${e.category}`)),
    t(e.what),
    e.target,
    e.count,
    e.note === null ? '' : t(e.note),
    personText(names, e.user),
    personText(names, e.authorizedBy),
  ]);
  return toCsv([head.map((h) => t(msg(`audit.csv.${h}`))), ...rows], { encoding: 'utf-8', excelText: true });
}

/** The audit view, its filters' choices and its export (supervisors and admins). */
export function createAuditViewService(deps: {
  repo: AuditListRepo;
  benchRef: (stationId: string) => BenchRef;
  /** The shop's benches this one has heard of (the hub names them), by station id. */
  stationNames: () => Record<string, string>;
  stationId: () => string;
  /** This bench's name in the shop (null until paired). */
  ownName: () => string | null;
  language: () => Language;
}) {
  const { repo, benchRef } = deps;
  return {
    list: (query: AuditQuery & { limit: number; offset: number }) => repo.list(query, benchRef),
    facets() {
      const people = repo.users().map((u) => ({ id: u.id, name: u.name, role: u.role, bench: u.benchOf === null ? null : benchRef(u.benchOf), active: u.active === 1 }));
      const ids = new Set([deps.stationId(), ...Object.keys(deps.stationNames())]);
      const benches = [...ids].map((id) => ({ id, ...benchRef(id) })).sort((a, b) => Number(b.thisBench) - Number(a.thisBench) || a.name.localeCompare(b.name));
      return { people, benches };
    },
    /** The filtered list, newest first, up to AUDIT_EXPORT_MAX lines. */
    export(query: AuditQuery & { lang?: Language | undefined }, now = new Date()) {
      // One query: paging through would sort the whole list again for every page.
      const { entries, total } = repo.list({ ...query, limit: AUDIT_EXPORT_MAX, offset: 0 }, benchRef);
      const translator = translatorFor(query.lang ?? deps.language());
      const bytes = auditCsv(entries, { t: translator.t, ownName: deps.ownName() });
      const fileName = `${translator.t(msg('audit.csv.fileName'))}-${beijingStamp(now.toISOString())}.csv`;
      return { fileName, base64: bytes.toString('base64'), rows: entries.length, total };
    },
  };
}
export type AuditViewService = ReturnType<typeof createAuditViewService>;
