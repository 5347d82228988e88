#!/usr/bin/env node
// Headless entry: `npm run bot -- [flags]` (see src/main/cli/args.ts for the flags).
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json' with { type: 'json' };
import { runCli } from './cli/run';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
// Built (out/main/cli.js): the runtime-host.js beside it; from source (tsx): the TypeScript entry.
const runtimeEntry = fileURLToPath(
  import.meta.url.endsWith('.ts')
    ? new URL('./runtime-host/main.ts', import.meta.url)
    : new URL('./runtime-host.js', import.meta.url),
);

const code = await runCli(
  process.argv.slice(2),
  {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    onSignal: (handler) => {
      const onInt = (): void => handler('SIGINT');
      const onTerm = (): void => handler('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
  },
  { appName: pkg.productName, appVersion: pkg.version, rendererDir, runtimeEntry, environment: process.env },
);
process.exitCode = code;
// Give stdout a chance to drain, then exit even if a stray handle is still open.
setTimeout(() => process.exit(code), 200).unref();
