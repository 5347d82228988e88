import { javascript } from '@codemirror/lang-javascript';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { editorThemeFor, useEditorTheme } from './editor-theme';

export interface DiffPaneProps {
  /** The older text (left). */
  before: string;
  /** The newer text (right). */
  after: string;
  beforeLabel: string;
  afterLabel: string;
}

/** A read-only side-by-side diff of two versions of a file (CodeMirror's merge view). */
export default function DiffPane({ before, after, beforeLabel, afterLabel }: DiffPaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useEditorTheme();
  useEffect(() => {
    if (!host.current) return undefined;
    const shared = (label: string) => [
      javascript({ typescript: true }),
      editorThemeFor(theme),
      EditorView.lineWrapping,
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      EditorView.contentAttributes.of({ 'aria-label': label }),
    ];
    const view = new MergeView({
      parent: host.current,
      a: { doc: before, extensions: shared(beforeLabel) },
      b: { doc: after, extensions: shared(afterLabel) },
      highlightChanges: true,
      gutter: true,
      collapseUnchanged: { margin: 3, minSize: 8 },
    });
    return () => view.destroy();
  }, [before, after, beforeLabel, afterLabel, theme]);
  return <div className="merge-pane diff-pane" ref={host} data-testid="history-diff" />;
}
