// `npm test`: the whole suite, in the order a failure is cheapest to find: types, lint, unit and
// integration (vitest), build, then the browser end-to-end tests (Playwright in Debian's Chromium).
// Ends with one plain "N passed, N failed" line over every test that ran.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCupsTestQueues } from './cups-test-queue.js';
import { ensureBuild, ensureDependencies, ensureNodeAbi, root, run } from './lib.js';

const CHROMIUM = process.env.PACKDESK_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set PACKDESK_CHROMIUM).`);
  process.exit(1);
}

// The printing tests print to real CUPS queues (a capture backend stands in for the printer).
try {
  ensureCupsTestQueues();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

/** A command the tests need from Debian: installed when this user may (root in CI), else a message saying how. */
function ensureAptTool(command, args, pkg, why) {
  if (!spawnSync(command, args, { stdio: 'ignore' }).error) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`], { stdio: 'inherit' });
  if (spawnSync(command, args, { stdio: 'ignore' }).error) {
    console.error(`${command} not found: ${why}. Install it with: sudo apt-get install -y ${pkg}`);
    process.exit(1);
  }
}
// The serial tests need a real pty peer; the evidence PDF tests render the PDF with poppler (pdftoppm, pdftotext).
ensureAptTool('socat', ['-V'], 'socat', 'the serial scanner and scale tests need it');
ensureAptTool('pdftoppm', ['-v'], 'poppler-utils', 'the evidence PDF tests need poppler-utils');

ensureDependencies();
ensureNodeAbi();

/** Runs the commands at once; each one's output is printed whole when it ends, then any failure stops the run. */
async function mustAll(commands) {
  const ends = await Promise.all(commands.map(([command, args]) => new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => {
      process.stdout.write(output);
      resolve({ line: `${command} ${args.join(' ')}`, code: code ?? 1 });
    });
  })));
  const failed = ends.filter((e) => e.code !== 0);
  for (const f of failed) console.error(`\n✗ ${f.line} exited with ${f.code}`);
  if (failed.length > 0) process.exit(failed[0].code);
}

const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

// Types and lint side by side (each uses one core; together ~70 s instead of ~90 s); both must pass.
await mustAll([['npx', ['tsc', '-b']], ['npx', ['eslint', '.', '--max-warnings', '0']]]);

// The crash and CLI tests drive the built app as a child process, so build before vitest.
ensureBuild({ force: true });

const vitestJson = join(results, 'vitest.json');
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const e2eJson = join(results, 'playwright.json');
const e2e = run('npx', ['playwright', 'test']);

const counts = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  counts.passed += v.numPassedTests;
  counts.failed += v.numFailedTests;
  counts.skipped += v.numPendingTests + v.numTodoTests;
}
if (existsSync(e2eJson)) {
  const p = JSON.parse(readFileSync(e2eJson, 'utf8')).stats ?? {};
  counts.passed += (p.expected ?? 0) + (p.flaky ?? 0);
  counts.failed += p.unexpected ?? 0;
  counts.skipped += p.skipped ?? 0;
}
const failedRunner = unit !== 0 || e2e !== 0;
if (failedRunner && counts.failed === 0) counts.failed = 1;
console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(failedRunner ? 1 : 0);
