import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDirs } from '../../../../tests/support/tmp-dir';
import { waitFor } from '../../../../tests/support/wait';
import { logDirOf, openLogFile } from './log-file';
import { createLogging } from './logging';

const tmp = useTmpDirs();

describe('log file', () => {
  it('writes every logged line as JSON to <dataDir>/logs, secrets redacted, readable after a flush', async () => {
    const dataDir = tmp();
    const file = await openLogFile({ dataDir, filesKept: 3, maxMb: 1 });
    const logging = createLogging({ console: false, file: file.stream, level: 'debug' });
    logging.child('test').info({ token: 'abc', n: 1 }, 'hello file');
    logging.child('test').debug('details');
    await file.flush();
    const dir = logDirOf(dataDir);
    const current = realpathSync(path.join(dir, 'current.log'));
    expect(path.basename(current)).toMatch(/^bot\.\d{4}-\d{2}-\d{2}\.1\.log$/);
    // the file is written asynchronously (never blocking the event loop)
    await waitFor('both lines on disk', () => readFileSync(current, 'utf8').includes('details'), 5_000);
    const lines = readFileSync(current, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'hello file', name: 'test', token: '[secret]', n: 1, level: 30 }),
      expect.objectContaining({ msg: 'details', level: 20 }),
    ]);
    await file.close();
  });

  it('starts a new file past the size limit and keeps only the newest ones', async () => {
    const dataDir = tmp();
    const file = await openLogFile({ dataDir, filesKept: 2, maxMb: 1 });
    const logging = createLogging({ console: false, file: file.stream });
    const line = 'x'.repeat(10_000);
    for (let i = 0; i < 500; i++) {
      logging.root.info({ i }, line); // ~5 MB in all
      if (i % 50 === 0) await file.flush();
    }
    await file.flush();
    const logsNow = (): string[] => readdirSync(logDirOf(dataDir)).filter((f) => /^bot\..*\.log$/.test(f));
    await waitFor('a second file', () => logsNow().length >= 2, 5_000); // rolling is asynchronous
    await file.close();
    const logs = logsNow();
    expect(logs.length).toBeLessThanOrEqual(3); // the current one plus `filesKept`
  });
});
