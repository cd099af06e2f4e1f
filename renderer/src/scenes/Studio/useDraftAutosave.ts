/**
 * Autosave of a studio draft (issue 9, FORM-2): every change of the files is kept in the page at once and
 * sent (debounced) with the revision last saved — only the files that differ from what was last saved, not
 * the whole draft (~0.5 MB with its catalogs); the status reads 保存中 / 已保存 / 未保存. A 409 (someone
 * saved elsewhere) stops autosaving and says so in Chinese; the administrator's text is never dropped — it
 * stays in the editor until they copy it or reload on purpose.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, messageOf } from "../../api/apiClient.js";
import type { EditionFiles } from "./studioApi.js";

/** Shown when the server refuses a save at a stale revision. */
export const DRAFT_CONFLICT_TEXT = "草稿已在别处修改，请刷新";

/** What the page shows about saving. */
export type AutosaveStatus = "saved" | "pending" | "saving" | "conflict" | "error";

/** Per changed file its new text, or null when it was removed. */
export type FileChanges = Record<string, string | null>;

/** Saves `changes` on top of revision `rev`; resolves with the new revision. */
export type DraftSave = (rev: number, changes: FileChanges) => Promise<{ rev: number }>;

/** What turns `before` into `after`, file by file. */
export function fileChanges(before: EditionFiles, after: EditionFiles): FileChanges {
  const changes: FileChanges = {};
  for (const [file, text] of Object.entries(after)) if (before[file] !== text) changes[file] = text;
  for (const file of Object.keys(before)) if (!(file in after)) changes[file] = null;
  return changes;
}

export interface DraftAutosave {
  files: EditionFiles;
  rev: number;
  status: AutosaveStatus;
  /** The Chinese text of the last failure (a conflict or an error), if any. */
  error?: string;
  /** Replace the files (the editor's change); saved after `delayMs` without further change. */
  change(next: EditionFiles): void;
  /** Save now (before publishing); resolves with the saved revision, rejects on failure. */
  flush(): Promise<number>;
  /** After a save made elsewhere on purpose (catalog import): adopt these files and revision. */
  reset(files: EditionFiles, rev: number): void;
}

/** Status words for the page. */
export const AUTOSAVE_LABEL: Record<AutosaveStatus, string> = {
  saved: "已保存",
  pending: "未保存",
  saving: "保存中",
  conflict: "保存失败",
  error: "保存失败",
};

/** Keeps the draft's files and revision, saving each change after `delayMs` of quiet. */
export function useDraftAutosave(
  initial: { files: EditionFiles; rev: number },
  save: DraftSave,
  delayMs = 800,
): DraftAutosave {
  const [files, setFiles] = useState(initial.files);
  const [rev, setRev] = useState(initial.rev);
  const [status, setStatus] = useState<AutosaveStatus>("saved");
  const [error, setError] = useState<string>();
  // The latest values, read by the timer and by saves already in flight.
  // `saved` is what the server holds at `rev`: the base the next change set is computed against.
  const latest = useRef({
    files: initial.files,
    saved: initial.files,
    rev: initial.rev,
    dirty: false,
    conflict: false,
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<number> | undefined>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;

  const run = useCallback(async (): Promise<number> => {
    // One save at a time: a change made meanwhile is saved right after, at the new revision.
    while (inFlight.current !== undefined) await inFlight.current.catch(() => undefined);
    const state = latest.current;
    if (state.conflict) throw new ApiError(DRAFT_CONFLICT_TEXT, 409, "revision_conflict");
    if (!state.dirty) return state.rev;
    const sent = state.files;
    state.dirty = false;
    const changes = fileChanges(state.saved, sent);
    if (Object.keys(changes).length === 0) {
      // Typed and typed back: nothing differs from the saved draft.
      setStatus("saved");
      return state.rev;
    }
    setStatus("saving");
    const attempt = (async () => {
      try {
        const answer = await saveRef.current(state.rev, changes);
        state.rev = answer.rev;
        state.saved = sent;
        setRev(answer.rev);
        if (state.dirty) setStatus("pending");
        else setStatus("saved");
        setError(undefined);
        return answer.rev;
      } catch (failure) {
        state.dirty = true; // nothing is dropped: the text stays and is still unsaved
        if (failure instanceof ApiError && failure.status === 409) {
          state.conflict = failure.code === "revision_conflict";
          setStatus("conflict");
          setError(failure.code === "revision_conflict" ? DRAFT_CONFLICT_TEXT : failure.message);
        } else {
          setStatus("error");
          setError(messageOf(failure));
        }
        throw failure;
      }
    })();
    inFlight.current = attempt;
    try {
      return await attempt;
    } finally {
      if (inFlight.current === attempt) inFlight.current = undefined;
    }
  }, []);

  const change = useCallback(
    (next: EditionFiles) => {
      latest.current.files = next;
      latest.current.dirty = true;
      setFiles(next);
      if (latest.current.conflict) return; // keep the text, do not overwrite someone else's save
      setStatus("pending");
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void run().catch(() => undefined), delayMs);
    },
    [delayMs, run],
  );

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    return run();
  }, [run]);

  const reset = useCallback((next: EditionFiles, nextRev: number) => {
    clearTimeout(timer.current);
    latest.current = { files: next, saved: next, rev: nextRev, dirty: false, conflict: false };
    setFiles(next);
    setRev(nextRev);
    setStatus("saved");
    setError(undefined);
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);
  // Leaving the page with unsaved text asks first.
  useEffect(() => {
    if (status === "saved") return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [status]);

  return { files, rev, status, ...(error === undefined ? {} : { error }), change, flush, reset };
}
