import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hubeiRegionLookup } from "../../test/regionFactories.js";
import { validateIdNumber } from "../identity/idNumber.js";
import { collectionsOf, declareCollections } from "../store/collections.js";
import { ManualClock } from "../../test/manualClock.js";
import { testCipher } from "../../test/registryFactories.js";
import { openSqliteTestStore, type TestStore } from "../../test/storeFactories.js";
import { memoryLogger } from "../../test/testApp.js";
import { DEMO_REGISTRY_PEOPLE, demoRegistrySeeder } from "./demoRegistry.js";

describe("demoRegistrySeeder", () => {
  let opened: TestStore;
  beforeEach(async () => {
    opened = await openSqliteTestStore();
    await declareCollections(opened.store);
  });
  afterEach(() => opened.cleanup());

  it("ships made-up numbers that pass every ID check, with the sex they encode, 3 supervisors and 4 recommenders", () => {
    const regionLookup = hubeiRegionLookup();
    for (const person of DEMO_REGISTRY_PEOPLE) {
      const result = validateIdNumber(person.idNumber, regionLookup);
      expect(result).toMatchObject({ ok: true, sex: person.sex });
    }
    expect(DEMO_REGISTRY_PEOPLE.filter((person) => person.labels.includes("supervisor"))).toHaveLength(3);
    expect(DEMO_REGISTRY_PEOPLE.filter((person) => person.labels.includes("recommender"))).toHaveLength(4);
  });

  it("seeds an empty registry once, marked demo, logging names but never numbers", async () => {
    const { logger, lines } = memoryLogger();
    const deps = { store: opened.store, cipher: testCipher(), clock: new ManualClock(), logger };
    expect(await demoRegistrySeeder(deps)).toEqual({ seeded: DEMO_REGISTRY_PEOPLE.length });
    expect(await demoRegistrySeeder(deps)).toEqual({ seeded: 0 });
    const { items } = await collectionsOf(opened.store).registry.find({});
    expect(items.map((doc) => doc.source)).toEqual(DEMO_REGISTRY_PEOPLE.map(() => "demo"));
    const log = lines.join("\n");
    expect(log).toContain(DEMO_REGISTRY_PEOPLE[0]!.name);
    for (const person of DEMO_REGISTRY_PEOPLE) expect(log).not.toContain(person.idNumber);
  });
});
