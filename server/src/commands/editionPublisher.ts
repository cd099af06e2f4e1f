/**
 * Publishing a form edition (FORM-2, FORM-3): the linter must pass, then the version is stored as
 * published and never changes again. Publishing the very same content twice is a no-op, so several
 * processes starting at once (or an operator repeating a command) cannot fail each other.
 */
import { formatLintMessage, lintEdition, loadEdition } from "@shenbao/forms";
import type { Edition } from "@shenbao/rules";
import { DuplicateKeyError, EditionImmutableError, EditionInvalidError } from "../errors.js";
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

const summary = (doc: Pick<EditionDoc, "key" | "version" | "status"> | null) =>
  doc === null ? null : { key: doc.key, version: doc.version, status: doc.status };

/** Lints the edition directory `dir`, then publishes it (a draft of the same version becomes published). */
export async function editionPublisher(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: { dir: string; actor: AuditActor },
): Promise<PublishResult> {
  const problems = await lintEdition(input.dir);
  if (problems.length > 0) throw new EditionInvalidError(problems.map(formatLintMessage));
  const edition: Edition = await loadEdition(input.dir);
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
      const doc: EditionDoc = {
        key: edition.key,
        version: edition.version,
        status: "published",
        editionJson,
        publishedAt: now,
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
        before: summary(existing ?? null),
        after: summary(stored),
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
