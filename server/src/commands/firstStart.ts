/**
 * First start of an embedded installation: with no edition in the store nobody could apply, so the edition
 * shipped in `forms/editions/` is linted and published (APP-1). Later starts leave the store alone.
 */
import { editionDir } from "@shenbao/forms";
import type { Logger } from "../logger.js";
import { collectionsOf } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";
import { demoRegistrySeeder } from "./demoRegistry.js";
import { editionPublisher } from "./editionPublisher.js";

/** The edition an empty installation publishes. */
export const FIRST_EDITION_KEY = "hubei-2024";

/**
 * Publishes the shipped edition when the store holds none; logs what it did either way. Given the cipher,
 * it also seeds the demo physician registry into an empty embedded registry (issue 5).
 */
export async function firstStart(
  deps: Pick<CommandDeps, "store" | "clock"> & { logger: Logger } & Partial<Pick<CommandDeps, "cipher">>,
  editionKey: string = FIRST_EDITION_KEY,
): Promise<void> {
  if (deps.cipher) await demoRegistrySeeder({ ...deps, cipher: deps.cipher });
  const existing = await collectionsOf(deps.store).editions.count({});
  if (existing > 0) {
    deps.logger.info({ editions: existing }, "first start: editions present, nothing to publish");
    return;
  }
  const { edition, outcome } = await editionPublisher(deps, {
    dir: editionDir(editionKey),
    actor: "system:firstStart",
  });
  deps.logger.info(
    { key: edition.key, version: edition.version, outcome },
    `first start: published edition ${edition.key}@${edition.version}`,
  );
}
