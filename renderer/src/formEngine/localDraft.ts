/**
 * The section being typed, kept in this browser per application and section (issue 11): a session that
 * ends during a long edit, a closed tab or a lost connection must not lose what was typed. Written on every
 * change (coalesced to one write per tick), removed once the server has the data or the user discards it.
 * Storage that is full or disabled only means no copy is kept; the page works as before.
 */
import type { SectionData } from "@shenbao/rules";

const PREFIX = "shenbao:draft:";

/** One kept draft: the data, the revision it was based on, and when it was kept (epoch ms). */
export interface LocalDraft {
  data: SectionData;
  rev: number;
  keptAt: number;
}

/** The storage key of one section of one application. */
export function draftKey(applicationId: string, section: string): string {
  return `${PREFIX}${applicationId}:${section}`;
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The kept draft of a section, or undefined (none, unreadable or not ours). */
export function readDraft(applicationId: string, section: string): LocalDraft | undefined {
  try {
    const text = storage()?.getItem(draftKey(applicationId, section));
    if (!text) return undefined;
    const draft = JSON.parse(text) as Partial<LocalDraft>;
    if (typeof draft !== "object" || draft === null || typeof draft.data !== "object" || draft.data === null)
      return undefined;
    return { data: draft.data, rev: Number(draft.rev) || 0, keptAt: Number(draft.keptAt) || 0 };
  } catch {
    return undefined;
  }
}

/** Keeps `data` as the section's draft now. */
export function writeDraft(applicationId: string, section: string, data: SectionData, rev: number): void {
  try {
    const draft: LocalDraft = { data, rev, keptAt: Date.now() };
    storage()?.setItem(draftKey(applicationId, section), JSON.stringify(draft));
  } catch {
    // Full or disabled storage: nothing is kept, nothing breaks.
  }
}

/** Forgets the section's draft (saved, or discarded by the user). */
export function clearDraft(applicationId: string, section: string): void {
  try {
    storage()?.removeItem(draftKey(applicationId, section));
  } catch {
    // As above.
  }
}

/** Forgets every kept draft in this browser: signing out on a shared computer leaves no answers behind. */
export function clearAllDrafts(): void {
  const store = storage();
  if (store === undefined) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  } catch {
    // As above.
  }
}

/** Whether a kept draft differs from what the server holds (so restoring it changes something). */
export function draftDiffers(draft: LocalDraft | undefined, saved: SectionData): draft is LocalDraft {
  return draft !== undefined && JSON.stringify(draft.data) !== JSON.stringify(saved);
}
