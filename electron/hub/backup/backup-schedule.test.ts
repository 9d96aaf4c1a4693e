import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createHub } from '../create-hub';
import { scheduleBackups } from './backup-schedule';

it('writes complete backups on the schedule, never a half-written file', async () => {
  const hub = await createHub({ dataDir: mkdtempSync(join(tmpdir(), 'packdesk-hub-sched-')) });
  await hub.importPool('YTO', ['YT7400000000001', 'YT7400000000002']);
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-hub-backups-'));
  const stop = scheduleBackups(hub, dir, 0.005, (line) => expect.fail(line));
  await new Promise((resolve) => setTimeout(resolve, 1200));
  stop();
  const files = readdirSync(dir);
  expect(files.length).toBeGreaterThan(0);
  expect(files.every((f) => /^hub-\d{8}-\d{6}\.json$/.test(f))).toBe(true);
  const dump = JSON.parse(readFileSync(join(dir, files.at(-1)!), 'utf8')) as { epoch: string; tables: Record<string, unknown[]> };
  expect(dump.epoch).toBe(await hub.epoch());
  expect(Object.values(dump.tables).some((rows) => rows.length === 2)).toBe(true);
  await hub.close();
});

it('names a backup on the Beijing clock: one taken at 17:12:09 UTC is hub-<next day>-011209', async () => {
  const hub = await createHub({ dataDir: mkdtempSync(join(tmpdir(), 'packdesk-hub-sched-')), now: () => new Date('2026-12-04T17:12:09.000Z') });
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-hub-backups-'));
  const stop = scheduleBackups(hub, dir, 0.005, (line) => expect.fail(line));
  await new Promise((resolve) => setTimeout(resolve, 700));
  stop();
  expect(readdirSync(dir)).toEqual(['hub-20261205-011209.json']);
  await hub.close();
});
