// The CUPS queues the printing tests use: a real scheduler (cupsd), real `lp`/`lpstat`, and a capture
// backend (test/fakes/cups-capture.backend.sh) standing in for the printer, which keeps each job
// CUPS hands it as a file. Run by scripts/test.js and .ci/run; on its own: sudo node scripts/cups-test-queue.js
//   packdesk-test     takes jobs (raw TSPL/ZPL bytes, PDFs)
//   packdesk-stopped  rejects jobs and is disabled with a reason, like a printer that is off
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CUPS_CAPTURE_DIR = '/var/tmp/packdesk-cups';
export const CUPS_QUEUES = { ok: 'packdesk-test', stopped: 'packdesk-stopped' };
const BACKEND = '/usr/lib/cups/backend/packdesk-capture';
const SOURCE = join(root, 'test', 'fakes', 'cups-capture.backend.sh');
const INSTALL_HINT =
  'The printing tests need CUPS: sudo apt-get install -y cups-daemon cups-client cups-bsd, then sudo node scripts/cups-test-queue.js (or run .ci/run as root).';

const C = { ...process.env, LC_ALL: 'C', LANG: 'C' };
const sh = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8', env: C });
const ok = (cmd, args) => sh(cmd, args).status === 0;
const fail = (why) => {
  throw new Error(`${why}\n${INSTALL_HINT}`);
};

/** What is missing for the tests, or null when the queues are ready. */
export function cupsProblem() {
  if (sh('lpstat', ['-r']).error) return 'lpstat is not installed';
  if (!/scheduler is running/.test(sh('lpstat', ['-r']).stdout)) return 'the CUPS scheduler (cupsd) is not running';
  const names = sh('lpstat', ['-e']).stdout.split('\n');
  for (const queue of Object.values(CUPS_QUEUES)) if (!names.includes(queue)) return `the CUPS queue ${queue} does not exist`;
  if (!existsSync(BACKEND) || readFileSync(BACKEND, 'utf8') !== readFileSync(SOURCE, 'utf8')) return `the capture backend ${BACKEND} is missing or outdated`;
  return null;
}

/** Makes the queues ready (as root), or throws saying how. */
export function ensureCupsTestQueues() {
  if (cupsProblem() === null) return;
  if (!existsSync('/usr/sbin/cupsd') || sh('lpstat', ['-r']).error) fail('CUPS is not installed.');
  if (process.getuid?.() !== 0) fail(`CUPS is not ready for the tests (${cupsProblem()}) and setting it up needs root.`);
  copyFileSync(SOURCE, BACKEND);
  chmodSync(BACKEND, 0o755);
  mkdirSync(CUPS_CAPTURE_DIR, { recursive: true });
  chmodSync(CUPS_CAPTURE_DIR, 0o1777);
  if (!/scheduler is running/.test(sh('lpstat', ['-r']).stdout)) {
    // No systemd in containers: start the scheduler itself (it daemonises), then wait for it.
    const started = sh('cupsd', []);
    if (started.status !== 0) fail(`cupsd did not start: ${started.stderr}`);
    for (let i = 0; i < 50 && !/scheduler is running/.test(sh('lpstat', ['-r']).stdout); i++) spawnSync('sleep', ['0.1']);
  }
  const device = `packdesk-capture:${CUPS_CAPTURE_DIR}`;
  if (!ok('lpadmin', ['-p', CUPS_QUEUES.ok, '-E', '-v', device])) fail(`lpadmin could not create ${CUPS_QUEUES.ok}`);
  if (!ok('lpadmin', ['-p', CUPS_QUEUES.stopped, '-E', '-v', device])) fail(`lpadmin could not create ${CUPS_QUEUES.stopped}`);
  ok('cupsreject', ['-r', 'printer switched off', CUPS_QUEUES.stopped]);
  ok('cupsdisable', ['-r', 'printer switched off', CUPS_QUEUES.stopped]);
  const problem = cupsProblem();
  if (problem) fail(`CUPS is still not ready: ${problem}.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureCupsTestQueues();
    console.log(`CUPS test queues ready: ${Object.values(CUPS_QUEUES).join(', ')} → ${CUPS_CAPTURE_DIR}`);
  } catch (error) {
    console.error(String(error instanceof Error ? error.message : error));
    process.exit(1);
  }
}
