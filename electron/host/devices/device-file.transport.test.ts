import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDeviceFile } from './device-file.transport';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'packdesk-lp-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('device file transport', () => {
  it('writes the whole job to an existing device', async () => {
    const device = path.join(dir, 'lp0');
    await writeFile(device, '');
    const job = Buffer.from('SIZE 100 mm,150 mm\r\nCLS\r\nPRINT 1,1\r\n');
    expect(await writeDeviceFile(device, job)).toBe(job.length);
    expect(await readFile(device)).toEqual(job);
  });

  it('never truncates a regular file a wrong path points at', async () => {
    const file = path.join(dir, 'important.txt');
    await writeFile(file, 'keep me\n');
    await writeDeviceFile(file, Buffer.from('job'));
    expect((await readFile(file, 'utf8')).startsWith('keep me\n')).toBe(true);
  });

  it('a missing device or a directory is DEVICE_UNAVAILABLE with a hint', async () => {
    await expect(writeDeviceFile(path.join(dir, 'lp9'), Buffer.from('x'))).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE', message: expect.stringContaining('plugged in') });
    await expect(writeDeviceFile(dir, Buffer.from('x'))).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
  });
});
