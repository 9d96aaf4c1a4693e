import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base } from '@playwright/test';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../fakes/tcp-printer.fake';

export type Station = { url: string; dataDir: string; process: ChildProcess };

/** The built browser station in its own process, on a fresh data folder, as `npm start` runs it. */
export async function startStation(dataDir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-'))): Promise<Station> {
  const child = spawn(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
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
