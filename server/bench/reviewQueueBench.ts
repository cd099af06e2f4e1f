/**
 * Review queue bench (issue 10, REV-1): seeds 100 000 queue lines (the projection the reviewers' list reads,
 * with real blind-index search keys) across Hubei's counties through the store adapter, whose `declare()`
 * creates the indexes of `collections.ts`, then times the requests `GET /api/review/applications` makes —
 * the route's own `queueFilter` for a reviewer's scope and query, one page of 20 (and the next page by
 * cursor) plus the total count — and prints p95 with the adapter's query plan (SQLite `EXPLAIN QUERY PLAN`,
 * MongoDB's winning plan). SQLite always; MongoDB at `MONGODB_URI` (a real mongod, or the jongodb lane).
 * Run alone: `npx tsx server/bench/reviewQueueBench.ts`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Keyring, PersonalDataCipher } from "../src/crypto/personalData.js";
import { maskIdNumber } from "../src/identity/idNumber.js";
import { REVIEW_SEARCH, SEARCH_TAIL_LENGTH } from "../src/review/reviewEntries.js";
import { queueFilter } from "../src/review/reviewQueue.js";
import { queueQuery } from "../src/routes/review/reviewSchemas.js";
import { MongoStore } from "../src/store/mongoStore.js";
import { SqliteStore } from "../src/store/sqliteStore.js";
import {
  COLLECTION,
  collectionsOf,
  declareCollections,
  type ReviewEntryDoc,
  type ReviewerScope,
} from "../src/store/collections.js";
import type { Store } from "../src/ports/store.js";
import { percentile, round } from "./stats.js";

/** How big the seeded queue is and how often each query runs. */
export const REVIEW_QUEUE = {
  entries: Number(process.env.REVIEW_BENCH_ENTRIES ?? 100_000),
  runs: 60,
  targetP95Ms: 100,
} as const;

const CITIES = [
  "420100",
  "420200",
  "420300",
  "420500",
  "420600",
  "420700",
  "420800",
  "420900",
  "421000",
  "421100",
  "421200",
  "421300",
];
const STAGES: ReviewEntryDoc["stage"][] = [
  "county",
  "county",
  "county",
  "returned",
  "city",
  "province",
  "approved",
];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚";

/** p95 / p50 (ms) of one request shape, and the plan the adapter chose for its page query. */
export interface QueueQueryFigure {
  query: string;
  plan: string;
  p95Ms: number;
  p50Ms: number;
  rows: number;
}

