import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as NapiCanvas from '@napi-rs/canvas';

/** The part of @napi-rs/canvas imagelib uses. */
export type CanvasModule = typeof NapiCanvas;

/** Loads the native canvas; throws when it cannot (missing package, wrong platform binary). */
export type CanvasLoader = () => CanvasModule;

/** The real loader: a plain require of @napi-rs/canvas, only when imagelib is first used. */
export const loadNativeCanvas: CanvasLoader = () =>
  createRequire(import.meta.url)('@napi-rs/canvas') as CanvasModule;

/**
 * Where the bundled fonts are: `PROTOS_FONTS_DIR`, the packaged app's resources, or
 * `resources/fonts` of the checkout (found from the working directory or this file).
 */
export function findFontsDir(): string | null {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const candidates = [
    process.env.PROTOS_FONTS_DIR,
    (process as { resourcesPath?: string }).resourcesPath
      ? path.join((process as { resourcesPath?: string }).resourcesPath!, 'fonts')
      : undefined,
    path.resolve(process.cwd(), 'resources/fonts'),
    path.resolve(here, '../../../../resources/fonts'),
    path.resolve(here, '../../resources/fonts'),
  ];
  return candidates.find((dir): dir is string => typeof dir === 'string' && existsSync(dir)) ?? null;
}
