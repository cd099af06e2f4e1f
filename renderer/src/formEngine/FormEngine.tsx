/**
 * The one generic form renderer (issues 4, 12): any section or extra form of an edition, drawn by RJSF
 * with the Shenbao theme from `effectiveSection`, checked by `checkSection` on blur (that field) and on
 * save (everything), saved through `pruneHidden`. Typing stays in the text box until a pause, a blur or a
 * save (`pendingEdits.ts`), so a key never re-renders the form; the schema is recomputed only when a value
 * a `show` / `require` rule reads changes, and the `hint` messages when a value a hint reads changes.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Button } from "antd";
import { withTheme, type IChangeEvent } from "@rjsf/core";
import type { RJSFSchema, UiSchema as RjsfUiSchema } from "@rjsf/utils";
import {
  checkSection,
  effectiveSection,
  findForm,
  pruneHidden,
  sectionHints,
  type Answers,
  type Edition,
  type SectionData,
  type SectionError,
} from "@shenbao/rules";
import type { AttachmentClient } from "./attachmentClient.js";
import { ID_PREFIX, ID_SEPARATOR, pathOfId, type FormEngineContext } from "./formEngineContext.js";
import { HintsContext, hintsByPath } from "./hintsContext.js";
import { isNarrowScreen, makeRoomForCalendar } from "./pickerRoom.js";
import { createPendingEdits } from "./pendingEdits.js";
import { isWithin, refreshErrorsAt, toErrorSchema } from "./sectionErrors.js";
import { theme } from "./theme.js";
import { translateString } from "./translateString.js";
import { useUnsavedChangesGuard } from "./useUnsavedChangesGuard.js";
import { validator } from "./validator.js";
import { pickWatched, watchedKey, watchedPaths } from "./watchedPaths.js";
import "./formEngine.css";

// RJSF's recursive ErrorSchema<T> cannot expand the recursive Json type, so the form sees plain records.
type FormValue = Record<string, unknown>;

const ThemedForm = withTheme<FormValue, RJSFSchema, FormEngineContext>(theme);

/** Inputs of FormEngine: which form of which edition, for whom, with what data, and where saves go. */
export interface FormEngineProps {
  edition: Edition;
  /** The key of a section or of an extra form (the teacher evaluation, the on-site confirmation). */
  sectionKey: string;
  candidateType?: string;
  /** This form's saved data; a new object resets the form to it. */
  answers?: SectionData;
  /** The other sections' data, for rules that read `sections.<key>` (e.g. recommenders ← practice). */
  sections?: Record<string, SectionData | undefined>;
  readOnly?: boolean;
  /** Receives the answers with hidden branches pruned; a draft may be saved incomplete (APP-4). */
  onSave: (answers: SectionData) => Promise<unknown>;
  attachmentClient: AttachmentClient;
  /** Told whenever the unsaved state flips, so the page can guard in-app navigation. */
  onDirtyChange?: (dirty: boolean) => void;
  /** Told every change of the data (e.g. to keep a local draft, issue 11); must be cheap. */
  onDataChange?: (data: SectionData) => void;
  /** A reviewer's comments by field path, shown beside those fields (REV-2). */
  fieldNotes?: Record<string, string>;
}

interface EngineState {
  /** Distinguishes fresh starts, so RJSF's own state is dropped with ours. */
  session: number;
  /** The `answers` object this state belongs to; a new one starts over. */
  origin: SectionData | undefined;
  form: string;
  /** The values the visibility rules read, as last seen; the effective schema depends on nothing else. */
  watched: SectionData;
  /** The values the visibility and hint rules read, as last seen; the hints depend on nothing else. */
  hinted: SectionData;
  errors: SectionError[];
  dirty: boolean;
  saving: boolean;
  saved: boolean;
  saveError?: string;
  blurs: number;
}

let sessions = 0;

