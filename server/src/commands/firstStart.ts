/**
 * First start of an installation (embedded `npm start` or the production `web` process): with no edition in
 * the store nobody could apply, so every edition shipped in `forms/editions/` is linted and published and the
 * newest is opened for applications (APP-1). Later starts leave the store alone.
 */
import { shippedEditionDirs } from "@shenbao/forms";
import { DuplicateKeyError } from "../errors.js";
import type { Logger } from "../logger.js";
import { collectionsOf, OPEN_EDITION_ID } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";
import { demoRegistrySeeder } from "./demoRegistry.js";
import { editionOpener } from "./editionOpener.js";
import { editionPublisher, type PublishResult } from "./editionPublisher.js";

/**
 * Publishes the shipped editions when the store holds none and opens the last one published; logs what it
 * did either way. Given the cipher (embedded mode), it also seeds the demo physician registry (issue 5).
 */
export async function firstStart(
  deps: Pick<CommandDeps, "store" | "clock"> & { logger: Logger } & Partial<Pick<CommandDeps, "cipher">>,
  dirs: string[] = shippedEditionDirs(),
): Promise<void> {
  if (deps.cipher) await demoRegistrySeeder({ ...deps, cipher: deps.cipher });
  const existing = await collectionsOf(deps.store).editions.count({});
  if (existing > 0) {
    deps.logger.info({ editions: existing }, "first start: editions present, nothing to publish");
    return;
  }
  let last: PublishResult | undefined;
  for (const dir of dirs) {
    last = await editionPublisher(deps, { dir, actor: "system:firstStart" });
    const { key, version } = last.edition;
    deps.logger.info(
      { key, version, outcome: last.outcome },
      `first start: published edition ${key}@${version}`,
    );
  }
  if (last === undefined) return;
  // Several processes may start at once on a fresh store: the first to open wins, the rest leave it.
  if ((await collectionsOf(deps.store).editionSettings.get(OPEN_EDITION_ID)) !== null) return;
  try {
    const { key, version } = last.edition;
    await editionOpener(deps, { key, version, opensAt: null, closesAt: null, actor: "system:firstStart" });
    deps.logger.info({ key, version }, `first start: ${key}@${version} is open for applications`);
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
  }
}
