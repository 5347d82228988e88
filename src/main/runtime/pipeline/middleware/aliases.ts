import type { MiddlewareResult } from './types';

export interface AliasRule {
  pattern: string;
  replacement: string;
}

export interface CompiledAlias {
  rule: AliasRule;
  regex: RegExp;
  names: string[];
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles `remember {key} is {rest}`: literal words match case-insensitively, `{name}` captures
 * one word, and the last placeholder captures the rest of the message.
 */
export function compileAlias(rule: AliasRule): CompiledAlias {
  const names: string[] = [];
  const parts = rule.pattern.trim().split(/\s+/);
  const lastPlaceholder = parts.reduce(
    (last, part, i) => (/^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(part) ? i : last),
    -1,
  );
  const source = parts
    .map((part, i) => {
      const whole = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(part);
      if (whole) {
        names.push(whole[1]!);
        return i === lastPlaceholder && i === parts.length - 1 ? '(.+)' : '(\\S+)';
      }
      return escapeRegex(part);
    })
    .join('\\s+');
  return { rule, regex: new RegExp(`^${source}$`, 'iu'), names };
}

/** Escapes a captured value for where it lands in the replacement: inside '…', inside "…", or bare. */
function escapeFor(value: string, quote: "'" | '"' | null): string {
  if (quote === "'") return value.replace(/[\\']/g, '\\$&');
  if (quote === '"') return value.replace(/[\\"]/g, '\\$&');
  return value.replace(/[\\'"]/g, '\\$&');
}

/**
 * Fills the replacement template. Captured text can never break out of its quotes or inject
 * extra quoting: every quote and backslash in it is escaped for its position.
 */
export function fillReplacement(template: string, values: Record<string, string>): string {
  let out = '';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch === '\\' && i + 1 < template.length) {
      out += ch + template[++i];
      continue;
    }
    if (ch === '{') {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(template);
      if (m && m.index === i && m[1]! in values) {
        out += escapeFor(values[m[1]!]!, quote);
        i += m[0].length - 1;
        continue;
      }
    }
    if (ch === "'" || ch === '"') {
      if (quote === null) quote = ch;
      else if (quote === ch) quote = null;
    }
    out += ch;
  }
  return out;
}

/** The alias rewrite engine as string middleware: the first matching rule rewrites the text. */
export function applyAliases(text: string, rules: readonly CompiledAlias[]): MiddlewareResult<string> {
  for (const alias of rules) {
    const match = alias.regex.exec(text);
    if (!match) continue;
    const values = Object.fromEntries(alias.names.map((name, i) => [name, match[i + 1] ?? '']));
    return { value: fillReplacement(alias.rule.replacement, values) };
  }
  return { value: text };
}
