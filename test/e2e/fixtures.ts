import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test as base } from '@playwright/test';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../fakes/tcp-printer.fake';

export type Station = { url: string; dataDir: string; process: ChildProcess };

/** The built browser station in its own process, on a fresh data folder, as `npm start` runs it. */
export async function startStation(dataDir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-'))): Promise<Station> {
  const child = spawn(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The station checks its own answers against the contract, as in the unit tests.
    env: { ...process.env, PACKDESK_CHECK_OUTPUT: '1' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /Packdesk station: (\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`station exited with ${code}; run npm run build first`)));
  });
  return { url, dataDir, process: child };
}

export type Hub = {
  url: string;
  /** The first five groups of the certificate fingerprint, as the admin reads them out. */
  fingerprint: string;
  codes: { packer: string; supervisor: string };
  /** Where a supervisor's phone opens the desk pages, as the banner shows it. */
  phoneUrl: string;
  dataDir: string;
  process: ChildProcess;
};

/**
 * The hub as a shop runs it: `packdesk hub`, its address, certificate fingerprint, pairing codes and
 * phone address read from its output. `pool`: YTO waybill numbers imported first.
 */
export async function startHub(dataDir: string, options: { pool?: number } = {}): Promise<Hub> {
  if (options.pool) {
    const numbers = Array.from({ length: options.pool }, (_, i) => `YT74${String(20_000_000_000 + i)}`).join('\n');
    writeFileSync(join(dataDir, 'yto.txt'), numbers);
    const pool = spawnSync(process.execPath, ['out/main/cli.js', 'hub', 'pool', 'YTO', join(dataDir, 'yto.txt'), '--data-dir', dataDir], { encoding: 'utf8' });
    expect(pool.status, pool.stderr).toBe(0);
  }
  const child = spawn(process.execPath, ['out/main/cli.js', 'hub', '--port', '0', '--data-dir', dataDir, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise<Hub>((resolve, reject) => {
    const seen: Partial<Hub & { packer: string; supervisor: string }> = {};
    createInterface({ input: child.stdout! }).on('line', (line) => {
      seen.url ??= /Packdesk hub: (\S+)/.exec(line)?.[1];
      // What the admin reads out: the first five groups of the fingerprint.
      seen.fingerprint ??= /type at least the first 20 characters: ([0-9A-F ]+)$/.exec(line)?.[1];
      seen.packer ??= /packer station:\s+(\d{8})/.exec(line)?.[1];
      seen.supervisor ??= /supervisor station:\s+(\d{8})/.exec(line)?.[1];
      seen.phoneUrl ??= /Supervisor phones: (\S+)/.exec(line)?.[1];
      if (seen.url && seen.fingerprint && seen.packer && seen.supervisor && seen.phoneUrl) {
        const { url, fingerprint, packer, supervisor, phoneUrl } = seen;
        resolve({ url, fingerprint, codes: { packer, supervisor }, phoneUrl, dataDir, process: child });
      }
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}; run npm run build first`)));
  });
}

/** A one-time code for an admin station, made by `packdesk hub pair-code` beside the running hub. */
export function adminPairingCode(hub: Hub): string {
  const made = spawnSync(process.execPath, ['out/main/cli.js', 'hub', 'pair-code', '--role', 'admin', '--data-dir', hub.dataDir, '--lang', 'en'], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  return /Pairing code \(Admin station\): (\d{8})/.exec(made.stdout)![1]!;
}

export const test = base.extend<{ station: Station; printer: FakeTcpPrinter }>({
  // eslint-disable-next-line no-empty-pattern
  station: async ({}, use) => {
    const station = await startStation();
    await use(station);
    station.process.kill('SIGTERM');
  },
  // eslint-disable-next-line no-empty-pattern
  printer: async ({}, use) => {
    const printer = await startFakeTcpPrinter({});
    await use(printer);
    await printer.close();
  },
});
export { expect } from '@playwright/test';

/**
 * Debian's Chromium with its fake camera (a moving test pattern) and no permission prompt, for the
 * specs that use the bench webcam: `test.use(fakeCamera())`.
 */
export const fakeCamera = (...extraArgs: string[]) => ({
  launchOptions: {
    executablePath: process.env['PACKDESK_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', ...extraArgs,
    ],
  },
});
