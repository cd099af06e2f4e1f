import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../ports/store.js";
import { collectionsOf } from "../store/collections.js";
import { declareForApplications } from "../../test/factories.js";
import { ManualClock } from "../../test/manualClock.js";
import { openSqliteTestStore } from "../../test/storeFactories.js";
import { memoryLogger } from "../../test/testApp.js";
import { shippedEditionDirs } from "@shenbao/forms";
import { currentOpening } from "../editions/publishedEditions.js";
import { firstStart } from "./firstStart.js";

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

  it("publishes every shipped edition into an empty store, opens the last, and leaves a second start alone", async () => {
    const { logger, lines } = memoryLogger();
    const clock = new ManualClock();
    const deps = { store, clock, logger };
    const shipped = shippedEditionDirs();
    expect(shipped.length).toBeGreaterThan(0);
    await firstStart(deps);
    const { items } = await collectionsOf(store).editions.find({});
    expect(items).toHaveLength(shipped.length);
    expect(items.every((doc) => doc.status === "published" && doc.filesJson !== undefined)).toBe(true);
    const last = items.at(-1)!;
    expect(lines.some((line) => line.includes(`published edition ${last.key}@${last.version}`))).toBe(true);
    const opening = await currentOpening(store, clock.now());
    expect([opening.edition.key, opening.edition.version]).toEqual([last.key, last.version]);
    expect(opening.window).toEqual({ opensAt: null, closesAt: null });
    expect(await collectionsOf(store).audit.count({ entity: "editions" })).toBe(shipped.length + 1);

    await firstStart(deps);
    expect(await collectionsOf(store).editions.count({})).toBe(shipped.length);
    expect(lines.some((line) => line.includes("nothing to publish"))).toBe(true);
  });
});