/** Person `i` of the seed: a name (many share one), an 18-digit number, a phone. */
function person(i: number) {
  const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(i / 400) % GIVEN.length]}`;
  const idNumber = `420102${1950 + (i % 50)}0101${String(i).padStart(6, "0").slice(-4)}`;
  const phone = `139${String(i).padStart(8, "0")}`;
  return { name, idNumber, phone };
}

function entry(cipher: PersonalDataCipher, i: number): ReviewEntryDoc {
  const city = CITIES[i % CITIES.length]!;
  const county = `${city.slice(0, 4)}${String(2 + (i % 7)).padStart(2, "0")}`;
  const { name, idNumber, phone } = person(i);
  return {
    applicationId: `app-${i}`,
    userId: `user-${i}`,
    editionKey: "bench",
    editionVersion: "1",
    province: "420000",
    city,
    county,
    stage: STAGES[i % STAGES.length]!,
    candidateType: i % 3 === 0 ? "practice" : "apprentice",
    submittedAt: Date.UTC(2024, 3, 1) + i * 60_000,
    signaturesComplete: i % 5 !== 0,
    name,
    sex: i % 2 === 0 ? "male" : "female",
    idNumberMasked: maskIdNumber(idNumber),
    searchName: cipher.blindIndex(name, REVIEW_SEARCH.name),
    searchIdNumber: cipher.blindIndex(idNumber, REVIEW_SEARCH.idNumber),
    searchIdTail: cipher.blindIndex(idNumber.slice(-SEARCH_TAIL_LENGTH), REVIEW_SEARCH.idTail),
    searchPhoneTail: cipher.blindIndex(phone.slice(-SEARCH_TAIL_LENGTH), REVIEW_SEARCH.phoneTail),
  };
}

async function seed(store: Store, cipher: PersonalDataCipher): Promise<void> {
  const batch = 2_000;
  for (let start = 0; start < REVIEW_QUEUE.entries; start += batch) {
    await store.transaction(async (tx) => {
      const { reviewQueue } = collectionsOf(tx);
      for (let i = start; i < Math.min(start + batch, REVIEW_QUEUE.entries); i++)
        await reviewQueue.insert({ _id: `app-${i}`, ...entry(cipher, i) });
    });
  }
}

const scope = (level: ReviewerScope["level"], division: string): ReviewerScope => ({
  level,
  division,
  appointedBy: "bench",
  appointedAt: 0,
});
const PROVINCE = scope("province", "420000");
const CITY = scope("city", "420100");
const COUNTY = scope("county", "420102");
const someone = person(12_345);

/** The requests timed: who asks, and the query string of `GET /api/review/applications`. */
const REQUESTS: { query: string; scope: ReviewerScope; params: Record<string, string> }[] = [
  { query: "province, no filter, newest first", scope: PROVINCE, params: {} },
  { query: "province, oldest first", scope: PROVINCE, params: { sort: "submittedAt" } },
  { query: "province, stage=county", scope: PROVINCE, params: { stage: "county" } },
  {
    query: "city, stage + type + signatures + date range",
    scope: CITY,
    params: {
      stage: "county",
      candidateType: "practice",
      signatures: "complete",
      submittedFrom: "2024-04-10",
      submittedTo: "2024-05-20",
    },
  },
  { query: "city, filter by one county", scope: CITY, params: { county: "420102" } },
  { query: "county, stage=returned", scope: COUNTY, params: { stage: "returned" } },
  { query: "province, search by name", scope: PROVINCE, params: { searchBy: "name", q: someone.name } },
  {
    query: "province, search by full ID number",
    scope: PROVINCE,
    params: { searchBy: "idNumber", q: someone.idNumber },
  },
  {
    query: "province, search by masked ID (tail)",
    scope: PROVINCE,
    params: { searchBy: "idNumber", q: maskIdNumber(someone.idNumber) },
  },
  {
    query: "province, search by phone tail",
    scope: PROVINCE,
    params: { searchBy: "phoneTail", q: someone.phone.slice(-4) },
  },
  {
    query: "city, search by name + stage",
    scope: CITY,
    params: { searchBy: "name", q: person(12).name, stage: "county" },
  },
];

/** Seeds `store` and times each request shape. */
export async function measureReviewQueue(store: Store): Promise<QueueQueryFigure[]> {
  const cipher = new PersonalDataCipher(new Keyring(randomBytes(32)));
  await declareCollections(store);
  const seeding = performance.now();
  await seed(store, cipher);
  console.log(
    `review queue ${store.kind}: seeded ${REVIEW_QUEUE.entries} lines in ${round((performance.now() - seeding) / 1000, 1)} s`,
  );
  const { reviewQueue } = collectionsOf(store);
  const figures: QueueQueryFigure[] = [];
  for (const request of REQUESTS) {
    const query = queueQuery.parse(request.params);
    const filter = queueFilter(cipher, request.scope, query);
    if (filter === undefined) throw new Error(`${request.query}: outside the scope`);
    const sort = { submittedAt: query.sort === "submittedAt" ? 1 : -1 } as const;
    const samples: number[] = [];
    let rows = 0;
    for (let run = 0; run < REVIEW_QUEUE.runs; run++) {
      const started = performance.now();
      // As the route does: the page and the total at once.
      const [page, total] = await Promise.all([
        reviewQueue.find(filter, { sort, limit: query.limit }),
        reviewQueue.count(filter),
      ]);
      rows = total;
      // The next page through the cursor is the other common request.
      if (run % 2 === 1 && page.next)
        await reviewQueue.find(filter, { sort, limit: query.limit, cursor: page.next });
      samples.push(performance.now() - started);
    }
    const options = { sort, limit: query.limit };
    let plan: string;
    if (store instanceof SqliteStore) {
      const explained = await store.explain(COLLECTION.reviewQueue, filter, options);
      plan = `find: ${explained.find} | count: ${explained.count}`;
    } else if (store instanceof MongoStore) {
      // The jongodb test server answers `explain` with CommandNotFound; a real mongod names its plan.
      plan = await store.explain(COLLECTION.reviewQueue, filter, options).then(
        (explained) => explained.find,
        (error: unknown) => `(no plan: ${error instanceof Error ? error.message : String(error)})`,
      );
    } else plan = "(adapter cannot explain)";
    figures.push({
      query: request.query,
      plan,
      rows,
      p95Ms: round(percentile(samples, 95), 1),
      p50Ms: round(percentile(samples, 50), 1),
    });
  }
  return figures;
}

/**
 * Runs the SQLite lane (and MongoDB at `MONGODB_URI`) and prints one line per query with its plan.
 * `REVIEW_BENCH_ADAPTERS=mongodb` runs only the MongoDB lane; `REVIEW_BENCH_ENTRIES` changes the size.
 */
export async function runReviewQueueBench(
  mongoUri = process.env.MONGODB_URI,
  adapters = (process.env.REVIEW_BENCH_ADAPTERS ?? "sqlite,mongodb").split(","),
): Promise<Record<string, QueueQueryFigure[]>> {
  const results: Record<string, QueueQueryFigure[]> = {};
  if (adapters.includes("sqlite")) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "shenbao-review-bench-"));
    const sqlite = new SqliteStore(path.join(dir, "bench.sqlite"));
    try {
      results.sqlite = await measureReviewQueue(sqlite);
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (mongoUri && adapters.includes("mongodb")) {
    const mongo = await MongoStore.connect(mongoUri, `review_bench_${Date.now()}`);
    try {
      results.mongodb = await measureReviewQueue(mongo);
      // The jongodb test server has no dropDatabase; its data lives only as long as it runs.
      await mongo.db.dropDatabase().catch(() => undefined);
    } finally {
      await mongo.close();
    }
  }
  for (const [adapter, figures] of Object.entries(results))
    for (const figure of figures) {
      const verdict = figure.p95Ms <= REVIEW_QUEUE.targetP95Ms ? "ok" : "OVER TARGET";
      console.log(
        `review queue ${adapter}: ${figure.query} (${figure.rows} rows) — p95 ${figure.p95Ms} ms, p50 ${figure.p50Ms} ms, target ${REVIEW_QUEUE.targetP95Ms} ms: ${verdict}\n    plan: ${figure.plan}`,
      );
    }
  return results;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  runReviewQueueBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
