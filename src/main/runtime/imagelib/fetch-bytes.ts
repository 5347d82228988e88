import { ImageError } from './errors';

export interface FetchLimits {
  /** Largest body accepted (bytes). */
  maxBytes: number;
  /** Whole request, headers and body. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Downloads an http(s) URL into memory, refusing bodies over `maxBytes` and slow servers. */
export async function fetchBytes(url: URL, limits: FetchLimits): Promise<Buffer> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ImageError(`loadImage: only http and https URLs can be loaded, not ${url.protocol}`);
  const signals = [AbortSignal.timeout(limits.timeoutMs), ...(limits.signal ? [limits.signal] : [])];
  const signal = AbortSignal.any(signals);
  try {
    const res = await fetch(url, { signal, redirect: 'follow' });
    if (!res.ok) throw new ImageError(`loadImage: ${url.href} answered HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await res.body?.cancel();
      throw new ImageError(
        `loadImage: ${url.href} is ${declared} bytes, more than the limit of ${limits.maxBytes}`,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > limits.maxBytes) {
          await res.body.cancel().catch(() => undefined);
          throw new ImageError(`loadImage: ${url.href} is larger than the limit of ${limits.maxBytes} bytes`);
        }
        chunks.push(Buffer.from(chunk));
      }
    }
    return Buffer.concat(chunks);
  } catch (err) {
    if (err instanceof ImageError) throw err;
    if (signal.aborted && !limits.signal?.aborted)
      throw new ImageError(`loadImage: ${url.href} did not arrive within ${limits.timeoutMs} ms`);
    throw new ImageError(`loadImage: ${url.href} could not be fetched: ${(err as Error).message}`);
  }
}
