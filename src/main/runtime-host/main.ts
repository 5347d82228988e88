// The runtime process entry (out/main/runtime-host.js; src in development through tsx). Started
// only by the supervisor (src/main/supervisor), which passes the launch options in the environment.
import { LAUNCH_ENV, RuntimeLaunchSchema } from '../../shared/process/runtime-messages';
import { connectToParent } from './channel';
import { runRuntimeHost } from './host';

const parsed = RuntimeLaunchSchema.safeParse(JSON.parse(process.env[LAUNCH_ENV] ?? 'null'));
if (!parsed.success) {
  process.stderr.write(`runtime host: started without valid launch options (${LAUNCH_ENV})\n`);
  process.exit(1);
}
const channel = connectToParent((why) =>
  process.stderr.write(`runtime host: invalid message dropped: ${why}\n`),
);
const code = await runRuntimeHost(parsed.data, channel, process.stderr);
// Let the last IPC messages and stderr drain, then exit even if a stray handle is still open.
process.exitCode = code;
setTimeout(() => process.exit(code), 100).unref();
