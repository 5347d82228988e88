import { ModelDefinitionError } from './errors';

/** What a model, table or field name must look like; anything else never reaches SQL. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_IDENTIFIER = 64;

/** Returns `name` if it is a safe identifier, else throws naming what it was meant to be. */
export function checkIdentifier(kind: string, name: unknown): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name) || name.length > MAX_IDENTIFIER)
    throw new ModelDefinitionError(
      `invalid ${kind} name ${JSON.stringify(name)}: it must match ${IDENTIFIER.source} (at most ${MAX_IDENTIFIER} characters)`,
    );
  if (/^sqlite_/i.test(name))
    throw new ModelDefinitionError(`invalid ${kind} name "${name}": the sqlite_ prefix is reserved`);
  return name;
}

/** True for a name that passes checkIdentifier (no throw). */
export function isIdentifier(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length <= MAX_IDENTIFIER &&
    IDENTIFIER.test(name) &&
    !/^sqlite_/i.test(name)
  );
}

/** A checked identifier in double quotes (the identifier pattern admits no quote to escape). */
export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name))
    throw new ModelDefinitionError(`refusing to quote unsafe identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}
