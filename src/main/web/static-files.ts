import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  file: string;
  contentType: string;
  size: number;
}

/**
 * Maps a URL path to a file under `root`. Paths that escape the root are refused; paths
 * without an extension fall back to index.html (the panel is a single-page app).
 */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rootAbs = path.resolve(root);
  const candidate = path.resolve(rootAbs, `.${path.posix.normalize(decoded)}`);
  if (candidate !== rootAbs && !candidate.startsWith(rootAbs + path.sep)) return null;
  const tryFile = async (file: string): Promise<StaticFile | null> => {
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return null;
      return {
        file,
        size: stat.size,
        contentType: MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      };
    } catch {
      return null;
    }
  };
  const direct = candidate === rootAbs ? null : await tryFile(candidate);
  if (direct) return direct;
  if (path.extname(decoded) === '') return tryFile(path.join(rootAbs, 'index.html'));
  return null;
}

export function openStatic(file: StaticFile): NodeJS.ReadableStream {
  return createReadStream(file.file);
}
