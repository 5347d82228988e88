import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SinkOutput } from '../output/sink-output';
import { GuildPlayer } from '../player/guild-player';
import { context, quietLogging, sineFile, tempDir, until } from '../testing/audio-fixtures';
import type { DownloadProgress } from './sound';
import { WebSound } from './web-sound';

let server: http.Server;
let base = '';
let ogg: Buffer;
const stalled: http.ServerResponse[] = [];

beforeAll(async () => {
  ogg = readFileSync(sineFile(path.join(tempDir(), 'tone.ogg'), 440, 1));
  server = http.createServer((req, res) => {
    if (req.url === '/tone.ogg') {
      res.writeHead(200, { 'content-type': 'audio/ogg', 'content-length': ogg.length });
      res.end(ogg);
    } else if (req.url === '/chunked.ogg') {
      res.writeHead(200, { 'content-type': 'audio/ogg' }); // no length: the limit applies while reading
      res.write(ogg.subarray(0, 1000));
      setTimeout(() => res.end(ogg.subarray(1000)), 20);
    } else if (req.url === '/slow.ogg') {
      res.writeHead(200, { 'content-type': 'audio/ogg', 'content-length': ogg.length });
      res.write(ogg.subarray(0, 100)); // then nothing: a download that never finishes
      stalled.push(res);
    } else if (req.url === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('this is not audio');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of stalled) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('WebSound', () => {
  it('downloads into the cache with progress, then plays from the file', async () => {
    const cacheDir = tempDir();
    const progress: DownloadProgress[] = [];
    const ctx = context(cacheDir, { onDownload: (p) => progress.push(p) });
    const player = new GuildPlayer({
      guildId: 'g',
      context: () => ctx,
      logger: quietLogging().child('a'),
      onChange: () => {},
    });
    const frames: Buffer[] = [];
    player.attach(new SinkOutput({ paced: false, onFrame: (f) => frames.push(f) }), 'v');
    const sound = new WebSound(`${base}/tone.ogg`);
    await sound.prepare(ctx);
    expect(sound.title).toBe('tone.ogg');
    expect(sound.durationMs).toBeGreaterThanOrEqual(990);
    expect(progress.at(-1)).toMatchObject({ state: 'done', received: ogg.length, total: ogg.length });
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(readFileSync(sound.cachedFile!).equals(ogg)).toBe(true);
    player.enqueue(sound);
    await until(() => !player.busy, 'the web sound to play');
    expect(Math.abs(frames.length - 50)).toBeLessThanOrEqual(1);
  });

  it('refuses a download over the size limit (declared length) and leaves nothing behind', async () => {
    const cacheDir = tempDir();
    const sound = new WebSound(`${base}/tone.ogg`);
    await expect(sound.prepare(context(cacheDir, { maxDownloadBytes: 500 }))).rejects.toThrow(
      /refused: \d+ bytes is over the limit of 500/,
    );
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('stops a download without a declared length once it passes the limit', async () => {
    const cacheDir = tempDir();
    const progress: DownloadProgress[] = [];
    const sound = new WebSound(`${base}/chunked.ogg`);
    await expect(
      sound.prepare(context(cacheDir, { maxDownloadBytes: 1500, onDownload: (p) => progress.push(p) })),
    ).rejects.toThrow('over the limit of 1500 bytes');
    expect(readdirSync(cacheDir)).toEqual([]);
    expect(progress.at(-1)?.state).toBe('failed');
  });

  it('gives up on a slow download after the timeout', async () => {
    const cacheDir = tempDir();
    const sound = new WebSound(`${base}/slow.ogg`);
    await expect(sound.prepare(context(cacheDir, { downloadTimeoutMs: 300 }))).rejects.toThrow(
      'timed out after 300 ms',
    );
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('a refused URL, a page that is not audio and a non-http URL fail clearly', async () => {
    await expect(new WebSound(`${base}/missing.ogg`).prepare(context())).rejects.toThrow('refused: HTTP 404');
    await expect(new WebSound(`${base}/text`).prepare(context())).rejects.toThrow('is not playable audio');
    expect(() => new WebSound('file:///etc/passwd')).toThrow('only http and https');
    expect(() => new WebSound('not a url')).toThrow('not a URL');
  });

  it('a failed download in the queue is skipped and the next item plays', async () => {
    const ctx = context(tempDir(), { maxDownloadBytes: 500 });
    const failures: string[] = [];
    const player = new GuildPlayer({
      guildId: 'g',
      context: () => ctx,
      logger: quietLogging().child('a'),
      onChange: () => {},
      onFailure: (f) => failures.push(f.reason),
    });
    const frames: Buffer[] = [];
    player.attach(new SinkOutput({ paced: false, onFrame: (f) => frames.push(f) }), 'v');
    player.enqueue(new WebSound(`${base}/tone.ogg`));
    player.enqueue(new WebSound(`${base}/nothing`));
    await until(() => !player.busy, 'the queue to give up');
    expect(failures).toEqual([
      expect.stringContaining('over the limit'),
      expect.stringContaining('HTTP 404'),
    ]);
    expect(frames).toEqual([]);
  });
});
