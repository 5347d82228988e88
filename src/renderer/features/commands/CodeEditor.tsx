import { autocompletion } from '@codemirror/autocomplete';
import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, linter, setDiagnostics } from '@codemirror/lint';
import { EditorSelection, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { tsAutocompleteWorker, tsFacetWorker, tsHoverWorker, tsSyncWorker } from '@valtown/codemirror-ts';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { LoadFailureDto } from '../../../shared/dto/commands';
import { commandPath } from '../../../shared/editor/type-pack';
import { failureDiagnostics, positionOf } from './diagnostics';
import { editorThemeFor, useEditorTheme } from './editor-theme';
import { useTypeCheckerSource, type TypeChecker } from './types/type-checker';

/** What the type checker says about the editor's content. */
export type TypeStatus =
  { state: 'starting' } | { state: 'unavailable' } | { state: 'checked'; errors: number; warnings: number };

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
  /** The command file's name (its path for the type checker). */
  file: string;
  /** Called whenever the type checker has looked at the content again. */
  onTypeStatus?: (status: TypeStatus) => void;
}

/**
 * TypeScript in the editor: diagnostics as lint marks (and their count through `report`),
 * completions and hover information from the worker, for the file at `path`.
 */
function typeExtensions(checker: TypeChecker, path: string, report: (status: TypeStatus) => void) {
  return [
    tsFacetWorker.of({ worker: checker, path }),
    tsSyncWorker(),
    linter(
      async () => {
        const lints = await checker.getLints({ path, diagnosticCodesToIgnore: [] });
        report({
          state: 'checked',
          errors: lints.filter((d) => d.severity === 'error').length,
          warnings: lints.filter((d) => d.severity === 'warning').length,
        });
        return lints.map((d) => ({ ...d, source: 'TypeScript' }));
      },
      { delay: 300 },
    ),
    autocompletion({ override: [tsAutocompleteWorker()] }),
    tsHoverWorker(),
  ];
}

/** CodeMirror 6 with TypeScript highlighting, the load failure as a lint marker, and Mod-S to save. */
export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(
  { value, onChange, onSave, failure, readOnly = false, label, file, onTypeStatus },
  ref,
) {
  const [view, setView] = useState<EditorView | null>(null);
  const theme = useEditorTheme();
  const checkerSource = useTypeCheckerSource();
  // boxed: a worker proxy is callable, and React would take it for a state updater function
  const [typeChecker, setTypeChecker] = useState<{ checker: TypeChecker } | null>(null);
  const checker = typeChecker?.checker ?? null;
  const statusRef = useRef(onTypeStatus);
  useEffect(() => {
    statusRef.current = onTypeStatus;
  }, [onTypeStatus]);
  // The worker starts with the first editor; until it is ready the editor works without types.
  useEffect(() => {
    let live = true;
    statusRef.current?.({ state: 'starting' });
    void checkerSource().then((c) => {
      if (!live) return;
      setTypeChecker(c ? { checker: c } : null);
      if (!c) statusRef.current?.({ state: 'unavailable' });
    });
    return () => {
      live = false;
    };
  }, [checkerSource]);
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
      editorThemeFor(theme),
      linter((v) => failureDiagnostics(v.state.doc, failureRef.current), { delay: 50 }),
      checker
        ? typeExtensions(checker, commandPath(file), (status) => statusRef.current?.(status))
        : autocompletion(),
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
    [label, theme, checker, file],
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
      basicSetup={{ foldGutter: true, highlightActiveLine: true, autocompletion: false, searchKeymap: true }}
      onChange={onChange}
      onCreateEditor={(v) => setView(v)}
    />
  );
});

export default CodeEditor;
