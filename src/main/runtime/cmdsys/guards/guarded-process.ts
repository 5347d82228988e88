import type { GenerationScope } from '../loader/generation-scope';

/** `process` members a command file may not use: each would end, move or re-own the whole bot. */
export const BLOCKED_PROCESS_MEMBERS = [
  'exit',
  'abort',
  'kill',
  'reallyExit',
  'chdir',
  'setuid',
  'setgid',
  'seteuid',
  'setegid',
  'setgroups',
  'initgroups',
] as const;

const BLOCKED = new Set<PropertyKey>(BLOCKED_PROCESS_MEMBERS);
/** Assigning these would change how the bot itself exits. */
const READ_ONLY = new Set<PropertyKey>(['exitCode']);
const ADD_LISTENER = new Set<PropertyKey>([
  'on',
  'addListener',
  'once',
  'prependListener',
  'prependOnceListener',
]);

export class ProcessMemberBlocked extends Error {
  constructor(member: string, file: string) {
    super(
      `process.${member}() is not available to command files (called from ${file}): ` +
        'the bot runs every command in one process. Throw an error or return instead.',
    );
    this.name = 'ProcessMemberBlocked';
  }
}

/**
 * The `process` a command file sees: the real one, except that the members that would end the
 * bot or change it for everyone (`exit`, `abort`, `kill`, `chdir`, the setuid family) throw an
 * error naming the file, and listeners it adds to `process` are removed with its generation.
 */
export function guardedProcess(file: string, scope: GenerationScope): NodeJS.Process {
  const real = process;
  const blocked = new Map<PropertyKey, () => never>();
  const listenerAdders = new Map<PropertyKey, (...args: unknown[]) => unknown>();
  const proxy: NodeJS.Process = new Proxy(real, {
    get(target, key) {
      if (BLOCKED.has(key)) {
        let fn = blocked.get(key);
        if (!fn) {
          fn = () => {
            throw new ProcessMemberBlocked(String(key), file);
          };
          blocked.set(key, fn);
        }
        return fn;
      }
      if (ADD_LISTENER.has(key)) {
        let fn = listenerAdders.get(key);
        if (!fn) {
          const method = Reflect.get(target, key, target) as (...args: unknown[]) => unknown;
          fn = (event: unknown, listener: unknown, ...rest: unknown[]) => {
            method.call(target, event, listener, ...rest);
            if (typeof listener === 'function')
              scope.track(() => target.removeListener(event as string, listener as () => void));
            return proxy;
          };
          listenerAdders.set(key, fn);
        }
        return fn;
      }
      return Reflect.get(target, key, target) as unknown;
    },
    set(target, key, value) {
      if (BLOCKED.has(key) || READ_ONLY.has(key))
        throw new TypeError(`process.${String(key)} cannot be changed by a command file (${file})`);
      return Reflect.set(target, key, value, target);
    },
    defineProperty(target, key, descriptor) {
      if (BLOCKED.has(key) || READ_ONLY.has(key))
        throw new TypeError(`process.${String(key)} cannot be changed by a command file (${file})`);
      return Reflect.defineProperty(target, key, descriptor);
    },
    deleteProperty(target, key) {
      if (BLOCKED.has(key) || READ_ONLY.has(key))
        throw new TypeError(`process.${String(key)} cannot be deleted by a command file (${file})`);
      return Reflect.deleteProperty(target, key);
    },
  });
  return proxy;
}
