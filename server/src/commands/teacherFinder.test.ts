import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { openRateLimiter } from "../auth/rateLimiter.js";
import { hubeiRegionLookup } from "../../test/regionFactories.js";
import type { RegistryLookup, RegistryPerson, RegistryProvider } from "../ports/registryProvider.js";
import { collectionsOf, declareCollections } from "../store/collections.js";
import { ManualClock } from "../../test/manualClock.js";
import { idNumberFor, testCipher } from "../../test/registryFactories.js";
import { openSqliteTestStore, type TestStore } from "../../test/storeFactories.js";
import { teacherFinder } from "./teacherFinder.js";

const ID_NUMBER = idNumberFor("42010619700101551");

/** A live registry stand-in that knows one person and remembers what it was asked. */
class OnePersonRegistry implements RegistryProvider {
  readonly kind = "fake";
  asked: RegistryLookup[] = [];
  async lookup(query: RegistryLookup): Promise<RegistryPerson | null> {
    this.asked.push(query);
    if (query.idNumber !== ID_NUMBER || query.name !== "孙远程") return null;
    return {
      name: "孙远程",
      idNumber: ID_NUMBER,
      sex: "male",
      institution: "远程中医院",
      institutionDivision: "420106",
      practiceCategory: "中医",
      licenseNumber: "R-9",
      title: "副主任医师",
      yearsOfPractice: 12,
      phone: "13900005555",
      labels: ["recommender"],
      source: "provider",
    };
  }
}

describe("teacherFinder", () => {
  let opened: TestStore;
  beforeEach(async () => {
    opened = await openSqliteTestStore();
    await declareCollections(opened.store);
  });
  afterEach(() => opened.cleanup());

  it("remembers a live provider's match in the registry so the same person keeps one ref", async () => {
    const registry = new OnePersonRegistry();
    const rateLimiter = await openRateLimiter({ kind: "store", store: opened.store });
    onTestFinished(() => rateLimiter.close());
    const deps = {
      rateLimiter,
      store: opened.store,
      cipher: testCipher(),
      clock: new ManualClock(),
      registry,
      regionLookup: hubeiRegionLookup(),
    };
    const application = await collectionsOf(opened.store).applications.insert({
      userId: "u1",
      editionKey: "hubei-2024",
      editionVersion: "2024.1.0",
      candidateType: "practice",
      status: "draft",
      sections: {},
    });
    const request = {
      userId: "u1",
      application,
      role: "recommender" as const,
      name: "孙远程",
      idNumber: ID_NUMBER.toLowerCase(),
    };
    const first = await teacherFinder(deps, request);
    const second = await teacherFinder(deps, request);
    expect(first.found && second.found && first.ref === second.ref).toBe(true);
    // The provider is asked with the normalised number.
    expect(registry.asked[0]?.idNumber).toBe(ID_NUMBER);
    const { items } = await collectionsOf(opened.store).registry.find({});
    expect(items.map((doc) => [doc._id, doc.source])).toEqual([[first.found ? first.ref : "", "provider"]]);
  });
});
