/**
 * Publishing a form edition (FORM-2, FORM-3): the linter must pass, then the version is stored as
 * published — its files and the loaded edition — and never changes again. The edition comes from a
 * directory (the shipped ones, the CLI), from uploaded files (the admin API) or from a stored draft (the
 * studio). Publishing the very same content twice is a no-op, so several processes starting at once (or
 * an operator repeating a command) cannot fail each other.
 */
import {
  chineseLintMessage,
  filesSource,
  formatLintMessage,
  lintEdition,
  loadEdition,
  readEditionFiles,
  type EditionFiles,
} from "@shenbao/forms";
import type { Edition } from "@shenbao/rules";
import {
  DuplicateKeyError,
  EditionImmutableError,
  EditionInvalidError,
  RevisionConflictError,
} from "../errors.js";
import type { Stored } from "../ports/store.js";
import { forgetCurrentEdition } from "../editions/publishedEditions.js";
import { collectionsOf, type EditionDoc } from "../store/collections.js";
import { appendAudit, type AuditActor } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** What publishing did: stored a new published version, or found the identical one already published. */
export interface PublishResult {
  edition: Stored<EditionDoc>;
  outcome: "published" | "unchanged";
}

/** Throws `EditionImmutableError` unless `doc` is still a draft; every command changing an edition calls it. */
export function assertEditionMutable(doc: Pick<EditionDoc, "key" | "version" | "status">): void {
  if (doc.status !== "draft")
    throw new EditionImmutableError({ key: doc.key, version: doc.version, status: doc.status });
}

/** The audit summary of an edition document: never its content. */
export const editionSummary = (doc: Pick<EditionDoc, "key" | "version" | "status"> | null) =>
  doc === null ? null : { key: doc.key, version: doc.version, status: doc.status };

/**
 * Lints `files` and loads them, or throws `EditionInvalidError` naming every problem (a failing example
 * is a lint problem too); `chinese` words them for administrators in the browser, the CLI keeps English.
 */
export async function checkedEdition(files: EditionFiles, chinese = false): Promise<Edition> {
  const problems = await lintEdition(filesSource(files));
  if (problems.length > 0)
    throw new EditionInvalidError(
      (chinese ? problems.map(chineseLintMessage) : problems).map(formatLintMessage),
    );
  return loadEdition(filesSource(files));
}

/** Lints the edition in directory `dir` or in `files`, then publishes it (a draft of that version becomes published). */
export async function editionPublisher(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: ({ dir: string } | { files: EditionFiles }) & {
    actor: AuditActor;
    /** Publishing a stored draft: the revision the caller read, so a concurrent edit is not published unseen. */
    draftRev?: number;
    /** Word lint problems in Chinese (the admin API); the CLI keeps the linter's English. */
    chinese?: boolean;
  },
): Promise<PublishResult> {
  const files = "files" in input ? input.files : await readEditionFiles(input.dir);
  const edition = await checkedEdition(files, input.chinese ?? false);
  const editionJson = JSON.stringify(edition);
  const now = deps.clock.now();
  const publish = () =>
    deps.store.transaction(async (tx): Promise<PublishResult> => {
      const { editions } = collectionsOf(tx);
      const [existing] = (await editions.find({ key: edition.key, version: edition.version }, { limit: 1 }))
        .items;
      if (existing !== undefined && existing.status !== "draft") {
        if (existing.editionJson === editionJson) return { edition: existing, outcome: "unchanged" };
        // A changed edition needs a new version: applications pinned to this one must see what they saw.
        assertEditionMutable(existing);
      }
      if (input.draftRev !== undefined && existing?.rev !== input.draftRev)
        throw new RevisionConflictError("草稿已被修改，请刷新后再发布", {
          expectedRev: input.draftRev,
          actualRev: existing?.rev ?? null,
        });
      const doc: EditionDoc = {
        ...(existing?.createdBy === undefined ? {} : { createdBy: existing.createdBy }),
        ...(existing?.copiedFrom === undefined ? {} : { copiedFrom: existing.copiedFrom }),
        key: edition.key,
        version: edition.version,
        status: "published",
        editionJson,
        filesJson: JSON.stringify(files),
        publishedAt: now,
        publishedBy: input.actor,
      };
      const stored =
        existing === undefined
          ? await editions.insert(doc)
          : await editions.replace(existing._id, existing.rev, doc);
      await appendAudit(tx, {
        actor: input.actor,
        action: "edition.publish",
        entity: "editions",
        entityId: stored._id,
        before: editionSummary(existing ?? null),
        after: editionSummary(stored),
        at: now,
      });
      return { edition: stored, outcome: "published" };
    });
  let result: PublishResult;
  try {
    result = await publish();
  } catch (error) {
    // Another process inserted the same version between our find and insert: compare with theirs.
    if (!(error instanceof DuplicateKeyError)) throw error;
    result = await publish();
  }
  forgetCurrentEdition(deps.store);
  return result;
}
