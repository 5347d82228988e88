// The commands editor's TypeScript service, off the main thread. The type pack (TypeScript's
// library files, @types/node and the cmdsys declarations) is bundled into this worker at build
// time, so nothing is fetched when it runs.
import { createWorker } from '@valtown/codemirror-ts/worker';
import * as Comlink from 'comlink';
import pack from 'virtual:cmdsys-type-pack';
import { createCommandsEnv, typeErrorsOf } from './commands-env';

const base = createWorker(() => createCommandsEnv(pack));

const api = {
  ...base,
  /** The errors of `code` as the file at `path` (for the count shown before a save). */
  typeErrors({ path, code }: { path: string; code: string }) {
    return typeErrorsOf(base.getEnv(), path, code);
  },
};

export type CommandsWorkerApi = typeof api;

Comlink.expose(api);
