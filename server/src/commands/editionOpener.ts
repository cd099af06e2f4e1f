/**
 * Which published edition new applications start on, and from when until when (APP-1, FORM-4): an
 * administrator's decision, audited. Applications already started stay on their own version.
 */
import { EditionNotPublishedError, InvalidInputError } from "../errors.js";
import { forgetCurrentEdition } from "../editions/publishedEditions.js";
import { collectionsOf, OPEN_EDITION_ID, type EditionSettingsDoc } from "../store/collections.js";
import { appendAudit, type AuditActor } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** The version to open and its window (clock times; null = no limit). */
export interface OpenInput {
  key: string;
  version: string;
  opensAt: number | null;
  closesAt: number | null;
  actor: AuditActor;
}

/** Opens `key@version` for new applications; the previous choice is replaced. */
export async function editionOpener(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: OpenInput,
): Promise<EditionSettingsDoc> {
  if (input.opensAt !== null && input.closesAt !== null && input.closesAt <= input.opensAt) {
    throw new InvalidInputError("截止时间应晚于开始时间", {
      issues: [{ path: "closesAt", message: "截止时间应晚于开始时间" }],
    });
  }
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (tx) => {
    const { editions, editionSettings } = collectionsOf(tx);
    const [edition] = (await editions.find({ key: input.key, version: input.version }, { limit: 1 })).items;
    if (edition === undefined || edition.status !== "published")
      throw new EditionNotPublishedError({ key: input.key, version: input.version });
    const doc: EditionSettingsDoc = {
      key: input.key,
      version: input.version,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      setBy: input.actor,
    };
    const existing = await editionSettings.get(OPEN_EDITION_ID);
    const stored =
      existing === null
        ? await editionSettings.insert({ ...doc, _id: OPEN_EDITION_ID })
        : await editionSettings.replace(OPEN_EDITION_ID, existing.rev, doc);
    const summary = (settings: EditionSettingsDoc | null) =>
      settings === null
        ? null
        : {
            key: settings.key,
            version: settings.version,
            opensAt: settings.opensAt,
            closesAt: settings.closesAt,
          };
    await appendAudit(tx, {
      actor: input.actor,
      action: "edition.open",
      entity: "editions",
      entityId: edition._id,
      before: summary(existing),
      after: summary(stored),
      at: now,
    });
    return stored;
  });
  forgetCurrentEdition(deps.store);
  return result;
}
