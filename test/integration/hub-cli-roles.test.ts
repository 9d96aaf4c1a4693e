import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { runHub } from '../../electron/cli/commands/hub.command';
import { startTestHub } from '../helpers/hub-db';

/** `packdesk hub pair-code | stations` in Chinese: roles said as the screens say them, never packer/admin. */
describe('packdesk hub in the reader\'s language', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('names a code\'s and a station\'s role in Chinese', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packdesk-hub-roles-'));
    vi.stubEnv('PACKDESK_DATA_DIR', dataDir);
    vi.stubEnv('DATABASE_URL', '');
    const hub = await startTestHub({ dataDir });
    await hub.station('一号台', 'supervisor', 'bench-1');
    await hub.close();
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const { t } = createTranslator('zh-CN');
    await runHub(['pair-code'], { role: 'admin' }, t);
    await runHub(['stations'], {}, t);
    expect(lines[0]).toMatch(/^配对码（管理工位）：\d{8}/);
    expect(lines.at(-1)).toMatch(/^一号台\t主管工位\tbench-1\t/);
    expect(lines.join('\n')).not.toMatch(/admin|supervisor|packer/);
  });
});
