import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// Three entries, one config. The main side has two: the Electron entry and the headless host.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          index: resolve('main/index.ts'),
          headless: resolve('main/headless.ts'),
          // The content-safety classifier runs in a worker thread, which needs a file of its own.
          safetyClassifierWorker: resolve('common/safety/classifierWorker.ts'),
          // The chat's SQLite writer runs in a worker thread too.
          chatWriterWorker: resolve('main/chat/chatWriterWorker.ts'),
          // The platform's chat hub can write viewers' sockets from fan-out threads.
          fanOutWorker: resolve('platform/im/fanOutWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: { index: resolve('preload/index.ts') } },
      // A sandboxed preload must be one CommonJS file with no imports but electron.
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
