// Helpers shared by the start, test and bench scripts. Node built-ins only: they run before npm install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...options });
  return result.status ?? 1;
}

export function must(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} exited with ${status}`);
    process.exit(status);
  }
}

/**
 * Installs dependencies when node_modules is missing or older than the lockfile. The Electron binary
 * is never downloaded here (build machines cannot reach it); the desktop start fetches it when it can.
 */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (npm ci)…');
  must('npm', ['ci', '--no-audit', '--no-fund'], { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
}

/** better-sqlite3 is built for one ABI at a time; tests and the browser station need Node's. */
export function ensureNodeAbi() {
  const probe = spawnSync(process.execPath, ['-e', "require('better-sqlite3')(':memory:').close()"], { cwd: root, encoding: 'utf8' });
  if (probe.status === 0) return;
  console.log('Rebuilding better-sqlite3 for Node…');
  must('npm', ['rebuild', 'better-sqlite3']);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds main, preload and renderer with electron-vite unless the build is newer than every source. */
export function ensureBuild({ force = false } = {}) {
  const built = join(root, 'out', 'main', 'cli.js');
  const sources = Math.max(...['electron', 'renderer', 'shared', 'resources'].map((d) => newestMtime(join(root, d))));
  if (!force && existsSync(built) && statSync(built).mtimeMs > sources) return;
  must('npx', ['electron-vite', 'build']);
}
