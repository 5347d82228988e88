import type { InvocationDto } from '../../../shared/dto/commands';

/** The panel's console session (its commands' channel). */
export const PANEL_CONSOLE_SESSION = 'panel';

/**
 * The command that the session's next line answers: the newest console invocation of that
 * session waiting in `ask()` (the runtime gives a line to the newest waiter), or null.
 */
export function answeringIn(invocations: readonly InvocationDto[], session: string): InvocationDto | null {
  let found: InvocationDto | null = null;
  for (const inv of invocations) {
    if (inv.adapterId !== 'console' || inv.channel !== session || inv.state !== 'awaiting_input') continue;
    if (!found || inv.id > found.id) found = inv;
  }
  return found;
}
