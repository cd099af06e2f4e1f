/**
 * The production store adapter: MongoDB through the official driver, majority writes and reads, and
 * transactions on a ClientSession. Query and paging semantics come from `queryPlan.ts`, shared with the
 * SQLite adapter, so a listing pages identically on both.
 */
import {
  MongoClient,
  MongoServerError,
  type ClientSession,
  type Db,
  type Filter as MongoFilter,
  type MongoClientOptions,
  type Sort,
} from "mongodb";
import { AppendOnlyError, DuplicateKeyError, NotFoundError, RevisionConflictError } from "../errors.js";
import type {
  Collection,
  CollectionSpec,
  Filter,
  FindOptions,
  Page,
  Store,
  StoreTx,
  Stored,
} from "../ports/store.js";
import { insertedDocument, replacedDocument } from "./documentMeta.js";
import { assertFieldName, encodeCursor, planQuery, type Predicate } from "./queryPlan.js";

/** How documents look to the driver: string ids, anything else opaque. */
type MongoDocument = { _id: string; rev: number } & Record<string, unknown>;

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const DUPLICATE_KEY = 11000;

/**
 * `Store` over one MongoDB database. Writes wait for a majority, reads see only majority-committed data,
 * so nothing a client was shown can vanish in a failover.
 */
export class MongoStore implements Store {
  readonly kind = "mongodb";
  private readonly indexed = new Map<string, Set<string>>();
  /** Collections declared `appendOnly` (REV-6): this adapter refuses their replace and delete. */
  readonly appendOnly = new Set<string>();
  /** Unique index name → its fields, for servers whose duplicate-key errors carry no `keyPattern`. */
  private readonly uniqueIndexes = new Map<string, string[]>();

  /** Wraps a connected client; prefer `MongoStore.connect`. The store owns and closes the client. */
  constructor(
    readonly client: MongoClient,
    readonly db: Db,
  ) {}

  /** Connects to `uri` and opens database `dbName` with the store's read and write concerns. */
  static async connect(uri: string, dbName: string, options: MongoClientOptions = {}): Promise<MongoStore> {
    const client = new MongoClient(uri, {
      writeConcern: { w: "majority" },
      readConcern: { level: "majority" },
      ...options,
    });
    await client.connect();
    return new MongoStore(client, client.db(dbName));
  }

  async declare(specs: CollectionSpec[]): Promise<void> {
    for (const spec of specs) {
      if (!COLLECTION_NAME.test(spec.name)) throw new TypeError(`invalid collection name "${spec.name}"`);
      const indexed = this.indexed.get(spec.name) ?? new Set<string>();
      if (spec.appendOnly === true) this.appendOnly.add(spec.name);
      for (const index of spec.indexes) {
        if (index.fields.length === 0) throw new TypeError(`an index of "${spec.name}" lists no fields`);
        index.fields.forEach(assertFieldName);
        const keys = Object.fromEntries(index.fields.map((field) => [field, 1 as const]));
        const name = `${index.unique ? "ux" : "ix"}_${spec.name}(${index.fields.join(",")})`;
        // createIndexes also creates the collection; a collection without indexes is created by its first
        // insert, which MongoDB 4.4+ allows inside a transaction too.
        await this.db.collection(spec.name).createIndex(keys, {
          name,
          ...(index.unique
            ? {
                unique: true,
                // Like SQLite's UNIQUE, documents without the key never conflict (e.g. users without a phone).
                partialFilterExpression: Object.fromEntries(
                  index.fields.map((field) => [field, { $exists: true }]),
                ),
              }
            : {}),
        });
        if (index.unique) this.uniqueIndexes.set(name, [...index.fields]);
        for (const field of index.fields) indexed.add(field);
      }
      this.indexed.set(spec.name, indexed);
    }
  }

  collection<T extends object>(name: string): Collection<T> {
    return new MongoCollection<T>(this, name, undefined);
  }

