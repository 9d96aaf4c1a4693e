import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The queues scripts/cups-test-queue.js makes (npm test and .ci/run run it). */
export const CUPS_CAPTURE_DIR = '/var/tmp/packdesk-cups';
export const CUPS_QUEUES = { ok: 'packdesk-test', stopped: 'packdesk-stopped' } as const;

/** Fails, saying how to fix it, when CUPS or the test queues are missing: never a silent skip. */
export function requireCupsQueues(): void {
  const probe = spawnSync('lpstat', ['-e'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  const names = probe.error ? [] : probe.stdout.split('\n');
  const missing = Object.values(CUPS_QUEUES).filter((q) => !names.includes(q));
  if (probe.error || missing.length > 0 || !existsSync(CUPS_CAPTURE_DIR)) {
    throw new Error(
      `CUPS test queues missing (${probe.error ? 'lpstat not installed' : missing.join(', ') || CUPS_CAPTURE_DIR}). ` +
        'Install and set up: sudo apt-get install -y cups-daemon cups-client cups-bsd && sudo node scripts/cups-test-queue.js',
    );
  }
}

/** Job files the capture backend wrote for a queue, by name. */
export const capturedJobs = (queue: string): string[] => readdirSync(CUPS_CAPTURE_DIR).filter((f) => f.startsWith(`${queue}-`) && f.endsWith('.job'));

/** Waits for a job CUPS delivered to the capture printer whose bytes contain `marker`, and returns them. */
export async function waitForCapturedJob(queue: string, before: readonly string[], marker: string | Buffer): Promise<Buffer> {
  for (let i = 0; i < 300; i++) {
    for (const name of capturedJobs(queue).filter((f) => !before.includes(f))) {
      const bytes = readFileSync(join(CUPS_CAPTURE_DIR, name));
      if (bytes.includes(marker)) return bytes;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`CUPS delivered no job with ${String(marker)} to ${queue}`);
}
