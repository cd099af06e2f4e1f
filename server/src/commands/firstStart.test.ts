import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../ports/store.js";
import { collectionsOf } from "../store/collections.js";
import { declareForApplications } from "../../test/factories.js";
import { ManualClock } from "../../test/manualClock.js";
import { openSqliteTestStore } from "../../test/storeFactories.js";
import { memoryLogger } from "../../test/testApp.js";
import { FIRST_EDITION_KEY, firstStart } from "./firstStart.js";

describe("firstStart", () => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const opened = await openSqliteTestStore();
    store = opened.store;
    cleanup = opened.cleanup;
    await declareForApplications(store);
  });
  afterEach(() => cleanup());

  it("publishes the shipped edition into an empty store and leaves a second start alone", async () => {
    const { logger, lines } = memoryLogger();
    const deps = { store, clock: new ManualClock(), logger };
    await firstStart(deps);
    const { items } = await collectionsOf(store).editions.find({});
    expect(items.map((doc) => [doc.key, doc.status])).toEqual([[FIRST_EDITION_KEY, "published"]]);
    expect(lines.some((line) => line.includes(`published edition ${FIRST_EDITION_KEY}@`))).toBe(true);

    await firstStart(deps);
    expect(await collectionsOf(store).editions.count({})).toBe(1);
    expect(lines.some((line) => line.includes("nothing to publish"))).toBe(true);
  });
});
