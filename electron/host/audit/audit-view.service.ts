import { AUDIT_EXPORT_MAX, type AuditEntry, type AuditPerson, type AuditQuery } from '#shared/contract/audit.contract';
import type { BenchRef } from '#shared/contract/common';
import { beijingStamp, formatBeijing } from '#shared/domain/datetime';
import type { Language } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { translatorFor, type Translator } from '#shared/i18n/translator';
import { toCsv } from '../shipments/batch-ship-export';
import type { AuditListRepo } from './audit-list.repo';

const personText = ({ t }: Translator, p: AuditPerson | null): string => {
  if (p === null) return '';
  return p.bench === null ? p.name : t(msg('users.withBench', { name: p.name, bench: benchText({ t }, p.bench) }));
};
const benchText = ({ t }: Pick<Translator, 't'>, bench: BenchRef | null): string => (bench === null ? '' : bench.thisBench ? `${bench.name} (${t(msg('users.thisBench'))})` : bench.name);

/**
 * The audit list as a spreadsheet: one row per line of the view, in the reader's language, times
 * on the Beijing clock. Cells are neutralised against formula injection by the CSV writer (a
 * target or reason typed as "=cmd|…" stays text).
 */
export function auditCsv(entries: readonly AuditEntry[], translator: Translator): Buffer {
  const { t } = translator;
  const head = ['colTime', 'colBench', 'colKind', 'colWhat', 'colTarget', 'colCount', 'colNote', 'colUser', 'colAuthorizer'] as const;
  const rows = entries.map((e) => [
    formatBeijing(e.at, { seconds: true }),
    benchText(translator, e.bench),
    e.category === null ? '' : t(msg(`audit.categories.${e.category}`)),
    t(e.what),
    e.target,
    e.count,
    e.note === null ? '' : t(e.note),
    personText(translator, e.user),
    personText(translator, e.authorizedBy),
  ]);
  return toCsv([head.map((h) => t(msg(`audit.csv.${h}`))), ...rows], { encoding: 'utf-8' });
}

/** The audit view, its filters' choices and its export (supervisors and admins). */
export function createAuditViewService(deps: {
  repo: AuditListRepo;
  benchRef: (stationId: string) => BenchRef;
  /** The shop's benches this one has heard of (the hub names them), by station id. */
  stationNames: () => Record<string, string>;
  stationId: () => string;
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
      const bytes = auditCsv(entries, translator);
      const fileName = `${translator.t(msg('audit.csv.fileName'))}-${beijingStamp(now.toISOString())}.csv`;
      return { fileName, base64: bytes.toString('base64'), rows: entries.length, total };
    },
  };
}
export type AuditViewService = ReturnType<typeof createAuditViewService>;
