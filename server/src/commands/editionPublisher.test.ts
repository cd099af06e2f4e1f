import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { editionDir } from "@shenbao/forms";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EditionImmutableError, EditionInvalidError } from "../errors.js";
import { currentEdition, publishedEdition } from "../editions/publishedEditions.js";
import type { Store } from "../ports/store.js";
import { collectionsOf } from "../store/collections.js";
import { declareForApplications } from "../../test/factories.js";
import { ManualClock } from "../../test/manualClock.js";
import { openSqliteTestStore } from "../../test/storeFactories.js";
import { editionPublisher } from "./editionPublisher.js";

/** A throw-away copy of the shipped edition whose JSON files a test may change. */
async function copyShippedEdition() {
  const root = await mkdtemp(path.join(os.tmpdir(), "shenbao-edition-"));
  const dir = path.join(root, "hubei-2024");
  await cp(editionDir("hubei-2024"), dir, { recursive: true });
  return {
    dir,
    async edit(file: string, change: (json: Record<string, unknown>) => void) {
      const json = JSON.parse(await readFile(path.join(dir, file), "utf8")) as Record<string, unknown>;
      change(json);
      await writeFile(path.join(dir, file), JSON.stringify(json));
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

describe("editionPublisher", () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const clock = new ManualClock();

  beforeEach(async () => {
    const opened = await openSqliteTestStore();
    store = opened.store;
    cleanup = opened.cleanup;
    await declareForApplications(store);
  });
  afterEach(() => cleanup());

  it("publishes the shipped edition, records it in the audit log and serves it as current", async () => {
    const { edition, outcome } = await editionPublisher(
      { store, clock },
      { dir: editionDir("hubei-2024"), actor: "system:test" },
    );
    expect(outcome).toBe("published");
    expect(edition.status).toBe("published");
    expect(edition.publishedAt).toBe(clock.now());
    const current = await currentEdition(store, clock.now());
    expect(`${current.key}@${current.version}`).toBe(`${edition.key}@${edition.version}`);
    expect(await publishedEdition(store, edition.key, edition.version)).toBe(current);
    const audit = await collectionsOf(store).audit.find({ entity: "editions", entityId: edition._id });
    expect(audit.items.map((event) => [event.action, event.actor])).toEqual([
      ["edition.publish", "system:test"],
    ]);
  });

  it("treats publishing the same content again as unchanged", async () => {
    const first = await editionPublisher({ store, clock }, { dir: editionDir("hubei-2024"), actor: "a" });
    const again = await editionPublisher({ store, clock }, { dir: editionDir("hubei-2024"), actor: "a" });
    expect(again.outcome).toBe("unchanged");
    expect(again.edition.rev).toBe(first.edition.rev);
    expect(await collectionsOf(store).editions.count({})).toBe(1);
  });

  it("refuses to change a published version", async () => {
    await editionPublisher({ store, clock }, { dir: editionDir("hubei-2024"), actor: "a" });
    const copy = await copyShippedEdition();
    try {
      await copy.edit("manifest.json", (manifest) => {
        manifest.title = `${String(manifest.title)} (2)`;
      });
      await expect(editionPublisher({ store, clock }, { dir: copy.dir, actor: "a" })).rejects.toBeInstanceOf(
        EditionImmutableError,
      );
      const [stored] = (await collectionsOf(store).editions.find({})).items;
      expect(stored?.rev).toBe(1);
    } finally {
      await copy.remove();
    }
  });

  it("refuses an edition the linter rejects and stores nothing", async () => {
    const copy = await copyShippedEdition();
    try {
      await copy.edit("manifest.json", (manifest) => {
        manifest.catalogs = [...(manifest.catalogs as string[]), "noSuchCatalog"];
      });
      const failure = await editionPublisher({ store, clock }, { dir: copy.dir, actor: "a" }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(EditionInvalidError);
      expect(JSON.stringify((failure as EditionInvalidError).details)).toContain("noSuchCatalog");
      expect(await collectionsOf(store).editions.count({})).toBe(0);
    } finally {
      await copy.remove();
    }
  });
});
