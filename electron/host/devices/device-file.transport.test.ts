import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
  it('writes the whole job to a character device', async () => {
    const job = Buffer.from('SIZE 100 mm,150 mm\r\nCLS\r\nPRINT 1,1\r\n');
    expect(await writeDeviceFile('/dev/null', job)).toBe(job.length);
  });

  it('a device that refuses the bytes is PRINT_FAILED', async () => {
    await expect(writeDeviceFile('/dev/full', Buffer.from('x'))).rejects.toMatchObject({ code: 'PRINT_FAILED', msg: { key: 'devices.file.writeFailed', params: { reason: 'ENOSPC' } } });
  });

  it('never writes to, appends to or creates a regular file', async () => {
    const file = path.join(dir, 'important.txt');
    await writeFile(file, 'keep me\n');
    await expect(writeDeviceFile(file, Buffer.from('job'))).rejects.toMatchObject({ code: 'INVALID_INPUT', msg: { key: 'devices.file.notADevice' }, details: { field: 'devicePath' } });
    expect(await readFile(file, 'utf8')).toBe('keep me\n');
    await expect(writeDeviceFile(path.join(dir, 'new', 'lp0'), Buffer.from('x'))).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
    expect(await readdir(dir)).toEqual(['important.txt']);
  });

  it('a missing device or a directory is DEVICE_UNAVAILABLE with a hint', async () => {
    await expect(writeDeviceFile(path.join(dir, 'lp9'), Buffer.from('x'))).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE', msg: { key: 'devices.file.missing' } });
    await expect(writeDeviceFile(dir, Buffer.from('x'))).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE', msg: { key: 'devices.file.isDirectory' } });
  });
});
