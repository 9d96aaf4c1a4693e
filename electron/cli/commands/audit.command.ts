import { writeFileSync } from 'node:fs';
import type { AuditEntry, AuditPerson, AuditQuery } from '#shared/contract/audit.contract';
import type { BenchRef } from '#shared/contract/common';
import { AppError } from '#shared/contract/errors';
import { auditKindNames, type AuditKind } from '#shared/domain/audit-kinds';
import { beijingDayBounds, formatBeijing } from '#shared/domain/datetime';
import { benchSaid, sayName, userSaid } from '#shared/domain/factory-names';
import type { Language } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { openCliHost, type CliHost } from '../cli-host';
import type { Options, Say } from '../cli-text';
import { signIn } from './cli-user';

/** What the list shows at most unless --limit says otherwise; the host sends 200 a page. */
const DEFAULT_LIMIT = 50;
const PAGE = 200;

const text = (options: Options, name: string): string | undefined => {
  const value = options[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/**
 * `packdesk audit [--json] [--kind K] [--user NAME] [--bench NAME] [--from DAY] [--to DAY] [--csv FILE]`:
 * the audit view on the same host code as the screen: newest first, filtered the same way, as
 * lines, JSON or the screen's CSV export. A user is named as the screen shows them (every user of
 * that name: each bench's 管理员), a bench by its name or id, days on the Beijing calendar.
 */
export async function runAudit(options: Options, t: Say, lang: Language): Promise<void> {
  const { host, call } = openCliHost(process.argv);
  try {
    await signIn(call, options);
    const query = await queryFrom(options, call);
    const csv = text(options, 'csv');
    if (csv) {
      const file = await call('audit.export', { ...query, lang });
      writeFileSync(csv, Buffer.from(file.base64, 'base64'));
      console.log(t(msg('cli.audit.exported', { rows: file.rows, total: file.total, out: csv })));
      return;
    }
    const limit = Number(text(options, 'limit') ?? DEFAULT_LIMIT);
    if (!Number.isInteger(limit) || limit < 1) throw new AppError('INVALID_INPUT', msg('cli.audit.badLimit'));
    const entries: AuditEntry[] = [];
    let total = 0;
    do {
      const page = await call('audit.list', { ...query, limit: Math.min(PAGE, limit - entries.length), offset: entries.length });
      total = page.total;
      entries.push(...page.entries);
      if (page.entries.length === 0) break;
    } while (entries.length < Math.min(limit, total));
    if (options['json']) console.log(JSON.stringify({ total, entries: entries.map((e) => asJson(e, t)) }, null, 2));
    else {
      for (const e of entries) console.log(asLine(e, t));
      // The --limit hint only when it would show more.
      console.log(t(entries.length < total ? msg('cli.audit.shown', { shown: entries.length, total }) : msg('cli.audit.shownAll', { total })));
    }
  } finally {
    host.close();
  }
}

async function queryFrom(options: Options, call: CliHost['call']): Promise<AuditQuery> {
  const kind = text(options, 'kind');
  if (kind !== undefined && !(auditKindNames as readonly string[]).includes(kind)) {
    throw new AppError('INVALID_INPUT', msg('cli.audit.badKind', { kind, kinds: auditKindNames.join(', ') }));
  }
  for (const day of [text(options, 'from'), text(options, 'to')]) {
    if (day !== undefined && beijingDayBounds(day) === null) throw new AppError('INVALID_INPUT', msg('cli.audit.badDay', { day }));
  }
  const user = text(options, 'user');
  const bench = text(options, 'bench');
  const facets = user || bench ? await call('audit.facets', {}) : null;
  const people = user && facets ? facets.people.filter((p) => p.id === user || p.name === user).map((p) => p.id) : undefined;
  if (user && people?.length === 0) throw new AppError('NOT_FOUND', msg('cli.audit.noUser', { user }));
  const benchId = bench && facets ? facets.benches.find((b) => b.id === bench || b.name === bench)?.id : undefined;
  if (bench && benchId === undefined) throw new AppError('NOT_FOUND', msg('cli.audit.noBench', { bench, benches: facets?.benches.map((b) => b.name).join(', ') ?? '' }));
  const from = text(options, 'from');
  const to = text(options, 'to');
  return {
    filter: 'all',
    ...(kind ? { kind: kind as AuditKind } : {}),
    ...(people ? { people: people.slice(0, 50) } : {}),
    ...(benchId ? { bench: benchId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** As the screen names them: the bench this runs on is "this bench", the names Packdesk gave in the reader's language. */
const benchName = (t: Say, b: BenchRef | null) => (b === null ? '' : b.thisBench ? t(msg('users.thisBench')) : sayName(t, benchSaid(b.name)));
// Only a factory administrator has a bench.
const personName = (t: Say, p: AuditPerson | null) =>
  p === null ? '' : p.bench === null ? p.name : t(msg('users.withBench', { name: userSaid(p.name, true), bench: benchName(t, p.bench) }));

/** One entry for a script: the stored facts (UTC time, keys) and their words. */
function asJson(e: AuditEntry, t: Say) {
  return {
    at: e.at, atBeijing: formatBeijing(e.at, { seconds: true }), bench: e.bench, kind: e.kind, category: e.category,
    what: t(e.what), whatKey: e.what.key, target: e.target, count: e.count, note: e.note === null ? null : t(e.note),
    user: e.user === null ? null : personName(t, e.user), authorizedBy: e.authorizedBy === null ? null : personName(t, e.authorizedBy),
  };
}

/** One entry as a tab-separated line: Beijing time, bench, what, target (×count), who, who authorised, note. */
function asLine(e: AuditEntry, t: Say): string {
  const target = e.count > 1 ? `${e.target} ×${e.count}` : e.target;
  const authorised = e.authorizedBy === null ? '' : t(msg('cli.audit.authorisedBy', { name: personName(t, e.authorizedBy) }));
  return [formatBeijing(e.at, { seconds: true }), benchName(t, e.bench), t(e.what), target || '—', personName(t, e.user) || '—', authorised, e.note === null ? '' : t(e.note)]
    .join('\t')
    .trimEnd();
}
