import path from 'node:path';
import type { Plugin } from 'vite';
import { buildTypePack } from './editor-types';

const ID = 'virtual:cmdsys-type-pack';
const RESOLVED = `\0${ID}`;

/**
 * Vite plugin providing `virtual:cmdsys-type-pack` (the commands editor's type pack, built from
 * the repository). Used in the renderer's worker build.
 */
export function cmdsysTypePack(repoRoot: string): Plugin {
  return {
    name: 'protos:cmdsys-type-pack',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const pack = buildTypePack(repoRoot);
      // rebuild when the command API changes (dev server)
      this.addWatchFile(path.join(repoRoot, 'src', 'main', 'runtime', 'cmdsys', 'api', 'index.ts'));
      return `export default ${JSON.stringify(pack)};`;
    },
  };
}
