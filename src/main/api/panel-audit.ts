import type { Bot } from '../runtime/bot';
import { PANEL_ACTOR } from '../runtime/audit/types';

/** Security-relevant panel actions go to the console guild's audit log, with the panel as actor. */
export function panelAudit(bot: Bot): (command: string, message: string) => void {
  return (command, message) =>
    void bot.audit.record({ actor: PANEL_ACTOR, channel: 'panel', command, message });
}
