import { AppError } from '#shared/contract/errors';
import { INBOX_CAP, type InboxKind, type InboxRow } from '#shared/contract/inbox.contract';
import { formatBeijing } from '#shared/domain/datetime';
import { benchSaid, sayName, userSaid } from '#shared/domain/factory-names';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import { jsonSaid, type Options, type Say } from '../cli-text';
import { signIn } from './cli-user';

const text = (options: Options, name: string) => (typeof options[name] === 'string' ? options[name] : undefined);

/**
 * `packdesk inbox [--json] [--kind K] [--bench ID]`: the exceptions inbox, what needs a human from
 * every bench (as this station knows it: sync first for the shop's latest). `packdesk inbox resolve
 * KEY --note TEXT --as USER --pin PIN`: a supervisor closes a row, by name and PIN, as at a bench.
 */
export async function runInbox(args: string[], options: Options, t: Say): Promise<void> {
  const [action, key] = args;
  const { host, call } = openCliHost(process.argv);
  try {
    if (action === 'resolve') {
      const note = text(options, 'note');
      const as = text(options, 'as');
      if (!key || !note || !as) throw new AppError('INVALID_INPUT', msg('cli.inbox.resolveUsage'));
      const session = await call('session.login', { pin: text(options, 'pin') ?? '' });
      const user = session.user!;
      if (user.name !== as && user.id !== as) {
        // The PIN's owner as the reader says them: a factory 管理员 in their language, with their bench when another's.
        const said = userSaid(user.name, user.factoryAdmin === true);
        const owner = user.otherBench ? msg('users.withBench', { name: said, bench: benchSaid(user.otherBench) }) : said;
        throw new AppError('FORBIDDEN', msg('cli.inbox.notThatUser', { user: owner, as }));
      }
      const done = await call('inbox.resolve', { key, note });
      if (options['json']) console.log(JSON.stringify(done, null, 2));
      else console.log(t(msg('cli.inbox.resolved', { key, total: done.counts.total })));
      return;
    }
    if (action !== undefined) throw new AppError('INVALID_INPUT', msg('cli.inbox.unknownAction', { action }));
    await signIn(call, options);
    const kind = text(options, 'kind');
    const list = await call('inbox.list', {
      // The RPC checks the kind (INVALID_INPUT names the ones there are).
      kind: (kind ?? null) as InboxKind | null, bench: text(options, 'bench') ?? null, limit: INBOX_CAP,
    });
    if (options['json']) {
      console.log(jsonSaid(t, list));
      return;
    }
    if (list.rows.length === 0) console.log(t(msg('cli.inbox.empty')));
    for (const row of list.rows) console.log(lineOf(row, t));
    if (list.rows.length > 0) console.log(t(msg('cli.inbox.total', { total: list.counts.total })));
    if (list.counts.capped) console.log(t(msg('cli.inbox.more', { cap: INBOX_CAP })));
  } finally {
    host.close();
  }
}

/** One row as a terminal line: severity, when (Beijing time), kind, benches, the evidence; the key below it for `resolve`. */
function lineOf(row: InboxRow, t: Say): string {
  const benches = row.benches.map((b) => (b.thisBench ? t(msg('users.thisBench')) : sayName(t, benchSaid(b.name)))).join(', ');
  const head = [`${row.severity === 'alarm' ? '!' : '-'} ${formatBeijing(row.at)}`, t(msg(`inbox.kinds.${row.kind}`)), benches].filter((x) => x !== '').join('  ');
  return `${head}  ${t(row.evidence)}\n    ${row.key}`;
}
