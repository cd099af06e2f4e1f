/**
 * The JSON code view of a draft file (issue 9): CodeMirror 6 with JSON syntax, a JSON parse lint and the
 * edition linter's findings for this file drawn at their pointers; `focus` (a JSON Pointer) moves the cursor
 * there, so a finding clicked in 检查 opens at the exact field or rule.
 */
import { useEffect, useRef } from "react";
import { basicSetup, EditorView } from "codemirror";
import { json, jsonParseLinter } from "@codemirror/lang-json";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { Compartment, EditorSelection, EditorState } from "@codemirror/state";
import { pointerOffset } from "./jsonPointer.js";
import type { LintFinding } from "./studioApi.js";

export interface JsonCodeEditorProps {
  /** The file's path (a new path starts a fresh editor history). */
  path: string;
  value: string;
  onChange(next: string): void;
  /** The edition linter's findings for this file. */
  findings?: LintFinding[];
  /** A JSON Pointer to put the cursor at. */
  focus?: string;
  /** Markdown and other plain text files get no JSON lint. */
  plain?: boolean;
  /** A published version: shown, not editable. */
  readOnly?: boolean;
}

/** A CodeMirror JSON editor. */
export function JsonCodeEditor(props: JsonCodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const findings = useRef(props.findings ?? []);
  findings.current = props.findings ?? [];
  const lintSlot = useRef(new Compartment());

  useEffect(() => {
    if (host.current === null) return undefined;
    const parseLint = jsonParseLinter();
    const lintSource = (editor: EditorView): Diagnostic[] => {
      const text = editor.state.doc.toString();
      const parsed = parseLint(editor);
      if (parsed.length > 0) return parsed;
      return findings.current.map((finding) => {
        const from = Math.min(pointerOffset(text, finding.pointer), text.length);
        const lineEnd = editor.state.doc.lineAt(from).to;
        return { from, to: Math.max(from, lineEnd), severity: "error", message: finding.message };
      });
    };
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          basicSetup,
          EditorView.lineWrapping,
          EditorState.readOnly.of(props.readOnly ?? false),
          lintGutter(),
          lintSlot.current.of(props.plain ? [] : [json(), linter(lintSource, { delay: 300 })]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange.current(update.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ "aria-label": `编辑 ${props.path}` }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = undefined;
    };
    // A new file is a new editor; the value is synchronised below.
  }, [props.path]);

  // A value changed from outside (the visual editor, a reload) replaces the text.
  useEffect(() => {
    const editor = view.current;
    if (editor === undefined) return;
    const current = editor.state.doc.toString();
    if (current !== props.value)
      editor.dispatch({ changes: { from: 0, to: current.length, insert: props.value } });
  }, [props.value]);

  useEffect(() => {
    const editor = view.current;
    if (editor === undefined || props.focus === undefined) return;
    const at = pointerOffset(editor.state.doc.toString(), props.focus);
    editor.dispatch({
      selection: EditorSelection.cursor(at),
      effects: EditorView.scrollIntoView(at, { y: "center" }),
    });
    editor.focus();
  }, [props.focus, props.path]);

  return <div ref={host} className="sb-studio-code" data-path={props.path} />;
}
