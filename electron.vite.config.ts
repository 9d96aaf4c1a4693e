import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const alias = { '#shared': fileURLToPath(new URL('./shared', import.meta.url)) };
// The renderer's fallback fonts are the files the label rasteriser uses (resources/fonts).
const rendererAlias = { ...alias, '#fonts': fileURLToPath(new URL('./resources/fonts', import.meta.url)) };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // Each worker thread is an entry of its own (electron/host/workers/worker-thread.ts finds it).
        input: { index: 'electron/main/index.ts', cli: 'electron/cli/index.ts', 'import-worker': 'electron/host/orders/import-parse.worker.ts' },
      },
    },
  },
  preload: {
    resolve: { alias },
    // A sandboxed preload must be CommonJS.
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: 'electron/preload/index.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias: rendererAlias },
    plugins: [react()],
    build: { outDir: 'out/renderer', minify: true, rollupOptions: { input: 'renderer/index.html' } },
  },
});
