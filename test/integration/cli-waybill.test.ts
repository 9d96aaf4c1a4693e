import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKuaidi100LabelFake, type Kuaidi100LabelFake } from '../fakes/kuaidi100-label.fake';

const CLI = 'out/main/cli.js';
const run = promisify(execFile);

/** The built CLI in its own process; the provider's fake answers in this one (so the call is async). */
async function packdesk(dataDir: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--lang', 'en'], { encoding: 'utf8', cwd: process.cwd(), timeout: 60_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: e.stdout ?? '', err: e.stderr ?? '' };
  }
}

/** `packdesk providers keys|test` and `packdesk waybill fetch|status|cancel` against the 快递100 fake. */
describe('packdesk waybill and providers', () => {
  let dataDir: string;
  let fake: Kuaidi100LabelFake;
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dataDir = mkdtempSync(join(tmpdir(), 'packdesk-cli-waybill-'));
    fake = await startKuaidi100LabelFake({ key: 'CLIKEY', secret: 'CLISECRET', partners: { yuantong: 'YT-0001', zhongtong: 'ZT-0001' } });
  });
  afterAll(() => fake?.close());

  it('stores an account from a file without printing it, checks it, fetches for every awaiting order, cancels an unused number', async () => {
    expect((await packdesk(dataDir, ['samples', '--pin', '0000'])).code).toBe(0);
    const account = join(dataDir, 'k100.json');
    writeFileSync(account, JSON.stringify({ key: 'CLIKEY', secret: 'CLISECRET', accounts: { YTO: { partnerId: 'YT-0001' }, ZTO: { partnerId: 'ZT-0001' } }, endpoint: fake.url }));
    const saved = await packdesk(dataDir, ['providers', 'keys', 'kuaidi100', '--file', account]);
    expect(saved.err).toBe('');
    expect(saved.out).toContain('Saved the Kuaidi100 e-waybill account (carriers: YTO, ZTO; kept in a file only this user can read)');
    expect(saved.out + saved.err).not.toContain('CLISECRET');

    const bad = join(dataDir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ key: 'CLIKEY', secret: 'has a space', accounts: {} }));
    const refused = await packdesk(dataDir, ['providers', 'keys', 'kuaidi100', '--file', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Field secret of the kuaidi100 account is not valid');
    expect(refused.err).not.toContain('has a space');

    expect((await packdesk(dataDir, ['providers', 'test'])).out).toContain('Kuaidi100: the account works (carriers: YTO, ZTO)');

    const fetched = await packdesk(dataDir, ['waybill', 'fetch', '--provider', 'kuaidi100', '--awaiting']);
    expect(fetched.err).toBe('');
    const issued = Number(/Fetched: (\d+) new/.exec(fetched.out)?.[1]);
    expect(issued).toBeGreaterThan(0);
    expect(fake.live()).toHaveLength(issued);
    const status = JSON.parse((await packdesk(dataDir, ['waybill', 'status', '--json'])).out) as { ready: number; awaitingWithout: number };
    expect(status).toMatchObject({ ready: issued, awaitingWithout: 0 });

    const number = fake.live()[0]!;
    const cancelled = await packdesk(dataDir, ['waybill', 'cancel', number]);
    expect(cancelled.out).toContain(`Number ${number} is cancelled at the provider.`);
    expect(fake.live()).not.toContain(number);
    // The order it was for awaits a number again.
    expect(JSON.parse((await packdesk(dataDir, ['waybill', 'status', '--json'])).out)).toMatchObject({ ready: issued - 1, awaitingWithout: 1, cancelled: 1 });
  });
});
