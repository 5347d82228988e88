import { javascript } from '@codemirror/lang-javascript';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { editorThemeFor, useEditorTheme } from './editor-theme';

export interface MergePaneProps {
  /** The file as it is on disk now (read-only, left). */
  disk: string;
  /** The editor's version (editable, right): chunks can be taken over from the disk side. */
  mine: string;
  /** Called with the right side's content whenever it changes. */
  onMineChange: (value: string) => void;
}

/** CodeMirror's merge view: disk on the left, the operator's version on the right. */
export default function MergePane({ disk, mine, onMineChange }: MergePaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useEditorTheme();
  const onChange = useRef(onMineChange);
  useEffect(() => {
    onChange.current = onMineChange;
  }, [onMineChange]);

  useEffect(() => {
    if (!host.current) return undefined;
    const shared = [javascript({ typescript: true }), editorThemeFor(theme), EditorView.lineWrapping];
    const view = new MergeView({
      parent: host.current,
      a: { doc: disk, extensions: [...shared, EditorState.readOnly.of(true), EditorView.editable.of(false)] },
      b: {
        doc: mine,
        extensions: [
          ...shared,
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChange.current(u.state.doc.toString());
          }),
        ],
      },
      revertControls: 'a-to-b',
      highlightChanges: true,
      gutter: true,
    });
    return () => view.destroy();
  }, [disk, mine, theme]);

  return <div className="merge-pane" ref={host} data-testid="merge-pane" />;
}
