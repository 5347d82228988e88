import { spawn } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * What the bot itself wrote to stdout. With `json=true` in .npmrc (see there), npm reports a
 * non-zero exit as a JSON object on stdout after the script ended; that part is npm's, not ours.
 */
export function botStdout(result: CliResult): string {
  if (result.code === 0) return result.stdout;
  const npmReport = /\{\n {2}"error": \{[\s\S]*\}\n?$/.exec(result.stdout);
  if (!npmReport) return result.stdout;
  const report = JSON.parse(npmReport[0]) as { error?: { code?: number } };
  if (report.error?.code !== result.code) return result.stdout;
  return result.stdout.slice(0, npmReport.index);
}

/** Runs `npm run bot -- ...args` exactly as an operator would, feeding `input` on stdin. */
export function runBot(args: string[], input = '', timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'bot', '--', ...args], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** The runtime process entry from source, for tests that call runCli in-process. */
export const RUNTIME_ENTRY = path.join(REPO_ROOT, 'src/main/runtime-host/main.ts');