function startState(
  origin: SectionData | undefined,
  form: string,
  paths: string[],
  hintPaths: string[],
): EngineState {
  const data = origin ?? {};
  sessions += 1;
  return {
    session: sessions,
    origin,
    form,
    watched: pickWatched(data, paths),
    hinted: pickWatched(data, hintPaths),
    errors: [],
    dirty: false,
    saving: false,
    saved: false,
    blurs: 0,
  };
}

const SUBMIT_HIDDEN = { norender: true };

// RJSF would otherwise preselect the first option of every `oneOf` and answer `false` to every required
// yes/no question: silent answers the candidate never gave. Arrays still get their `minItems` items.
const DEFAULTS_BEHAVIOR = {
  constAsDefaults: "never",
  requiredBooleanDefault: "skip",
  arrayMinItems: { populate: "all" },
} as const;

/** Renders one section or form of an edition with a sticky 「保存」 bar; see the file comment. */
export function FormEngine(props: FormEngineProps) {
  const {
    edition,
    sectionKey,
    candidateType,
    answers,
    sections,
    readOnly = false,
    onSave,
    attachmentClient,
  } = props;
  const { onDirtyChange } = props;
  const onDataChangeRef = useRef(props.onDataChange);
  onDataChangeRef.current = props.onDataChange;
  const form = useMemo(() => findForm(edition, sectionKey), [edition, sectionKey]);
  const watched = useMemo(() => watchedPaths(form), [form]);
  // Hints (e.g. how long an apprenticeship has run) follow their dates live, not only on blur.
  const hintWatched = useMemo(() => watchedPaths(form, ["show", "require", "hint"]), [form]);

  const [state, setState] = useState(() => startState(answers, sectionKey, watched, hintWatched));
  const dataRef = useRef<SectionData>(answers ?? {});
  const watchKeyRef = useRef(watchedKey(answers ?? {}, watched));
  const hintKeyRef = useRef(watchedKey(answers ?? {}, hintWatched));
  const errorsRef = useRef<SectionError[]>([]);
  const dirtyRef = useRef(false);
  const focusedRef = useRef<string | undefined>(undefined);
  const blurQueue = useRef<string[]>([]);
  // RJSF reports default-filled data from its constructor, i.e. while rendering: refs only until mounted.
  const mountedRef = useRef(false);

  if (state.origin !== answers || state.form !== sectionKey) {
    // New data or another form: start over (React's "adjust state while rendering" pattern).
    const fresh = startState(answers, sectionKey, watched, hintWatched);
    dataRef.current = answers ?? {};
    watchKeyRef.current = watchedKey(dataRef.current, watched);
    hintKeyRef.current = watchedKey(dataRef.current, hintWatched);
    errorsRef.current = [];
    dirtyRef.current = false;
    mountedRef.current = false;
    setState(fresh);
  }
  const session = state.session;

  const answersOf = useCallback(
    (data: SectionData): Answers => ({ candidateType, sections: { ...sections, [sectionKey]: data } }),
    [candidateType, sections, sectionKey],
  );

  const effective = useMemo(() => {
    const { schema, uiSchema } = effectiveSection(edition, sectionKey, answersOf(state.watched));
    return {
      schema: schema as RJSFSchema,
      uiSchema: { ...uiSchema, "ui:submitButtonOptions": SUBMIT_HIDDEN } as RjsfUiSchema<
        FormValue,
        RJSFSchema,
        FormEngineContext
      >,
    };
  }, [edition, sectionKey, answersOf, state.watched]);

  // Typing into a text box reaches RJSF after a pause; the page knows at the first key that there is a change.
  // A corrected field loses its old message at the first key, as it did when every key reached RJSF.
  const [pendingEdits] = useState(() =>
    createPendingEdits(() => {
      const focused = focusedRef.current;
      const clearErrors = focused !== undefined && errorsRef.current.some((e) => isWithin(e.path, focused));
      if (dirtyRef.current && !clearErrors) return;
      if (clearErrors) errorsRef.current = errorsRef.current.filter((e) => !isWithin(e.path, focused));
      dirtyRef.current = true;
      const errors = errorsRef.current;
      setState((s) => ({ ...s, dirty: true, saved: false, saveError: undefined, errors }));
    }),
  );
  const hints = useMemo(
    () => (readOnly ? new Map() : hintsByPath(sectionHints(edition, sectionKey, answersOf(state.hinted)))),
    [readOnly, edition, sectionKey, answersOf, state.hinted],
  );

  const formContext = useMemo<FormEngineContext>(
    () => ({
      catalogs: edition.catalogs,
      attachmentClient,
      readonlyAsDisabled: true,
      pendingEdits,
      ...(props.fieldNotes ? { fieldNotes: props.fieldNotes } : {}),
    }),
    [edition.catalogs, attachmentClient, pendingEdits, props.fieldNotes],
  );
  const extraErrors = useMemo(() => toErrorSchema(state.errors), [state.errors]);

  const setErrors = useCallback((errors: SectionError[]) => {
    errorsRef.current = errors;
    setState((s) => ({ ...s, errors }));
  }, []);

  // A layout effect: it runs in the commit itself, before any user event can reach handleChange.
  useLayoutEffect(() => {
    mountedRef.current = true;
    // Defaults RJSF filled in on mount may touch a watched value (refs were updated, state was not).
    const key = watchedKey(dataRef.current, watched);
    const hintKey = watchedKey(dataRef.current, hintWatched);
    if (key !== watchKeyRef.current || hintKey !== hintKeyRef.current) {
      const schemaChanged = key !== watchKeyRef.current;
      watchKeyRef.current = key;
      hintKeyRef.current = hintKey;
      setState((s) => ({
        ...s,
        watched: schemaChanged ? pickWatched(dataRef.current, watched) : s.watched,
        hinted: pickWatched(dataRef.current, hintWatched),
      }));
    }
  }, [session, watched, hintWatched]);

  useEffect(() => onDirtyChange?.(state.dirty), [state.dirty, onDirtyChange]);

  // The per-keystroke path: refs, plus a state update only when something visible must change.
  const handleChange = useCallback(
    (event: IChangeEvent<FormValue, RJSFSchema, FormEngineContext>) => {
      const data = (event.formData ?? {}) as SectionData;
      dataRef.current = data;
      const key = watchedKey(data, watched);
      const watchChanged = key !== watchKeyRef.current;
      watchKeyRef.current = key;
      const hintKey = watchedKey(data, hintWatched);
      const hintChanged = hintKey !== hintKeyRef.current;
      hintKeyRef.current = hintKey;
      if (!mountedRef.current) return;
      onDataChangeRef.current?.(data);
      const focused = focusedRef.current;
      const clearErrors = focused !== undefined && errorsRef.current.some((e) => isWithin(e.path, focused));
      if (!watchChanged && !hintChanged && dirtyRef.current && !clearErrors) return;
      // A corrected field loses its old message at once; a new one only appears on blur or save.
      if (clearErrors) errorsRef.current = errorsRef.current.filter((e) => !isWithin(e.path, focused));
      dirtyRef.current = true;
      const errors = errorsRef.current;
      setState((s) => ({
        ...s,
        dirty: true,
        saved: false,
        saveError: undefined,
        errors,
        watched: watchChanged ? pickWatched(data, watched) : s.watched,
        hinted: hintChanged ? pickWatched(data, hintWatched) : s.hinted,
      }));
    },
    [watched, hintWatched],
  );

  const handleFocus = useCallback((id: string) => {
    focusedRef.current = pathOfId(id);
  }, []);

  const handleBlur = useCallback((id: string) => {
    // Checked after this render commits, when a change queued in the same event has reached dataRef.
    blurQueue.current.push(pathOfId(id));
    setState((s) => ({ ...s, blurs: s.blurs + 1 }));
  }, []);

  useEffect(() => {
    const paths = blurQueue.current.splice(0);
    if (paths.length === 0) return;
    const fresh = checkSection(edition, sectionKey, answersOf(dataRef.current));
    let next = errorsRef.current;
    for (const path of paths) next = refreshErrorsAt(next, fresh, path);
    const same = next.length === errorsRef.current.length && next.every((e, i) => e === errorsRef.current[i]);
    if (!same) setErrors(next);
  }, [state.blurs, edition, sectionKey, answersOf, setErrors]);

  const save = useCallback(async () => {
    if (readOnly) return;
    pendingEdits.flushAll();
    const data = dataRef.current;
    const all = answersOf(data);
    const errors = checkSection(edition, sectionKey, all);
    errorsRef.current = errors;
    setState((s) => ({ ...s, errors, saving: true, saveError: undefined }));
    try {
      await onSave(pruneHidden(edition, sectionKey, all));
      // Typing during the save leaves the form dirty: that change is not in what was saved.
      const unchanged = dataRef.current === data;
      dirtyRef.current = !unchanged;
      setState((s) => ({ ...s, saving: false, saved: unchanged, dirty: !unchanged }));
    } catch (error) {
      const saveError = error instanceof Error && error.message !== "" ? error.message : "请稍后重试";
      setState((s) => ({ ...s, saving: false, saveError }));
    }
  }, [readOnly, pendingEdits, answersOf, edition, sectionKey, onSave]);

  const handleSubmit = useCallback(() => void save(), [save]);
  const guard = useUnsavedChangesGuard(state.dirty);

  // A date box tapped on a phone first gets room below it for the calendar (pickerRoom.ts). On the click,
  // not the focus: scrolling between the press and the release moved the release off the box, and the
  // calendar did not open. This listener runs before React's (which sit on the root), so antd opens the
  // calendar already at the new scroll position.
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = rootRef.current;
    if (root === null || readOnly) return undefined;
    const onClick = (event: MouseEvent) => {
      const picker = event.target instanceof Element ? event.target.closest(".ant-picker") : null;
      if (picker !== null && isNarrowScreen()) makeRoomForCalendar(picker);
    };
    root.addEventListener("click", onClick);
    return () => root.removeEventListener("click", onClick);
  }, [readOnly]);

  return (
    <div className="sb-form" ref={rootRef}>
      {guard.contextHolder}
      <HintsContext.Provider value={hints}>
        <ThemedForm
          key={state.session}
          schema={effective.schema}
          uiSchema={effective.uiSchema}
          initialFormData={state.origin}
          formContext={formContext}
          validator={validator}
          translateString={translateString}
          extraErrors={extraErrors}
          idPrefix={ID_PREFIX}
          idSeparator={ID_SEPARATOR}
          readonly={readOnly}
          experimental_defaultFormStateBehavior={DEFAULTS_BEHAVIOR}
          noValidate
          noHtml5Validate
          showErrorList={false}
          onChange={handleChange}
          onFocus={handleFocus}
          onBlur={handleBlur}
          onSubmit={handleSubmit}
        />
      </HintsContext.Provider>
      {!readOnly && (
        <div className="sb-form-bar" role="region" aria-label="保存">
          <SaveStatus state={state} />
          <Button type="primary" autoInsertSpace={false} loading={state.saving} onClick={handleSubmit}>
            保存
          </Button>
        </div>
      )}
    </div>
  );
}

function SaveStatus({ state }: { state: EngineState }) {
  const pending = state.errors.length;
  let text: string;
  let tone: "secondary" | "success" | "warning" | "danger" = "secondary";
  if (state.saving) text = "正在保存…";
  else if (state.saveError !== undefined) [text, tone] = [`保存失败：${state.saveError}`, "danger"];
  else if (state.dirty) [text, tone] = ["有未保存的修改", "warning"];
  else if (state.saved && pending > 0) [text, tone] = [`已保存草稿，仍有 ${pending} 处待完善`, "warning"];
  else if (state.saved) [text, tone] = ["已保存", "success"];
  else text = "尚无修改";
  // A plain element: antd Typography brings its tooltip and trigger machinery to the section page.
  return (
    <span role="status" className={`sb-form-status sb-tone-${tone}`}>
      {text}
    </span>
  );
}