  /**
   * The winning plan of the query a `find` with these arguments sends (`explain("queryPlanner")`), as its
   * stages and the index it uses, e.g. `LIMIT ← FETCH ← IXSCAN {province_1_submittedAt_1}`. For benches.
   */
  async explain(name: string, filter: Filter, options?: FindOptions): Promise<{ find: string }> {
    const plan = planQuery(this.indexedFields(name), filter, options);
    const sort: Sort = Object.fromEntries(plan.sort.map((key) => [key.field, key.dir]));
    let cursor = this.db.collection<MongoDocument>(name).find(mongoFilter(plan.where), { sort });
    if (plan.limit !== undefined) cursor = cursor.limit(plan.limit + 1);
    const explained = (await cursor.explain("queryPlanner")) as {
      queryPlanner?: { winningPlan?: PlanStage };
    };
    return { find: describeStage(explained.queryPlanner?.winningPlan) };
  }

  /**
   * Runs `fn` in a multi-document transaction. The driver retries `fn` on transient errors (write
   * conflicts, failovers), so `fn` may run more than once: keep outside effects out of it.
   */
  async transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
    const session = this.client.startSession();
    try {
      return await session.withTransaction(
        () =>
          fn({
            collection: <T extends object>(name: string) => new MongoCollection<T>(this, name, session),
            native: session,
          }),
        { readConcern: { level: "snapshot" }, writeConcern: { w: "majority" } },
      );
    } finally {
      await session.endSession();
    }
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await this.db.command({ ping: 1 });
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** Indexed fields of a declared collection; throws for a name `declare()` never saw. */
  indexedFields(name: string): ReadonlySet<string> {
    const indexed = this.indexed.get(name);
    if (!indexed) throw new Error(`collection "${name}" is not declared on this store`);
    return indexed;
  }

  /** Maps a duplicate-key server error to `DuplicateKeyError`; returns anything else unchanged. */
  translateError(collection: string, error: unknown): unknown {
    if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) return error;
    const pattern = (error as MongoServerError & { keyPattern?: Record<string, unknown> }).keyPattern;
    const indexName = /index: (\S+)/.exec(error.message)?.[1];
    const named = indexName === undefined ? undefined : this.uniqueIndexes.get(indexName);
    const fields = pattern ? Object.keys(pattern) : (named ?? ["_id"]);
    return new DuplicateKeyError(undefined, { collection, fields });
  }
}

/** One collection of a `MongoStore`; with a session, every operation joins that session's transaction. */
class MongoCollection<T extends object> implements Collection<T> {
  constructor(
    private readonly store: MongoStore,
    private readonly name: string,
    private readonly session: ClientSession | undefined,
  ) {}

  private get native() {
    this.store.indexedFields(this.name);
    return this.store.db.collection<MongoDocument>(this.name);
  }

  private get options(): { session?: ClientSession } {
    return this.session ? { session: this.session } : {};
  }

  async get(id: string): Promise<Stored<T> | null> {
    return (await this.native.findOne({ _id: id }, this.options)) as Stored<T> | null;
  }

  async insert(doc: T & { _id?: string }): Promise<Stored<T>> {
    const stored = insertedDocument(doc, new Date());
    try {
      await this.native.insertOne({ ...(stored as unknown as MongoDocument) }, this.options);
    } catch (error) {
      throw this.store.translateError(this.name, error);
    }
    return stored;
  }

  async replace(id: string, expectedRev: number, doc: T): Promise<Stored<T>> {
    if (this.store.appendOnly.has(this.name)) throw new AppendOnlyError(this.name);
    const previous = (await this.native.findOne({ _id: id }, this.options)) as Stored<T> | null;
    if (!previous) throw new NotFoundError();
    if (previous.rev !== expectedRev) throw conflict(this.name, id, expectedRev, previous.rev);
    const stored = replacedDocument(previous, doc, new Date());
    let matched: number;
    try {
      // The rev in the filter makes read-then-write safe: a concurrent replace leaves nothing to match.
      matched = (
        await this.native.replaceOne(
          { _id: id, rev: expectedRev },
          { ...(stored as unknown as MongoDocument) },
          this.options,
        )
      ).matchedCount;
    } catch (error) {
      throw this.store.translateError(this.name, error);
    }
    if (matched !== 1) throw conflict(this.name, id, expectedRev);
    return stored;
  }

