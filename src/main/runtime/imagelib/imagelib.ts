import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findFontsDir, loadNativeCanvas, type CanvasLoader, type CanvasModule } from './canvas-loader';
import { ImageError, ImageLibUnavailable } from './errors';
import { fetchBytes } from './fetch-bytes';
import { Image } from './image';

export interface LoadImageOptions {
  /** URLs only: largest download accepted (default 8 MiB). */
  maxBytes?: number;
  /** URLs only: time allowed for the whole download (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Image creation and manipulation on @napi-rs/canvas. Importing it never fails: the native
 * canvas loads on first use, and when it cannot, `available` is false and every function throws
 * ImageLibUnavailable with the reason. Fonts in `resources/fonts` are registered on load.
 */
export class ImageLib {
  private lib: CanvasModule | null = null;
  private error: string | null = null;
  private fonts: string[] = [];

  constructor(
    private readonly loader: CanvasLoader = loadNativeCanvas,
    private readonly fontsDir: () => string | null = findFontsDir,
  ) {}

  /** Whether the native canvas loaded (tries to load it the first time). */
  get available(): boolean {
    this.tryLoad();
    return this.lib !== null;
  }

  /** Why the canvas is unavailable, or null. */
  get unavailableReason(): string | null {
    this.tryLoad();
    return this.error;
  }

  /** Font files registered from the fonts folder. */
  get registeredFonts(): readonly string[] {
    this.tryLoad();
    return this.fonts;
  }

  /** A new image of the given size, transparent or filled with `background`. */
  createImage(width: number, height: number, background?: string): Image {
    return Image.blank(this.canvas(), width, height, background);
  }

  /** Loads a PNG/JPEG/WebP/GIF from a file path, bytes, or an http(s) URL (size-limited, with a timeout). */
  async loadImage(
    source: string | URL | Buffer | Uint8Array,
    options: LoadImageOptions = {},
  ): Promise<Image> {
    const lib = this.canvas();
    let bytes: Buffer;
    let what: string;
    if (source instanceof URL || (typeof source === 'string' && /^https?:\/\//i.test(source))) {
      const url = source instanceof URL ? source : new URL(source);
      what = url.href;
      bytes = await fetchBytes(url, {
        maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } else if (typeof source === 'string') {
      what = source;
      try {
        bytes = await readFile(source);
      } catch (err) {
        throw new ImageError(
          `loadImage: cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        );
      }
    } else if (source instanceof Uint8Array) {
      what = `${source.byteLength} bytes`;
      bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    } else {
      throw new ImageError('loadImage: expected a file path, a URL or a Buffer');
    }
    let decoded;
    try {
      decoded = await lib.loadImage(bytes);
    } catch (err) {
      throw new ImageError(
        `loadImage: ${what} is not an image this build can decode (${(err as Error).message})`,
      );
    }
    if (!decoded.width || !decoded.height)
      throw new ImageError(`loadImage: ${what} is not a decodable image`);
    const image = Image.blank(lib, decoded.width, decoded.height);
    image.context.drawImage(decoded, 0, 0);
    return image;
  }

  private canvas(): CanvasModule {
    this.tryLoad();
    if (!this.lib) throw new ImageLibUnavailable(this.error ?? 'unknown reason');
    return this.lib;
  }

  private tryLoad(): void {
    if (this.lib || this.error !== null) return;
    try {
      const lib = this.loader();
      if (typeof lib?.createCanvas !== 'function') throw new Error('the module has no createCanvas');
      this.lib = lib;
    } catch (err) {
      this.error = (err as Error).message.split('\n')[0] ?? String(err);
      return;
    }
    this.registerFonts(this.lib);
  }

  private registerFonts(lib: CanvasModule): void {
    const dir = this.fontsDir();
    if (!dir) return;
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((n) => /\.(ttf|otf|woff2?)$/i.test(n))
        .sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (lib.GlobalFonts.registerFromPath(path.join(dir, name))) this.fonts.push(name);
    }
  }
}

/** The shared instance command files use (`import { imagelib } from 'cmdsys'`). */
export const imagelib = new ImageLib();
