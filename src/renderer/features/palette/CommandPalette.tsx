import * as Dialog from '@radix-ui/react-dialog';
import { Command } from 'cmdk';
import {
  Activity,
  AudioLines,
  Code,
  Database,
  FileCode,
  Keyboard,
  Play,
  RefreshCw,
  RotateCw,
  ScrollText,
  Settings,
  ShieldCheck,
  SlidersHorizontal,
  Square,
  SquareTerminal,
  TerminalSquare,
  Timer,
  type LucideIcon,
} from 'lucide-react';
import { GROUP_ORDER, type PaletteItem, type PaletteTarget } from './palette-items';

const VIEW_ICONS: Record<string, LucideIcon> = {
  status: Activity,
  logs: ScrollText,
  commands: Code,
  console: SquareTerminal,
  running: Timer,
  audio: AudioLines,
  audit: ShieldCheck,
  settings: Settings,
  database: Database,
};
const ACTION_ICONS = { reload: RefreshCw, restart: RotateCw, stop: Square, start: Play, shortcuts: Keyboard };

function iconOf(target: PaletteTarget): LucideIcon {
  switch (target.kind) {
    case 'view':
      return VIEW_ICONS[target.view] ?? Activity;
    case 'action':
      return ACTION_ICONS[target.action];
    case 'file':
      return FileCode;
    case 'builtin':
      return TerminalSquare;
    case 'settings':
      return SlidersHorizontal;
  }
}

/** The command palette (Ctrl/Cmd+K): type to find a view, command, file, setting or action. */
export function CommandPalette({
  open,
  onOpenChange,
  items,
  onChoose,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  items: readonly PaletteItem[];
  onChoose: (item: PaletteItem) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="palette-overlay" />
        <Dialog.Content className="modal palette" aria-describedby={undefined}>
          <Dialog.Title className="sr-only">Command palette</Dialog.Title>
          <Command label="Command palette" loop>
            <Command.Input
              className="palette-input"
              placeholder="Go to, run, open… (type to search)"
              autoFocus
            />
            <Command.List className="palette-list">
              <Command.Empty className="palette-empty">Nothing matches.</Command.Empty>
              {GROUP_ORDER.map((group) => {
                const inGroup = items.filter((i) => i.group === group);
                if (inGroup.length === 0) return null;
                return (
                  <Command.Group key={group} heading={group} className="palette-group">
                    {inGroup.map((item) => {
                      const Icon = iconOf(item.target);
                      return (
                        <Command.Item
                          key={item.id}
                          value={item.id}
                          keywords={[item.label, item.hint, ...item.keywords]}
                          onSelect={() => onChoose(item)}
                          className="palette-item"
                        >
                          <Icon size={15} aria-hidden="true" />
                          <span className="palette-label">{item.label}</span>
                          {item.hint && <span className="palette-hint">{item.hint}</span>}
                        </Command.Item>
                      );
                    })}
                  </Command.Group>
                );
              })}
            </Command.List>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
