import './palette.css';
import { CircleAlert, CircleCheck } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { PANEL_VIEWS } from '../../../shared/panel/views';
import { useApi } from '../../api/api-context';
import { useCommandsStore } from '../commands/commands-store';
import { SECTIONS } from '../settings/sections';
import { CommandPalette } from './CommandPalette';
import { paletteItems, type PaletteItem } from './palette-items';
import { runTarget } from './run-target';
import { ShortcutSheet } from './ShortcutSheet';
import { isTyping } from './shortcuts';

const NOTE_MS = 5_000;

/**
 * The app-wide keyboard layer: Ctrl/Cmd+K opens the command palette, `?` (outside text fields)
 * the shortcut sheet, and a one-line note reports what a palette action did.
 */
export function PaletteHost() {
  const client = useApi();
  const overview = useCommandsStore((s) => s.overview);
  const [palette, setPalette] = useState(false);
  const [sheet, setSheet] = useState(false);
  const [note, setNote] = useState<{ text: string; tone: 'ok' | 'err'; key: number } | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSheet(false);
        setPalette((open) => !open);
      } else if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        setPalette(false);
        setSheet(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!note) return undefined;
    const timer = setTimeout(() => setNote(null), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  const items = useMemo(() => paletteItems({ views: PANEL_VIEWS, overview, sections: SECTIONS }), [overview]);
  const choose = useCallback(
    (item: PaletteItem) => {
      setPalette(false);
      runTarget(
        {
          client,
          showShortcuts: () => setSheet(true),
          notify: (text, tone) => setNote((n) => ({ text, tone, key: (n?.key ?? 0) + 1 })),
        },
        item.target,
      );
    },
    [client],
  );

  return (
    <>
      <CommandPalette open={palette} onOpenChange={setPalette} items={items} onChoose={choose} />
      <ShortcutSheet open={sheet} onOpenChange={setSheet} />
      <div className="palette-note-region" role="status" aria-live="polite">
        {note && (
          <div key={note.key} className={`palette-note ${note.tone}`} data-testid="palette-note">
            {note.tone === 'ok' ? (
              <CircleCheck size={14} aria-hidden="true" />
            ) : (
              <CircleAlert size={14} aria-hidden="true" />
            )}
            {note.text}
          </div>
        )}
      </div>
    </>
  );
}
