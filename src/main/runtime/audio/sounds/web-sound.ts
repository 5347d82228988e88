import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { probe, spawnDecoder } from './ffmpeg-process';
import { Sound, SoundError, type PcmSource, type SoundContext, type SoundSpec } from './sound';

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * A sound on the web: downloaded once into the cache dir (refused above the size limit or when
 * slower than the timeout, progress reported), then played from the file.
 */
export class WebSound extends Sound {
  readonly kind: SoundSpec['kind'] = 'web';
  private file: string | null = null;

  constructor(
    readonly url: string,
    options: { title?: string } = {},
  ) {
    super(options.title ?? WebSound.titleOf(url));
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new SoundError(`not a URL: ${url}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new SoundError(`only http and https URLs can be played, not ${parsed.protocol}`);
  }

  private static titleOf(url: string): string {
    try {
      const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
      return name || url;
    } catch {
      return url;
    }
  }

  get source(): string {
    return this.url;
  }

  /** The cached file once prepared. */
  get cachedFile(): string | null {
    return this.file;
  }

  protected async doPrepare(ctx: SoundContext): Promise<void> {
    const hash = createHash('sha256').update(this.url).digest('hex').slice(0, 32);
    const file = path.join(ctx.cacheDir, `${hash}.audio`);
    if (!(await exists(file))) await this.download(ctx, file);
    this.file = file;
    try {
      const info = await probe(ctx.ffmpeg, file);
      this.durationMs = info.durationMs;
    } catch (err) {
      await rm(file, { force: true });
      throw new SoundError(`${this.url} is not playable audio: ${(err as Error).message}`);
    }
  }

  private async download(ctx: SoundContext, file: string): Promise<void> {
    await mkdir(ctx.cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.part`;
    let received = 0;
    let total: number | null = null;
    const report = (state: 'downloading' | 'done' | 'failed', error?: string): void =>
      ctx.onDownload?.({ url: this.url, received, total, state, ...(error ? { error } : {}) });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ctx.downloadTimeoutMs);
    try {
      let response: Response;
      try {
        response = await fetch(this.url, { signal: controller.signal, redirect: 'follow' });
      } catch (err) {
        throw new SoundError(
          controller.signal.aborted
            ? `download of ${this.url} timed out after ${ctx.downloadTimeoutMs} ms`
            : `cannot download ${this.url}: ${(err as Error).message}`,
        );
      }
      if (!response.ok || !response.body)
        throw new SoundError(`download of ${this.url} refused: HTTP ${response.status}`);
      const length = Number(response.headers.get('content-length'));
      total = Number.isFinite(length) && length > 0 ? length : null;
      if (total !== null && total > ctx.maxDownloadBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new SoundError(
          `download of ${this.url} refused: ${total} bytes is over the limit of ${ctx.maxDownloadBytes}`,
        );
      }
      report('downloading');
      const out = createWriteStream(partial);
      const closed = new Promise<void>((resolve, reject) => {
        out.once('close', resolve);
        out.once('error', reject);
      });
      let lastReport = 0;
      try {
        const reader = response.body.getReader();
        for (;;) {
          let chunk: Awaited<ReturnType<typeof reader.read>>;
          try {
            chunk = await reader.read();
          } catch (err) {
            throw new SoundError(
              controller.signal.aborted
                ? `download of ${this.url} timed out after ${ctx.downloadTimeoutMs} ms`
                : `download of ${this.url} failed: ${(err as Error).message}`,
            );
          }
          if (chunk.done) break;
          received += chunk.value.byteLength;
          if (received > ctx.maxDownloadBytes) {
            controller.abort();
            throw new SoundError(
              `download of ${this.url} stopped: over the limit of ${ctx.maxDownloadBytes} bytes`,
            );
          }
          if (!out.write(chunk.value)) await new Promise<void>((r) => out.once('drain', () => r()));
          if (Date.now() - lastReport > 100) {
            lastReport = Date.now();
            report('downloading');
          }
        }
      } finally {
        out.end();
        await closed.catch(() => undefined);
      }
      await rename(partial, file);
      report('done');
    } catch (err) {
      await rm(partial, { force: true });
      const message =
        err instanceof SoundError ? err.message : `download of ${this.url} failed: ${String(err)}`;
      report('failed', message);
      throw new SoundError(message);
    } finally {
      clearTimeout(timer);
    }
  }

  open(ctx: SoundContext, offsetMs: number): PcmSource {
    if (!this.file) throw new SoundError(`${this.url} was not downloaded`);
    return spawnDecoder(ctx.ffmpeg, this.file, { offsetMs });
  }

  toSpec(): SoundSpec {
    return { kind: 'web', input: this.url, title: this.title, requester: this.requester };
  }
}
