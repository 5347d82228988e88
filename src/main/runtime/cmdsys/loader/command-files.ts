import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileVersion } from '../../../../shared/dto/command-files';

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(ts|js)$/;

export class CommandFileError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid-name' | 'not-found' | 'exists' | 'outside',
  ) {
    super(message);
    this.name = 'CommandFileError';
  }
}

/** The absolute path of a command file, refusing anything that is not a plain top-level name. */
export function commandFilePath(commandsDir: string, file: string): string {
  if (!FILE_NAME.test(file))
    throw new CommandFileError(`invalid command file name "${file}"`, 'invalid-name');
  const abs = path.resolve(commandsDir, file);
  if (path.dirname(abs) !== path.resolve(commandsDir))
    throw new CommandFileError(`invalid command file name "${file}"`, 'invalid-name');
  return abs;
}

/**
 * Refuses a command file that is a symlink (or sits behind one) leading out of the commands
 * folder: the panel may read and write the commands folder, not whatever a link points at.
 * A missing file passes (it is about to be created).
 */
async function assertInside(commandsDir: string, abs: string, file: string): Promise<void> {
  let real: string;
  try {
    real = await fs.realpath(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw err;
    // a dangling link still points somewhere: refuse it as well
    const link = await fs.lstat(abs).catch(() => null);
    if (!link?.isSymbolicLink()) return;
    real = path.resolve(path.dirname(abs), await fs.readlink(abs));
  }
  const root = await fs.realpath(commandsDir).catch(() => path.resolve(commandsDir));
  if (path.dirname(real) !== root && !real.startsWith(root + path.sep))
    throw new CommandFileError(`"${file}" is a link that leads out of the commands folder`, 'outside');
}

/** The version of a file's content: its mtime and a hash of its bytes. */
export function fileVersion(content: string, mtimeMs: number): FileVersion {
  return { mtimeMs, hash: createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 32) };
}

export interface VersionedContent {
  content: string;
  version: FileVersion;
}

/** Reads a command file with its version, or null when it does not exist. */
export async function readVersioned(commandsDir: string, file: string): Promise<VersionedContent | null> {
  const abs = commandFilePath(commandsDir, file);
  await assertInside(commandsDir, abs, file);
  try {
    const [content, stat] = await Promise.all([fs.readFile(abs, 'utf8'), fs.stat(abs)]);
    return { content, version: fileVersion(content, stat.mtimeMs) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function readCommandFile(commandsDir: string, file: string): Promise<string> {
  const found = await readVersioned(commandsDir, file);
  if (!found) throw new CommandFileError(`no command file "${file}"`, 'not-found');
  return found.content;
}

/** Writes atomically (temp file + rename) so the loader never sees half a file. */
export async function writeCommandFile(commandsDir: string, file: string, content: string): Promise<void> {
  const abs = commandFilePath(commandsDir, file);
  await fs.mkdir(commandsDir, { recursive: true });
  await assertInside(commandsDir, abs, file);
  const tmp = path.join(commandsDir, `.${file}.${process.pid}.${Date.now()}.tmp`);
  await fs.writeFile(tmp, content, 'utf8');
  await fs.rename(tmp, abs);
}

export async function deleteCommandFile(commandsDir: string, file: string): Promise<void> {
  try {
    await fs.unlink(commandFilePath(commandsDir, file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CommandFileError(`no command file "${file}"`, 'not-found');
    throw err;
  }
}

const className = (name: string): string =>
  name
    .replace(/(^|[-_])([a-z0-9])/gi, (_, __: string, c: string) => c.toUpperCase())
    .replace(/^[0-9]/, 'C$&');

/** Source of a new command file: a documented, working starting point. */
export function commandTemplate(commandName: string): string {
  const cls = className(commandName);
  return `import { Command, StringArgument, type ArgsOf } from 'cmdsys';

/** ${commandName}: describe what it does. */
export class ${cls} extends Command {
  setup() {
    this.name = '${commandName}';
    this.desc = 'Describe ${commandName} in one line.';
    // Return the argument chain so that ArgsOf<${cls}> types call()'s argument object.
    return this.addArgument(new StringArgument('text', true, { description: 'optional text' }));
  }

  async call({ text }: ArgsOf<${cls}>) {
    await this.respond(text ? \`${commandName}: \${text}\` : 'Hello from ${commandName}!');
  }
}
`;
}

/** Creates a command file from the template; refuses to overwrite. */
export async function createCommandFile(
  commandsDir: string,
  file: string,
  commandName: string,
): Promise<string> {
  const abs = commandFilePath(commandsDir, file);
  const content = commandTemplate(commandName);
  await fs.mkdir(commandsDir, { recursive: true });
  try {
    await fs.writeFile(abs, content, { encoding: 'utf8', flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new CommandFileError(`"${file}" already exists`, 'exists');
    throw err;
  }
  return content;
}
