// `npm start`: install if needed, build if needed, then open the desktop window where an Electron
// runtime and a display exist, otherwise the browser station on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ensureBuild, ensureDependencies, ensureNodeAbi, root, run } from './lib.js';

ensureDependencies();
ensureNodeAbi();
ensureBuild();

const passThrough = process.argv.slice(2);
if (!passThrough.includes('--browser') && desktopAvailable()) {
  run('npx', ['electron-builder', 'install-app-deps']);
  const status = run('npx', ['electron', '.', ...passThrough]);
  ensureNodeAbi();
  process.exit(status);
}
const args = passThrough.filter((a) => a !== '--browser');
const status = spawnSync(process.execPath, ['out/main/cli.js', 'serve', '--open', ...args], { cwd: root, stdio: 'inherit' }).status;
process.exit(status ?? 1);

function desktopAvailable() {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return false;
  const require = createRequire(import.meta.url);
  try {
    const binary = require('electron');
    if (typeof binary === 'string' && existsSync(binary)) return true;
  } catch {
    // electron's index.js throws when its binary was never downloaded
  }
  // Try once to fetch the runtime (works on a networked desktop; fails fast on an offline build box).
  const fetched = run(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore', timeout: 120_000 });
  return fetched === 0 && existsSync(require('electron'));
}
