import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, linter, setDiagnostics } from '@codemirror/lint';
import { EditorSelection, Prec } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView, keymap } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { LoadFailureDto } from '../../../shared/dto/commands';
import { failureDiagnostics, positionOf } from './diagnostics';

export interface CodeEditorHandle {
  /** Moves the cursor to a 1-based line (and column) and scrolls it into view. */
  goTo(line: number, column: number | null): void;
  focus(): void;
}

export interface CodeEditorProps {
  /** The initial content; the editor is remounted (keyed) for another file or outside change. */
  value: string;
  onChange: (value: string) => void;
  onSave: () => void;
  /** The load failure of this file, shown as an error marker at its line. */
  failure: LoadFailureDto | null;
  readOnly?: boolean;
  label: string;
}

// One Dark's syntax colours on the panel's own surfaces, so the editor sits in the view like
// the log list does (same background, gutter and selection colours as the rest of the panel).
const panelTheme = EditorView.theme(
  {
    '&': { height: '100%', fontSize: '12.5px', color: '#d7dce4', backgroundColor: '#0b0d11' },
    '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.6', fontVariantLigatures: 'none' },
    '.cm-content': { caretColor: '#5aa2ff', padding: '6px 0' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#5aa2ff', borderLeftWidth: '2px' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
      { backgroundColor: 'rgba(90, 162, 255, 0.28)' },
    '.cm-gutters': { backgroundColor: '#0b0d11', color: '#4b5565', borderRight: '1px solid #1b2029' },
    '.cm-activeLineGutter': { backgroundColor: '#131821', color: '#98a2b3' },
    '.cm-activeLine': { backgroundColor: 'rgba(255, 255, 255, 0.028)' },
    '.cm-selectionMatch': { backgroundColor: 'rgba(90, 162, 255, 0.14)' },
    '.cm-matchingBracket, .cm-nonmatchingBracket': {
      backgroundColor: 'rgba(90, 162, 255, 0.22)',
      outline: 'none',
    },
    '.cm-foldPlaceholder': { backgroundColor: '#1b2029', border: 'none', color: '#98a2b3' },
    '.cm-searchMatch': { backgroundColor: 'rgba(227, 160, 8, 0.25)' },
    '.cm-panels': { backgroundColor: '#151921', color: '#d7dce4' },
    '.cm-panels.cm-panels-bottom': { borderTop: '1px solid #242a35' },
    '.cm-tooltip': { backgroundColor: '#1b2029', border: '1px solid #323a48', color: '#d7dce4' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: '#1f4f8f', color: '#eaf3ff' },
    '.cm-lintRange-error': {
      backgroundImage: 'none',
      textDecoration: 'underline wavy #f85149',
      textUnderlineOffset: '3px',
      backgroundColor: 'rgba(248, 81, 73, 0.18)',
    },
    '.cm-tooltip-lint': { fontFamily: 'var(--font-ui)', fontSize: '12px' },
    '.cm-diagnostic-error': { borderLeftColor: '#f85149' },
  },
  { dark: true },
);

/** CodeMirror 6 with TypeScript highlighting, the load failure as a lint marker, and Mod-S to save. */
export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(
  { value, onChange, onSave, failure, readOnly = false, label },
  ref,
) {
  const [view, setView] = useState<EditorView | null>(null);
  // The failure is read by the lint source, so the marker is derived again after every change of
  // the document (including the editor library replacing it when `value` changes), never lost.
  const failureRef = useRef(failure);
  const save = useRef(onSave);
  useEffect(() => {
    save.current = onSave;
  }, [onSave]);

  const extensions = useMemo(
    () => [
      javascript({ typescript: true }),
      // One Dark's highlighting; the panel theme (higher precedence) wins where both style something.
      oneDark,
      Prec.highest(panelTheme),
      linter((v) => failureDiagnostics(v.state.doc, failureRef.current), { delay: 50 }),
      lintGutter(),
      EditorView.contentAttributes.of({ 'aria-label': label }),
      Prec.highest(
        keymap.of([
          {
            key: 'Mod-s',
            preventDefault: true,
            run: () => {
              save.current();
              return true;
            },
          },
        ]),
      ),
    ],
    [label],
  );

  // Show (or clear) the failure at its line whenever it changes (the lint source above keeps it
  // in place when the document changes afterwards).
  useEffect(() => {
    failureRef.current = failure;
    if (view) view.dispatch(setDiagnostics(view.state, failureDiagnostics(view.state.doc, failure)));
  }, [view, failure]);

  useImperativeHandle(
    ref,
    () => ({
      goTo(line, column) {
        if (!view) return;
        const pos = positionOf(view.state.doc, line, column);
        view.dispatch({
          selection: EditorSelection.cursor(pos),
          effects: EditorView.scrollIntoView(pos, { y: 'center' }),
        });
        view.focus();
      },
      focus() {
        view?.focus();
      },
    }),
    [view],
  );

  return (
    <CodeMirror
      className="code-editor"
      value={value}
      height="100%"
      theme="none"
      extensions={extensions}
      readOnly={readOnly}
      basicSetup={{ foldGutter: true, highlightActiveLine: true, autocompletion: true, searchKeymap: true }}
      onChange={onChange}
      onCreateEditor={(v) => setView(v)}
    />
  );
});

export default CodeEditor;
