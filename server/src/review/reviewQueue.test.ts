import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteTestStore, type TestStore } from "../../test/storeFactories.js";
import { Keyring, PersonalDataCipher } from "../crypto/personalData.js";
import type { SqliteStore } from "../store/sqliteStore.js";
import { COLLECTION, declareCollections, type ReviewerScope } from "../store/collections.js";
import { queueQuery } from "../routes/review/reviewSchemas.js";
import { queueFilter } from "./reviewQueue.js";

// Which index the SQLite planner picks for the queue's requests (REV-1). Speed is measured only in
// server/bench/reviewQueueBench.ts; this pins the plans that make it fast, so a changed index or filter
// that sends a search back to walking a whole province's date index fails here.
const cipher = new PersonalDataCipher(new Keyring(randomBytes(32)));
const scope = (level: ReviewerScope["level"], division: string): ReviewerScope => ({
  level,
  division,
  appointedBy: "test",
  appointedAt: 0,
});

let testStore: TestStore<SqliteStore>;
beforeAll(async () => {
  testStore = await openSqliteTestStore();
  await declareCollections(testStore.store);
});
afterAll(() => testStore.cleanup());

async function plan(who: ReviewerScope, params: Record<string, string>) {
  const query = queueQuery.parse(params);
  const filter = queueFilter(cipher, who, query)!;
  const sort = { submittedAt: query.sort === "submittedAt" ? 1 : -1 } as const;
  return testStore.store.explain(COLLECTION.reviewQueue, filter, { sort, limit: query.limit });
}

describe("review queue query plans on SQLite (REV-1)", () => {
  it("searches through scope + search key + date, for the page and the count", async () => {
    for (const [searchBy, q, index] of [
      ["name", "张三", "searchName"],
      ["idNumber", "420102199001011234", "searchIdNumber"],
      ["idNumber", "1234", "searchIdTail"],
      ["phoneTail", "5678", "searchPhoneTail"],
    ] as const) {
      const explained = await plan(scope("province", "420000"), { searchBy, q });
      expect(explained.find, searchBy).toContain(`INDEX ix_reviewQueue(province,${index},submittedAt)`);
      expect(explained.count, searchBy).toContain(`INDEX ix_reviewQueue(province,${index},submittedAt)`);
    }
  });

  it("lists a scope in date order from its date index, and counts a stage from the index alone", async () => {
    const all = await plan(scope("city", "420100"), {});
    expect(all.find).toContain("INDEX ix_reviewQueue(city,submittedAt)");
    const stage = await plan(scope("county", "420102"), { stage: "county" });
    expect(stage.count).toContain(
      "COVERING INDEX ix_reviewQueue(county,stage,submittedAt,candidateType,signaturesComplete)",
    );
  });
});
