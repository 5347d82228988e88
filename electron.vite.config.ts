import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { cmdsysTypePack } from './scripts/editor-types-plugin';

// Three builds: the main process (Electron entry + the headless CLI + the runtime process),
// the sandboxed preload (CommonJS, dependencies bundled: a sandboxed preload cannot require
// packages) and the renderer (React).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          // the runtime process the supervisor forks (child_process.fork / utilityProcess.fork)
          'runtime-host': resolve(__dirname, 'src/main/runtime-host/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
    plugins: [react()],
    // the commands editor's TypeScript worker, with the cmdsys type pack bundled in
    worker: { format: 'es', plugins: () => [cmdsysTypePack(__dirname)] },
  },
});
