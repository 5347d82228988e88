import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageLib, ImageError, ImageLibUnavailable } from '../../src/main/runtime/imagelib/index';
import { useTmpDirs } from '../support/tmp-dir';

const lib = new ImageLib();
const tmp = useTmpDirs();

/** Bounding box of the pixels that differ from the background (alpha 0 here), or null. */
function inkBox(
  pixels: Uint8ClampedArray,
  width: number,
): { x0: number; y0: number; x1: number; y1: number } | null {
  let box: { x0: number; y0: number; x1: number; y1: number } | null = null;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) continue;
    const x = (i / 4) % width;
    const y = Math.floor(i / 4 / width);
    if (!box) box = { x0: x, y0: y, x1: x, y1: y };
    else {
      box.x0 = Math.min(box.x0, x);
      box.y0 = Math.min(box.y0, y);
      box.x1 = Math.max(box.x1, x);
      box.y1 = Math.max(box.y1, y);
    }
  }
  return box;
}

describe('imagelib', () => {
  it('loads the native canvas and registers the bundled fonts', () => {
    expect(lib.available).toBe(true);
    expect(lib.unavailableReason).toBeNull();
    expect(lib.registeredFonts).toContain('DejaVuSans.ttf');
  });

  it('writeText: ink inside the expected box, none outside; long text wraps', () => {
    const img = lib.createImage(400, 200);
    const x = 30;
    const y = 20;
    const size = 20;
    const maxWidth = 150;
    const box = img.writeText('The quick brown fox jumps over the lazy dog', {
      x,
      y,
      size,
      maxWidth,
      color: '#fff',
    });
    expect(box.lines.length).toBeGreaterThanOrEqual(3);
    for (const line of box.lines) expect(line.length).toBeGreaterThan(0);
    const ink = inkBox(img.pixels(), img.width);
    expect(ink).not.toBeNull();
    // independent bounds: left-aligned block from (x, y), maxWidth wide, lines × 1.25 × size tall
    expect(ink!.x0).toBeGreaterThanOrEqual(x - 1);
    expect(ink!.x1).toBeLessThanOrEqual(x + maxWidth + 1);
    expect(ink!.y0).toBeGreaterThanOrEqual(y - 1);
    expect(ink!.y1).toBeLessThanOrEqual(y + box.lines.length * size * 1.25 + 1);
    // and the text really spans lines: ink in the last line's band
    expect(ink!.y1).toBeGreaterThan(y + (box.lines.length - 1) * size * 1.25);
  });

  it('writeText: centred and right-aligned text, an outline stays near its box', () => {
    const img = lib.createImage(300, 60);
    img.writeText('centre', {
      x: 150,
      y: 10,
      size: 24,
      align: 'center',
      outline: { color: '#000', width: 4 },
      color: '#ff0',
    });
    const ink = inkBox(img.pixels(), img.width)!;
    expect(Math.abs((ink.x0 + ink.x1) / 2 - 150)).toBeLessThan(4);
    const right = lib.createImage(300, 60);
    right.writeText('right', { x: 290, y: 10, size: 24, align: 'right' });
    expect(inkBox(right.pixels(), right.width)!.x1).toBeLessThanOrEqual(291);
  });

  it('PNG round trip keeps size and pixels; resize, crop and draw', async () => {
    const img = lib.createImage(64, 32, '#102030');
    img.fill('#ff0000', { x: 0, y: 0, width: 8, height: 8 });
    const png = await img.toPNG();
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const back = await lib.loadImage(png);
    expect([back.width, back.height]).toEqual([64, 32]);
    expect([...back.pixels(0, 0, 1, 1)]).toEqual([255, 0, 0, 255]);
    expect([...back.pixels(40, 20, 1, 1)]).toEqual([0x10, 0x20, 0x30, 255]);
    const file = path.join(tmp(), 'x.png');
    writeFileSync(file, png);
    expect((await lib.loadImage(file)).width).toBe(64);
    const small = back.resize(16, 8);
    expect([small.width, small.height]).toEqual([16, 8]);
    const corner = back.crop(0, 0, 8, 8);
    expect([...corner.pixels(7, 7, 1, 1)]).toEqual([255, 0, 0, 255]);
    const canvas = lib.createImage(20, 20, '#fff').draw(corner, 10, 10);
    expect([...canvas.pixels(12, 12, 1, 1)]).toEqual([255, 0, 0, 255]);
    expect([...canvas.pixels(2, 2, 1, 1)]).toEqual([255, 255, 255, 255]);
  });

  it('bad input gets clear errors', async () => {
    const img = lib.createImage(10, 10);
    expect(() => img.crop(5, 5, 10, 10)).toThrow(/not inside the 10×10 image/);
    expect(() => lib.createImage(0, 10)).toThrow(ImageError);
    await expect(lib.loadImage(Buffer.from('not an image'))).rejects.toThrow(/not an image/);
    await expect(lib.loadImage('/nonexistent/x.png')).rejects.toThrow(/cannot read .*ENOENT/);
    await expect(lib.loadImage(new URL('file:///etc/passwd'))).rejects.toThrow(ImageError);
  });

  it('an unavailable canvas: import works, available is false, every function throws the clear error', async () => {
    const broken = new ImageLib(() => {
      throw new Error('Cannot find module @napi-rs/canvas-linux-x64-gnu');
    });
    expect(broken.available).toBe(false);
    expect(broken.unavailableReason).toMatch(/Cannot find module/);
    expect(() => broken.createImage(10, 10)).toThrow(ImageLibUnavailable);
    expect(() => broken.createImage(10, 10)).toThrow(/imagelib is not available.*Check imagelib.available/);
    await expect(broken.loadImage(Buffer.alloc(4))).rejects.toThrow(ImageLibUnavailable);
  });
});

describe('imagelib: loading URLs', () => {
  let server: http.Server;
  let base: string;
  let png: Buffer;

  beforeAll(async () => {
    png = await lib.createImage(5, 5, '#0f0').toPNG();
    server = http.createServer((req, res) => {
      if (req.url === '/ok.png') return void res.end(png);
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.alloc(4096));
        return;
      }
      if (req.url === '/slow') return; // never answers; the client times out
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('downloads an image', async () => {
    const img = await lib.loadImage(new URL(`${base}/ok.png`));
    expect([img.width, img.height]).toEqual([5, 5]);
  });

  it('refuses a body over the size limit, a slow server and an HTTP error', async () => {
    await expect(lib.loadImage(`${base}/big`, { maxBytes: 1000 })).rejects.toThrow(/limit of 1000/);
    await expect(lib.loadImage(`${base}/slow`, { timeoutMs: 200 })).rejects.toThrow(/within 200 ms/);
    await expect(lib.loadImage(`${base}/missing`)).rejects.toThrow(/HTTP 404/);
  });
});
