/** Whether the platform's command key is ⌘ (macOS) rather than Ctrl. */
export function isMac(platform = typeof navigator === 'undefined' ? '' : navigator.platform): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** The keys of a shortcut as shown (`Mod` becomes ⌘ or Ctrl). */
export function keysFor(keys: readonly string[], mac = isMac()): string[] {
  return keys.map((k) => (k === 'Mod' ? (mac ? '⌘' : 'Ctrl') : k));
}

export interface Shortcut {
  keys: readonly string[];
  what: string;
}

/** Every keyboard shortcut of the panel, by where it works (the `?` sheet shows this). */
export const SHORTCUTS: readonly { where: string; items: readonly Shortcut[] }[] = [
  {
    where: 'Anywhere',
    items: [
      { keys: ['Mod', 'K'], what: 'Command palette: views, commands, files, settings, actions' },
      { keys: ['?'], what: 'This list (not while typing in a field)' },
      { keys: ['Esc'], what: 'Close a dialog or drawer' },
    ],
  },
  {
    where: 'Console',
    items: [
      { keys: ['Enter'], what: 'Run the line, or answer the command waiting for it' },
      { keys: ['Mod', 'Enter'], what: 'Run the line as a new command even while one waits' },
      { keys: ['Tab'], what: 'Complete the command, subcommand or argument' },
      { keys: ['Shift', 'Tab'], what: 'Previous completion' },
      { keys: ['↑ / ↓'], what: 'Walk the history' },
      { keys: ['Ctrl', 'L'], what: 'Clear the output' },
      { keys: ['Esc'], what: 'Close the completions, then empty the line' },
    ],
  },
  {
    where: 'Commands editor',
    items: [{ keys: ['Mod', 'S'], what: 'Save & reload the open file' }],
  },
];

/** Whether a key event comes from somewhere the operator types (where `?` is just a character). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('[contenteditable="true"], .cm-editor')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}
