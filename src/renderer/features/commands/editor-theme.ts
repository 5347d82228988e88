import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { Prec } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { useTheme, type Theme } from '../../ui/theme';

/** The editor follows the panel's theme. */
export const useEditorTheme = useTheme;

interface Palette {
  bg: string;
  text: string;
  caret: string;
  selection: string;
  gutterText: string;
  gutterBorder: string;
  activeGutterBg: string;
  activeGutterText: string;
  activeLine: string;
  panel: string;
  panelBorder: string;
  tooltipBorder: string;
  completionSelectedBg: string;
  completionSelectedText: string;
  error: string;
  errorBg: string;
  warning: string;
}

const DARK: Palette = {
  bg: '#0b0d11',
  text: '#d7dce4',
  caret: '#5aa2ff',
  selection: 'rgba(90, 162, 255, 0.28)',
  gutterText: '#8a94a6',
  gutterBorder: '#1b2029',
  activeGutterBg: '#131821',
  activeGutterText: '#c3cad5',
  activeLine: 'rgba(255, 255, 255, 0.028)',
  panel: '#151921',
  panelBorder: '#242a35',
  tooltipBorder: '#323a48',
  completionSelectedBg: '#1f4f8f',
  completionSelectedText: '#eaf3ff',
  error: '#f85149',
  errorBg: 'rgba(248, 81, 73, 0.18)',
  warning: '#e3a008',
};

const LIGHT: Palette = {
  bg: '#ffffff',
  text: '#1f2328',
  caret: '#0550ae',
  selection: 'rgba(9, 105, 218, 0.2)',
  gutterText: '#59636e',
  gutterBorder: '#d1d9e0',
  activeGutterBg: '#eef1f4',
  activeGutterText: '#1f2328',
  activeLine: 'rgba(9, 105, 218, 0.05)',
  panel: '#f6f8fa',
  panelBorder: '#d1d9e0',
  tooltipBorder: '#c5ced8',
  completionSelectedBg: '#0969da',
  completionSelectedText: '#ffffff',
  error: '#cf222e',
  errorBg: 'rgba(207, 34, 46, 0.12)',
  warning: '#9a6700',
};

/** The editor's surfaces in the panel's colours (the same background and gutter as the log list). */
function surfaces(p: Palette, dark: boolean): Extension {
  return EditorView.theme(
    {
      '&': { height: '100%', fontSize: '12.5px', color: p.text, backgroundColor: p.bg },
      '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.6', fontVariantLigatures: 'none' },
      '.cm-content': { caretColor: p.caret, padding: '6px 0' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: p.caret, borderLeftWidth: '2px' },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
        { backgroundColor: p.selection },
      '.cm-gutters': {
        backgroundColor: p.bg,
        color: p.gutterText,
        borderRight: `1px solid ${p.gutterBorder}`,
      },
      '.cm-activeLineGutter': { backgroundColor: p.activeGutterBg, color: p.activeGutterText },
      '.cm-activeLine': { backgroundColor: p.activeLine },
      '.cm-selectionMatch': { backgroundColor: p.selection },
      '.cm-matchingBracket, .cm-nonmatchingBracket': { backgroundColor: p.selection, outline: 'none' },
      '.cm-foldPlaceholder': { backgroundColor: p.panel, border: 'none', color: p.gutterText },
      '.cm-searchMatch': { backgroundColor: 'rgba(227, 160, 8, 0.25)' },
      '.cm-panels': { backgroundColor: p.panel, color: p.text },
      '.cm-panels.cm-panels-bottom': { borderTop: `1px solid ${p.panelBorder}` },
      '.cm-tooltip': { backgroundColor: p.panel, border: `1px solid ${p.tooltipBorder}`, color: p.text },
      '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
        backgroundColor: p.completionSelectedBg,
        color: p.completionSelectedText,
      },
      '.cm-completionDetail': { color: p.gutterText },
      '.cm-lintRange-error': {
        backgroundImage: 'none',
        textDecoration: `underline wavy ${p.error}`,
        textUnderlineOffset: '3px',
        backgroundColor: p.errorBg,
      },
      '.cm-lintRange-warning': {
        backgroundImage: 'none',
        textDecoration: `underline wavy ${p.warning}`,
        textUnderlineOffset: '3px',
      },
      '.cm-tooltip-lint, .cm-tooltip-hover': { fontFamily: 'var(--font-ui)', fontSize: '12px' },
      '.cm-diagnostic-error': { borderLeftColor: p.error },
      '.cm-diagnostic-warning': { borderLeftColor: p.warning },
      // merge and diff views
      '.cm-changedLine': { backgroundColor: dark ? 'rgba(63, 185, 80, 0.08)' : 'rgba(26, 127, 55, 0.08)' },
      '.cm-deletedChunk': { backgroundColor: dark ? 'rgba(248, 81, 73, 0.1)' : 'rgba(207, 34, 46, 0.08)' },
      // the collapsed-lines marker in a glyph every UI font has
      '.cm-collapsedLines': { color: p.gutterText, fontFamily: 'var(--font-ui)' },
      '.cm-collapsedLines:before, .cm-collapsedLines:after': { content: '"···"' },
    },
    { dark },
  );
}

// Syntax colours for the light theme, each at least 4.5:1 on white (WCAG AA).
const lightHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.controlKeyword, t.operatorKeyword], color: '#8250df' },
  { tag: [t.string, t.special(t.string), t.regexp], color: '#0a3069' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#0550ae' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: '#59636e', fontStyle: 'italic' },
  { tag: [t.typeName, t.className, t.namespace], color: '#953800' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: '#6639ba' },
  { tag: [t.definition(t.variableName), t.definition(t.propertyName)], color: '#116329' },
  { tag: [t.propertyName], color: '#0550ae' },
  { tag: [t.variableName, t.punctuation, t.operator], color: '#1f2328' },
  { tag: t.invalid, color: '#cf222e' },
]);

const DARK_THEME: Extension = [oneDark, Prec.highest(surfaces(DARK, true))];
const LIGHT_THEME: Extension = [surfaces(LIGHT, false), syntaxHighlighting(lightHighlight)];

/** The editor extensions for a theme (syntax colours and surfaces). */
export const editorThemeFor = (theme: Theme): Extension => (theme === 'light' ? LIGHT_THEME : DARK_THEME);
