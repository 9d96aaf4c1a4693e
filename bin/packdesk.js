#!/usr/bin/env node
// The `packdesk` command: runs the built CLI (npm run build first; npm start and npm test build it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('packdesk: the app is not built yet. Run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
await import(cli);