  async delete(id: string, expectedRev?: number): Promise<boolean> {
    if (this.store.appendOnly.has(this.name)) throw new AppendOnlyError(this.name);
    const filter: MongoFilter<MongoDocument> =
      expectedRev === undefined ? { _id: id } : { _id: id, rev: expectedRev };
    const { deletedCount } = await this.native.deleteOne(filter, this.options);
    if (deletedCount === 1) return true;
    if (expectedRev === undefined) return false;
    const current = await this.native.findOne({ _id: id }, { ...this.options, projection: { rev: 1 } });
    if (current) throw conflict(this.name, id, expectedRev, current.rev);
    return false;
  }

  async find(filter: Filter, options?: FindOptions): Promise<Page<T>> {
    const plan = planQuery(this.store.indexedFields(this.name), filter, options);
    const sort: Sort = Object.fromEntries(plan.sort.map((key) => [key.field, key.dir]));
    let cursor = this.native.find(mongoFilter(plan.where), { ...this.options, sort });
    // One extra document tells whether a next page exists without a second query.
    if (plan.limit !== undefined) cursor = cursor.limit(plan.limit + 1);
    const items = (await cursor.toArray()) as unknown as Stored<T>[];
    if (plan.limit === undefined || items.length <= plan.limit) return { items };
    items.length = plan.limit;
    return { items, next: encodeCursor(plan.sort, items[items.length - 1] as Record<string, unknown>) };
  }

  async count(filter: Filter): Promise<number> {
    const plan = planQuery(this.store.indexedFields(this.name), filter);
    return this.native.countDocuments(mongoFilter(plan.where), this.options);
  }
}

function conflict(
  collection: string,
  id: string,
  expectedRev: number,
  actualRev?: number,
): RevisionConflictError {
  return new RevisionConflictError(undefined, {
    collection,
    id,
    expectedRev,
    ...(actualRev === undefined ? {} : { actualRev }),
  });
}

/** One stage of an explained plan (the fields read here; servers add more). */
interface PlanStage {
  stage?: string;
  indexName?: string;
  inputStage?: PlanStage;
  inputStages?: PlanStage[];
  queryPlan?: PlanStage;
}

function describeStage(stage: PlanStage | undefined): string {
  if (stage === undefined) return "(no plan reported)";
  const own = `${stage.stage ?? "?"}${stage.indexName ? ` {${stage.indexName}}` : ""}`;
  const inputs = [stage.inputStage, stage.queryPlan, ...(stage.inputStages ?? [])].filter(
    (input): input is PlanStage => input !== undefined,
  );
  if (inputs.length === 0) return own;
  return `${own} ← ${inputs.map(describeStage).join(" + ")}`;
}

function mongoFilter(predicates: Predicate[]): MongoFilter<MongoDocument> {
  if (predicates.length === 0) return {};
  const clauses = predicates.map(predicateFilter);
  return clauses.length === 1 ? clauses[0]! : { $and: clauses };
}

function predicateFilter(predicate: Predicate): MongoFilter<MongoDocument> {
  switch (predicate.op) {
    case "eq":
      // `{ field: null }` matches null and missing, the same rule SQLite's `IS NULL` applies.
      return { [predicate.field]: predicate.value };
    case "in":
      return { [predicate.field]: { $in: predicate.values } };
    case "cmp":
      return { [predicate.field]: { [`$${predicate.cmp}`]: predicate.value } };
    case "notNull":
      return { [predicate.field]: { $ne: null } };
    case "any":
      // An empty $or is invalid in MongoDB; an empty $in matches nothing, which is what no branch means.
      if (predicate.groups.length === 0) return { _id: { $in: [] } };
      return { $or: predicate.groups.map(mongoFilter) };
  }
}
