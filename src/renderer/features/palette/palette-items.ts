import type { CommandsOverview } from '../../../shared/dto/commands';

export type PaletteGroup = 'Views' | 'Actions' | 'Commands' | 'Files' | 'Settings';
export const GROUP_ORDER: readonly PaletteGroup[] = ['Views', 'Actions', 'Commands', 'Files', 'Settings'];

/** What choosing an item does; the palette host carries it out. */
export type PaletteTarget =
  | { kind: 'view'; view: string }
  | { kind: 'file'; file: string }
  | { kind: 'builtin'; name: string }
  | { kind: 'settings'; section: string }
  | { kind: 'action'; action: PaletteAction };

export type PaletteAction = 'reload' | 'restart' | 'stop' | 'start' | 'shortcuts';

export interface PaletteItem {
  /** Unique among all items (cmdk's value). */
  id: string;
  group: PaletteGroup;
  label: string;
  /** A second, dimmer line: a command's description, a file's state… */
  hint: string;
  /** More words the search matches. */
  keywords: string[];
  target: PaletteTarget;
}

export const ACTIONS: readonly { action: PaletteAction; label: string; hint: string; keywords: string[] }[] =
  [
    { action: 'reload', label: 'Reload commands', hint: 'load changed command files', keywords: ['refresh'] },
    {
      action: 'restart',
      label: 'Restart runtime',
      hint: 'a new runtime process; the panel reconnects',
      keywords: ['reboot', 'supervisor'],
    },
    {
      action: 'stop',
      label: 'Stop bot',
      hint: 'take the network adapters offline',
      keywords: ['offline', 'disconnect'],
    },
    {
      action: 'start',
      label: 'Start bot',
      hint: 'bring the network adapters online',
      keywords: ['online', 'connect'],
    },
    { action: 'shortcuts', label: 'Keyboard shortcuts', hint: '?', keywords: ['help', 'keys'] },
  ];

export interface PaletteSources {
  views: readonly { id: string; label: string }[];
  overview: CommandsOverview | null;
  sections: readonly { id: string; title: string }[];
}

/** Everything the palette offers, grouped: views, actions, commands, command files, settings sections. */
export function paletteItems({ views, overview, sections }: PaletteSources): PaletteItem[] {
  const items: PaletteItem[] = views.map((v) => ({
    id: `view:${v.id}`,
    group: 'Views',
    label: `Go to ${v.label}`,
    hint: '',
    keywords: [v.id, v.label],
    target: { kind: 'view', view: v.id },
  }));
  for (const a of ACTIONS)
    items.push({
      id: `action:${a.action}`,
      group: 'Actions',
      label: a.label,
      hint: a.hint,
      keywords: a.keywords,
      target: { kind: 'action', action: a.action },
    });
  for (const c of overview?.commands ?? [])
    items.push({
      id: `command:${c.id}`,
      group: 'Commands',
      label: c.name,
      hint: c.file ? `${c.desc} · ${c.file}` : `${c.desc} · built in`,
      keywords: [...c.aliases, c.file ?? 'internal'],
      target: c.file ? { kind: 'file', file: c.file } : { kind: 'builtin', name: c.name },
    });
  for (const f of overview?.files ?? [])
    items.push({
      id: `file:${f.file}`,
      group: 'Files',
      label: f.file,
      hint: f.state === 'loaded' ? 'open in the editor' : `${f.state} · open in the editor`,
      keywords: ['file', 'edit'],
      target: { kind: 'file', file: f.file },
    });
  for (const s of sections)
    items.push({
      id: `settings:${s.id}`,
      group: 'Settings',
      label: `Settings: ${s.title}`,
      hint: '',
      keywords: [s.id, 'config'],
      target: { kind: 'settings', section: s.id },
    });
  return items;
}
