import type { PanelClient } from '../../api/panel-client';
import { describeError } from '../../lib/errors';
import { commandActions } from '../commands/commands-actions';
import { isDirty, useCommandsStore } from '../commands/commands-store';
import { reloadCommands, restartRuntime, startBot, stopBot } from '../status/bot-actions';
import { useStatusStore } from '../status/status-store';
import type { PaletteTarget } from './palette-items';

export interface TargetContext {
  client: PanelClient;
  /** Shows the shortcut sheet. */
  showShortcuts(): void;
  /** One line for the operator after an action (done, or why not). */
  notify(text: string, tone: 'ok' | 'err'): void;
}

const go = (view: string): void => {
  const hash = `#/${view}`;
  if (window.location.hash !== hash) window.location.hash = hash;
};

/** Runs `find` once the element exists (the view renders after the hash changes), for up to ~1 s. */
function whenPresent(find: () => HTMLElement | null, then: (el: HTMLElement) => void, tries = 30): void {
  const el = find();
  if (el) return then(el);
  if (tries > 0) requestAnimationFrame(() => whenPresent(find, then, tries - 1));
}

/** Opens a command file in the editor, unless that would drop another file's unsaved changes. */
function openFile(ctx: TargetContext, file: string): void {
  go('commands');
  const doc = useCommandsStore.getState().doc;
  if (doc?.file === file) return;
  if (doc && isDirty(doc)) {
    ctx.notify(`${doc.file} has unsaved changes: save or discard them, then open ${file}`, 'err');
    return;
  }
  void commandActions(ctx.client, useCommandsStore).open(file);
}

async function runAction(ctx: TargetContext, action: Extract<PaletteTarget, { kind: 'action' }>['action']) {
  const { client } = ctx;
  try {
    switch (action) {
      case 'reload':
        return ctx.notify(await reloadCommands(client), 'ok');
      case 'restart':
        await restartRuntime(client);
        return ctx.notify('Restarting the runtime…', 'ok');
      case 'stop':
        await stopBot(client, useStatusStore);
        return ctx.notify('Network adapters stopped', 'ok');
      case 'start':
        await startBot(client, useStatusStore);
        return ctx.notify('Network adapters started', 'ok');
      case 'shortcuts':
        return ctx.showShortcuts();
    }
  } catch (err) {
    ctx.notify(`${action[0]!.toUpperCase()}${action.slice(1)} failed: ${describeError(err)}`, 'err');
  }
}

/** Carries out what a palette item stands for. */
export function runTarget(ctx: TargetContext, target: PaletteTarget): void {
  switch (target.kind) {
    case 'view':
      return go(target.view);
    case 'file':
      return openFile(ctx, target.file);
    case 'builtin': {
      go('commands');
      const doc = useCommandsStore.getState().doc;
      if (doc && isDirty(doc))
        return ctx.notify(`${doc.file} has unsaved changes: save or discard them first`, 'err');
      return useCommandsStore.getState().selectBuiltin(target.name);
    }
    case 'settings':
      go('settings');
      return whenPresent(
        () => document.getElementById(`settings-${target.section}`),
        (section) => {
          const pane = section.closest<HTMLElement>('.set-scroll');
          if (!pane) return;
          const top = section.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
          pane.scrollTo({ top: Math.max(0, top - 14) });
        },
      );
    case 'action':
      return void runAction(ctx, target.action);
  }
}
