import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a `worker_threads` worker from its TypeScript source or its built file, so the same
 * service code runs one in the desktop app and the CLI (electron-vite builds each worker as an
 * entry of its own next to out/main/index.js) and in tests and benches run from source (the
 * worker loads its .ts through jiti, a dev dependency, as `npm run bench` does).
 *
 * `callerUrl` is the caller's import.meta.url, `sourceFile` the worker's .ts file next to it and
 * `builtName` its entry name in electron.vite.config.ts. (A variable, not `new URL('./x.ts',
 * import.meta.url)`, which the bundler would try to emit as an asset.)
 */
export function startWorker(callerUrl: string, sourceFile: string, builtName: string): Worker {
  if (callerUrl.endsWith('.ts')) {
    const source = fileURLToPath(new URL(sourceFile, callerUrl));
    const shared = fileURLToPath(new URL('../../../shared', import.meta.url));
    // An eval worker is CommonJS: it loads jiti from the source tree and jiti loads the worker's module.
    const code = `
      const { createRequire } = require('node:module');
      const { workerData } = require('node:worker_threads');
      const { createJiti } = createRequire(workerData.source)('jiti');
      createJiti(workerData.source, { alias: { '#shared': workerData.shared } }).import(workerData.source).catch((e) => { throw e; });`;
    return new Worker(code, { eval: true, workerData: { source, shared } });
  }
  // Built: this module sits in out/main or in out/main/chunks.
  const near = [new URL(`./${builtName}.js`, callerUrl), new URL(`../${builtName}.js`, callerUrl)].find((u) => existsSync(fileURLToPath(u)));
  if (!near) throw new Error(`worker ${builtName}.js is missing next to ${callerUrl}`);
  return new Worker(fileURLToPath(near));
}
