/**
 * The studio's autosave (FORM-2, issue 9): an administrator's edited files replace a draft's files at the
 * revision the page last read (409 on a stale one, like sections), the stored loaded edition is recomputed
 * (absent while the files do not load), and the save is audited; a change to a catalog is audited on its own,
 * naming the catalog (REV-6). A published version never changes.
 */
import type { EditionFiles } from "@shenbao/forms";
import { EditionFilesInvalidError, NotFoundError, RevisionConflictError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type EditionDoc } from "../store/collections.js";
import { appendAudit, type AuditActor } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";
import { draftEditionJson, editionFilesOf } from "./editionDraftCopier.js";
import { assertEditionMutable } from "./editionPublisher.js";

/**
 * Most files a draft may hold, and most UTF-8 bytes all of them together (FORM-2). The byte bound leaves room
 * for the biggest catalog an import accepts (`MAX_CATALOG_ROWS` items, written compact: ~3 MB) beside the
 * forms (~0.5 MB for hubei-2024), and keeps a stored draft — its files and its loaded edition — well inside a
 * MongoDB document (16 MB).
 */
export const MAX_DRAFT_FILES = 500;
export const MAX_DRAFT_BYTES = 6_000_000;

/** Shown when another page (or tab) saved the draft first. */
export const DRAFT_CONFLICT_MESSAGE = "草稿已在别处修改，请刷新";

/** The catalogs (`catalogs/<id>.json`) whose file differs between `before` and `after` (added, changed, removed). */
export function changedCatalogs(before: EditionFiles, after: EditionFiles): string[] {
  const ids = new Set<string>();
  for (const file of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const match = /^catalogs\/([^/]+)\.json$/.exec(file);
    if (match !== null && before[file] !== after[file]) ids.add(match[1] as string);
  }
  return [...ids].sort();
}

/** The files whose text differs between `before` and `after`. */
function changedFiles(before: EditionFiles, after: EditionFiles): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((file) => before[file] !== after[file])
    .sort();
}

/**
 * Refuses files a draft cannot hold, whichever way they come (autosave, changed files, catalog import): one
 * check here, so no write can leave a draft that its next autosave would be refused for.
 */
export function assertDraftBounds(files: EditionFiles): void {
  if (!("manifest.json" in files)) throw new EditionFilesInvalidError("缺少 manifest.json", {});
  if (Object.keys(files).length > MAX_DRAFT_FILES)
    throw new EditionFilesInvalidError(`草稿最多 ${MAX_DRAFT_FILES} 个文件`, {});
  const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  if (bytes > MAX_DRAFT_BYTES)
    throw new EditionFilesInvalidError(
      `草稿的文件合计不能超过 ${MAX_DRAFT_BYTES / 1_000_000} MB（现为 ${(bytes / 1_000_000).toFixed(1)} MB）`,
      { bytes, maxBytes: MAX_DRAFT_BYTES },
    );
}

/** A manifest that parses must keep the draft's key and version: they name the stored document. */
function assertSameIdentity(doc: Pick<EditionDoc, "key" | "version">, files: EditionFiles): void {
  let manifest: unknown;
  try {
    manifest = JSON.parse(files["manifest.json"] ?? "");
  } catch {
    return; // a half-typed manifest is saved as it is; the linter reports it
  }
  if (typeof manifest !== "object" || manifest === null) return;
  const { key, version } = manifest as { key?: unknown; version?: unknown };
  if (key !== doc.key || version !== doc.version)
    throw new EditionFilesInvalidError(
      `manifest.json 的 key 和 version 应保持为 ${doc.key} 和 ${doc.version}；换版本请用「复制为新版本」`,
      { key: doc.key, version: doc.version },
    );
}

/** Replaces the files of draft `key@version` at revision `rev`; returns the stored draft. */
export async function editionDraftSaver(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: {
    key: string;
    version: string;
    rev: number;
    files: EditionFiles;
    actor: AuditActor;
    /** How the files changed, for the audit log (the studio's editor or a catalog import). */
    via?: "editor" | "catalogImport";
  },
): Promise<Stored<EditionDoc>> {
  assertDraftBounds(input.files);
  const now = deps.clock.now();
  const editionJson = await draftEditionJson(input.files);
  return deps.store.transaction(async (tx) => {
    const { editions } = collectionsOf(tx);
    const [doc] = (await editions.find({ key: input.key, version: input.version }, { limit: 1 })).items;
    if (doc === undefined) throw new NotFoundError();
    assertEditionMutable(doc);
    if (doc.rev !== input.rev)
      throw new RevisionConflictError(DRAFT_CONFLICT_MESSAGE, { expectedRev: input.rev, actualRev: doc.rev });
    assertSameIdentity(doc, input.files);
    const before = editionFilesOf(doc);
    const next: EditionDoc = {
      key: doc.key,
      version: doc.version,
      status: doc.status,
      ...(editionJson === undefined ? {} : { editionJson }),
      filesJson: JSON.stringify(input.files),
      publishedAt: doc.publishedAt,
      ...(doc.publishedBy === undefined ? {} : { publishedBy: doc.publishedBy }),
      ...(doc.createdBy === undefined ? {} : { createdBy: doc.createdBy }),
      ...(doc.copiedFrom === undefined ? {} : { copiedFrom: doc.copiedFrom }),
    };
    const stored = await editions.replace(doc._id, doc.rev, next);
    const summary = { key: doc.key, version: doc.version, via: input.via ?? "editor" };
    await appendAudit(tx, {
      actor: input.actor,
      action: "edition.draftSave",
      entity: "editions",
      entityId: doc._id,
      before: { ...summary, rev: doc.rev },
      after: {
        ...summary,
        rev: stored.rev,
        loads: editionJson !== undefined,
        files: changedFiles(before, input.files).slice(0, 50),
      },
      at: now,
    });
    for (const catalog of changedCatalogs(before, input.files)) {
      await appendAudit(tx, {
        actor: input.actor,
        action: "edition.catalogChange",
        entity: "editions",
        entityId: doc._id,
        before: { ...summary, catalog, present: `catalogs/${catalog}.json` in before },
        after: { ...summary, catalog, present: `catalogs/${catalog}.json` in input.files, rev: stored.rev },
        at: now,
      });
    }
    return stored;
  });
}

/**
 * The studio's autosave of the files that changed (issue 9: the whole file map is ~0.5 MB for hubei-2024):
 * each path → its new text, or null to delete it, applied to the draft as it is at revision `rev`, then
 * saved as above (bounds included), whose revision check inside the transaction guarantees the changes
 * applied to that revision.
 */
export async function editionDraftPatcher(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: {
    key: string;
    version: string;
    rev: number;
    changes: Record<string, string | null>;
    actor: AuditActor;
  },
): Promise<Stored<EditionDoc>> {
  const { editions } = collectionsOf(deps.store);
  const [doc] = (await editions.find({ key: input.key, version: input.version }, { limit: 1 })).items;
  if (doc === undefined) throw new NotFoundError();
  assertEditionMutable(doc);
  if (doc.rev !== input.rev)
    throw new RevisionConflictError(DRAFT_CONFLICT_MESSAGE, { expectedRev: input.rev, actualRev: doc.rev });
  const files: EditionFiles = { ...editionFilesOf(doc) };
  for (const [file, text] of Object.entries(input.changes)) {
    if (text === null) delete files[file];
    else files[file] = text;
  }
  return editionDraftSaver(deps, {
    key: input.key,
    version: input.version,
    rev: input.rev,
    files,
    actor: input.actor,
  });
}
