import { promises as fs } from 'node:fs';
import path from 'node:path';

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(ts|js)$/;

export class CommandFileError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid-name' | 'not-found' | 'exists',
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

export async function readCommandFile(commandsDir: string, file: string): Promise<string> {
  try {
    return await fs.readFile(commandFilePath(commandsDir, file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CommandFileError(`no command file "${file}"`, 'not-found');
    throw err;
  }
}

/** Writes atomically (temp file + rename) so the loader never sees half a file. */
export async function writeCommandFile(commandsDir: string, file: string, content: string): Promise<void> {
  const abs = commandFilePath(commandsDir, file);
  await fs.mkdir(commandsDir, { recursive: true });
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
