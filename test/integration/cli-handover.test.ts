import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { handoverStation, shipOrder, waiting } from '../helpers/handover-shop';
import { readPdf } from '../helpers/poppler';

const CLI = 'out/main/cli.js';

/** Runs the built `packdesk` command against a data folder, in English. */
function packdesk(dataDir: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--lang', 'en'], { encoding: 'utf8', cwd: process.cwd() });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('packdesk handover open | scan | close | list', () => {
  let dataDir: string;
  let numbers: string[];

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    const { host, call, model } = await handoverStation();
    dataDir = host.dataDir;
    numbers = [];
    for (const o of waiting(model).slice(0, 3)) numbers.push((await shipOrder(call, o)).trackingNo);
    await host.context.labels.idle();
    host.close();
  }, 60_000);

  it('opens a YTO handover, scans two numbers and a stray one, closes it with a signature file and writes the 交接单', () => {
    const opened = packdesk(dataDir, ['handover', 'open', 'yto']);
    expect(opened.err).toBe('');
    // Named by the number on its sheet, which a person can read and type (any case), or by its id.
    const number = opened.out.trim().split(/\s+/)[0]!;
    expect(number).toMatch(/^YTO-\d{8}-[0-9A-F]{4}$/);
    expect(opened.out).toContain('Open  YTO  parcels 3 · handed over 0 · missing 3');
    expect(packdesk(dataDir, ['handover', 'open', 'YTO']).out.startsWith(number)).toBe(true);
    const { id } = (JSON.parse(packdesk(dataDir, ['handover', 'list', '--json']).out) as { id: string; number: string }[])[0]!;
    expect(packdesk(dataDir, ['handover', 'scan', 'YTO-20200101-0000', numbers[0]!]).err).toContain('No handover YTO-20200101-0000');

    const scanned = packdesk(dataDir, ['handover', 'scan', number.toLowerCase(), numbers[0]!, numbers[1]!, 'NOPE123']);
    expect(scanned.out.trim().split('\n')).toEqual([`${numbers[0]}  Handed over`, `${numbers[1]}  Handed over`, 'NOPE123  Unknown tracking number']);

    const noSignature = packdesk(dataDir, ['handover', 'close', number, '--courier', '张师傅']);
    expect(noSignature.code).toBe(1);
    expect(noSignature.err).toContain('Have the courier sign, or take a photo');

    const sign = createCanvas(300, 100);
    const ctx = sign.getContext('2d');
    ctx.lineWidth = 4;
    ctx.beginPath();
    ctx.moveTo(20, 70);
    ctx.bezierCurveTo(80, 0, 160, 120, 280, 30);
    ctx.stroke();
    const signature = join(mkdtempSync(join(tmpdir(), 'packdesk-sign-')), 'sign.png');
    writeFileSync(signature, sign.toBuffer('image/png'));
    const out = join(dataDir, 'handover.pdf');
    const closed = packdesk(dataDir, ['handover', 'close', id, '--courier', '张师傅', '--signature', signature, '--out', out]);
    expect(closed.err).toBe('');
    expect(closed.out).toContain('Closed  YTO  parcels 3 · handed over 2 · missing 1 · intercepted 0 · unexpected 1  张师傅');
    expect(closed.out).toContain(`Handover sheet written to ${out}`);
    const text = readPdf(readFileSync(out)).text;
    for (const n of numbers) expect(text).toContain(n);
    expect(text).toContain('张师傅');

    const listed = packdesk(dataDir, ['handover', 'list', '--json']);
    expect(JSON.parse(listed.out)).toMatchObject([{ id, number, state: 'closed', courierName: '张师傅', counts: { accepted: 2, missing: 1 } }]);
    expect(packdesk(dataDir, ['handover', 'frobnicate']).err).toContain('Usage: packdesk handover open');

    // The parcel left behind is scanned into a second handover opened by mistake, which is abandoned:
    // the list says so and how many parcels went back, not a tally of zeros.
    const second = packdesk(dataDir, ['handover', 'open', 'YTO']).out.trim().split(/\s+/)[0]!;
    expect(second).not.toBe(number);
    expect(packdesk(dataDir, ['handover', 'scan', second, numbers[2]!]).out.trim()).toBe(`${numbers[2]}  Handed over`);
    expect(packdesk(dataDir, ['handover', 'abandon', second, '--reason', 'sideways']).err).toContain('abandon <handover no.> --reason');
    const abandoned = packdesk(dataDir, ['handover', 'abandon', second, '--reason', 'opened-twice', '--note', '重复开单']);
    expect(abandoned.err).toBe('');
    expect(abandoned.out).toMatch(new RegExp(`^${second}  Abandoned  YTO  put back to wait 1 · Opened twice 重复开单  \\S`));
    expect(packdesk(dataDir, ['handover', 'list']).out).toContain(`${second}  Abandoned  YTO  put back to wait 1 · Opened twice 重复开单`);
    expect(packdesk(dataDir, ['handover', 'abandon', second, '--reason', 'other']).code).toBe(1);
  }, 120_000);
});
