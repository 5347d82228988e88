import { createContext, useContext } from 'react';
import { isUnder } from './config-paths';
import type { SecretContext } from './secrets';
import type { Issue } from './validation';

export interface SettingsForm {
  issues: readonly Issue[];
  /** Keys set by command-line flags (or live changes) for this run. */
  overridden: readonly string[];
  /** The effective config (file + overrides), secrets null. */
  effective: unknown;
  secrets: SecretContext;
}

export const SettingsFormContext = createContext<SettingsForm | null>(null);

export function useSettingsForm(): SettingsForm {
  const form = useContext(SettingsFormContext);
  if (!form) throw new Error('settings field outside <SettingsFormContext>');
  return form;
}

/** Issues at `key` (and, with `children`, under it). */
export function issuesAt(issues: readonly Issue[], key: string, children = false): Issue[] {
  return issues.filter((i) => (children ? isUnder(i.key, key) : i.key === key));
}

/** The override covering `key`, if any (`pipeline.triggers` covers `pipeline.triggers.0`). */
export function overrideOf(overridden: readonly string[], key: string): string | null {
  return overridden.find((o) => isUnder(key, o)) ?? null;
}
