import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InboxCounts, InboxRow } from '#shared/contract/inbox.contract';
import { createHost } from '../../electron/host/create-host';
import { hostCaller } from '../host/host-client';

const CLI = 'out/main/cli.js';

function packdesk(dataDir: string, args: string[], lang = 'en') {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--lang', lang], { encoding: 'utf8', cwd: process.cwd() });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** `packdesk inbox` on the same host code as the screen: lines or JSON, filtered by kind; `inbox resolve` by a supervisor's name and PIN. */
describe('packdesk inbox', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dataDir = mkdtempSync(join(tmpdir(), 'packdesk-cli-inbox-'));
    expect(packdesk(dataDir, ['samples', '--pin', '0000']).code).toBe(0);
  });
  /** The shop wants more numbers in hand than the sample roll holds (501): the inbox says it runs low. */
  beforeAll(async () => {
    const host = createHost({ dataDir, validateOutput: true });
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('inbox.saveSettings', { ...(await call('inbox.settings', {})), poolLowFree: 1000 });
    host.close();
  });

  it('lists what needs a human, as lines or JSON, and closes a row for a supervisor named with their PIN', () => {
    // The sample roll is short of the shop's threshold.
    const json = packdesk(dataDir, ['inbox', '--json']);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.out) as { rows: InboxRow[]; counts: InboxCounts };
    const pool = list.rows.find((r) => r.kind === 'pool-low')!;
    // The evidence as text in the reader's language, as `returns --json` prints names.
    expect(pool).toMatchObject({ key: 'pool:YTO', evidence: expect.stringMatching(/^YTO Express: only \d+ waybill numbers left \(under 1000\)$/) });
    const zh = JSON.parse(packdesk(dataDir, ['inbox', '--json', '--kind', 'pool-low'], 'zh-CN').out) as { rows: { evidence: unknown }[] };
    expect(zh.rows[0]!.evidence).toMatch(/^圆通速递 运单号只剩 \d+ 个（低于 1000）$/);
    expect(list.counts.total).toBe(list.rows.length);

    const text = packdesk(dataDir, ['inbox', '--kind', 'pool-low']);
    expect(text.out).toMatch(/^- \d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}Waybill numbers low {2}YTO Express: only \d+ waybill numbers left \(under 1000\)\n {4}pool:YTO\n1 open\n$/);
    expect(packdesk(dataDir, ['inbox', '--kind', 'pool-low'], 'zh-CN').out).toContain('运单号不足  圆通速递 运单号只剩');
    const bad = packdesk(dataDir, ['inbox', '--kind', 'nonsense']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^packdesk inbox: Invalid input: kind: Invalid option: expected one of "parcel-stop"\|.*\n$/);

    // The PIN must be the named user's.
    const wrongUser = packdesk(dataDir, ['inbox', 'resolve', 'pool:YTO', '--note', 'ordered a roll', '--as', '李主管', '--pin', '0000']);
    expect(wrongUser.code).toBe(1);
    // The factory administrator's stored name in the reader's language.
    expect(wrongUser.err).toBe("packdesk inbox: That PIN is Admin's, not 李主管's\n");
    expect(packdesk(dataDir, ['inbox', 'resolve', 'pool:YTO', '--note', 'x', '--as', '李主管', '--pin', '0000'], 'zh-CN').err).toContain('管理员');
    const before = JSON.parse(packdesk(dataDir, ['inbox', '--json']).out).rows.length as number;
    const admin = packdesk(dataDir, ['inbox', 'resolve', 'pool:YTO', '--note', 'ordered a roll', '--as', '管理员', '--pin', '0000']);
    expect(admin.err).toBe('');
    expect(admin.out).toBe(`Resolved pool:YTO; ${before - 1} still open\n`);
    expect(packdesk(dataDir, ['inbox', '--kind', 'pool-low']).out).toBe('The inbox is empty: nothing needs a human.\n');
    // Each step starts the CLI afresh (a cold process opening the database): slow on a busy 2-core machine.
  }, 120_000);
});
