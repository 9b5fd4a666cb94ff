// The code editor of the in-page exercises: CodeMirror 6 with Python, bundled into one file by the build.
// Tab is not bound, so it moves focus out of the editor as everywhere else (indent: Strg+]).
// The editor lives in a shadow root: CodeMirror then styles it through a constructed style sheet,
// which the site's Content-Security-Policy allows, instead of a <style> element it would refuse.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { HighlightStyle, bracketMatching, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, drawSelection, keymap, lineNumbers } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

// CodeMirror's default colours, except two that miss WCAG AA (4.5:1) on white: #e40 and #f00.
const highlight = HighlightStyle.define([
  { tag: t.meta, color: "#404740" },
  { tag: t.link, textDecoration: "underline" },
  { tag: t.heading, textDecoration: "underline", fontWeight: "bold" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strong, fontWeight: "bold" },
  { tag: t.strikethrough, textDecoration: "line-through" },
  { tag: t.keyword, color: "#708" },
  { tag: [t.atom, t.bool, t.url, t.contentSeparator, t.labelName], color: "#219" },
  { tag: [t.literal, t.inserted], color: "#164" },
  { tag: [t.string, t.deleted], color: "#a11" },
  { tag: [t.regexp, t.escape, t.special(t.string)], color: "#b03000" },
  { tag: t.definition(t.variableName), color: "#00f" },
  { tag: t.local(t.variableName), color: "#30a" },
  { tag: [t.typeName, t.namespace], color: "#085" },
  { tag: t.className, color: "#167" },
  { tag: [t.special(t.variableName), t.macroName], color: "#256" },
  { tag: t.definition(t.propertyName), color: "#00c" },
  { tag: t.comment, color: "#940" },
  { tag: t.invalid, color: "#c00000" },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "#fff", color: "#1a1a1a", border: "1px solid #767676", borderRadius: "0.2rem" },
  "&.cm-focused": { outline: "2px solid #1a56c8", outlineOffset: "1px" },
  ".cm-content": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: "0.85em" },
  ".cm-gutters": { backgroundColor: "#f2f2f2", color: "#4d4d4d", border: "none" },
});

export function createEditor(host, doc, { label, onRun, onChange }) {
  const root = host.attachShadow({ mode: "open" });
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        bracketMatching(),
        indentUnit.of("    "),
        python(),
        syntaxHighlighting(highlight),
        theme,
        // Long lines wrap: no scroll region without a keyboard stop of its own, and phones need no sideways scrolling.
        EditorView.lineWrapping,
        keymap.of([{ key: "Shift-Enter", run: () => (onRun(), true) }, ...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of((update) => update.docChanged && onChange(update.state.doc.toString())),
        EditorView.contentAttributes.of({ "aria-label": label }),
      ],
    }),
  });
  return {
    view,
    get value() {
      return view.state.doc.toString();
    },
    set value(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
  };
}
