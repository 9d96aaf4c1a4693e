// `npm run hub [-- --port 5180 --host 0.0.0.0]`: install and build if needed, then run the shop's
// sync hub (`packdesk hub`) over HTTPS with its own certificate (the banner shows the fingerprint
// stations pin), on the embedded SQLite file or on PostgreSQL when DATABASE_URL is set.
// `-- --insecure-http` serves plain HTTP: unsafe, see the README's Security paragraph.
import { spawnSync } from 'node:child_process';
import { ensureBuild, ensureDependencies, ensureNodeAbi, root } from './lib.js';

ensureDependencies();
ensureNodeAbi();
ensureBuild();
const status = spawnSync(process.execPath, ['out/main/cli.js', 'hub', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }).status;
process.exit(status ?? 1);
