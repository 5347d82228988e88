// Provided by the cmdsysTypePack Vite plugin (scripts/editor-types-plugin.ts) at build time.
declare module 'virtual:cmdsys-type-pack' {
  import type { TypePack } from '../../../../shared/editor/type-pack';
  const pack: TypePack;
  export default pack;
}
