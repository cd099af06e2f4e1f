/**
 * 「复制为新版本」 (FORM-2): a stored edition version (published or draft) is copied into a new draft with
 * another key or version, ready to be edited and published. Audited; the source never changes.
 */
import {
  copyEditionFiles,
  EditionCopyError,
  filesSource,
  loadEdition,
  type EditionFiles,
} from "@shenbao/forms";
import {
  DuplicateKeyError,
  EditionFilesInvalidError,
  EditionVersionExistsError,
  NotFoundError,
} from "../errors.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type EditionDoc } from "../store/collections.js";
import { appendAudit, type AuditActor } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";
import { editionSummary } from "./editionPublisher.js";

/** The stored files of `doc`; versions stored before files were kept cannot be copied. */
export function editionFilesOf(doc: Pick<EditionDoc, "key" | "version" | "filesJson">): EditionFiles {
  if (doc.filesJson === undefined)
    throw new EditionFilesInvalidError("该版本未保存原始文件，无法复制，请从文件夹发布新版本", {
      key: doc.key,
      version: doc.version,
    });
  return JSON.parse(doc.filesJson) as EditionFiles;
}

/** The loaded edition of `files` as JSON text, or undefined while the draft does not load. */
export async function draftEditionJson(files: EditionFiles): Promise<string | undefined> {
  try {
    return JSON.stringify(await loadEdition(filesSource(files)));
  } catch {
    return undefined;
  }
}

/** Copies `from` (key@version) into a new draft; key / version / title default as `copyEditionFiles` says. */
export async function editionDraftCopier(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: {
    from: { key: string; version: string };
    to: { key?: string; version?: string; title?: string };
    actor: AuditActor;
  },
): Promise<Stored<EditionDoc>> {
  const { editions } = collectionsOf(deps.store);
  const [source] = (await editions.find(input.from, { limit: 1 })).items;
  if (source === undefined) throw new NotFoundError();
  let files: EditionFiles;
  try {
    files = copyEditionFiles(editionFilesOf(source), input.to);
  } catch (error) {
    if (error instanceof EditionCopyError) throw new EditionFilesInvalidError(`无法复制：${error.message}`);
    throw error;
  }
  const manifest = JSON.parse(files["manifest.json"] as string) as { key: string; version: string };
  const editionJson = await draftEditionJson(files);
  const now = deps.clock.now();
  const doc: EditionDoc = {
    key: manifest.key,
    version: manifest.version,
    status: "draft",
    ...(editionJson === undefined ? {} : { editionJson }),
    filesJson: JSON.stringify(files),
    publishedAt: null,
    createdBy: input.actor,
    copiedFrom: `${source.key}@${source.version}`,
  };
  try {
    return await deps.store.transaction(async (tx) => {
      const stored = await collectionsOf(tx).editions.insert(doc);
      await appendAudit(tx, {
        actor: input.actor,
        action: "edition.copy",
        entity: "editions",
        entityId: stored._id,
        before: editionSummary(source),
        after: editionSummary(stored),
        at: now,
      });
      return stored;
    });
  } catch (error) {
    if (error instanceof DuplicateKeyError)
      throw new EditionVersionExistsError({ key: manifest.key, version: manifest.version });
    throw error;
  }
}
