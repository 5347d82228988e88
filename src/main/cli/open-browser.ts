import { spawn } from 'node:child_process';

/** Opens `url` in the user's browser when the platform has a way to; never throws. */
export function openBrowser(url: string, onFail: (reason: string) => void): void {
  let command: string;
  let args: string[];
  if (process.platform === 'darwin') {
    command = 'open';
    args = [url];
  } else if (process.platform === 'win32') {
    command = 'cmd';
    args = ['/c', 'start', '""', url];
  } else {
    if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      onFail('no graphical display (DISPLAY/WAYLAND_DISPLAY unset)');
      return;
    }
    command = 'xdg-open';
    args = [url];
  }
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', (err) => onFail(err.message));
    child.unref();
  } catch (err) {
    onFail((err as Error).message);
  }
}
