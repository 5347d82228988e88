import { SECRET_PATHS } from './schema';

/**
 * Concrete paths (`irc.servers.1.sasl.password`) of the secret fields of a config object: every
 * slot whose parent object exists, or with `onlySet` only the slots that hold a value.
 * Shared by the runtime (redaction) and the panel (secret fields in Settings).
 */
export function secretPathsIn(config: unknown, options: { onlySet?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (node: unknown, parts: string[], prefix: string[]): void => {
    if (node === null || typeof node !== 'object') return;
    const [head, ...rest] = parts;
    if (rest.length === 0) {
      if (Array.isArray(node)) return;
      const value = (node as Record<string, unknown>)[head!];
      if (!options.onlySet || (value !== null && value !== undefined)) out.push([...prefix, head!].join('.'));
      return;
    }
    if (head === '*') {
      if (Array.isArray(node)) node.forEach((child, i) => walk(child, rest, [...prefix, String(i)]));
      return;
    }
    walk((node as Record<string, unknown>)[head!], rest, [...prefix, head!]);
  };
  for (const pattern of SECRET_PATHS) walk(config, pattern.split('.'), []);
  return out;
}
