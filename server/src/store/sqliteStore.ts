/**
 * The embedded store adapter: one SQLite file through better-sqlite3, one table per collection, indexed
 * fields as expression indexes on `json_extract`. WAL with `synchronous = FULL`, so an acknowledged write
 * survives a killed process or a power loss. Concurrent writes share one COMMIT (see groupCommit.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { chmodSync, closeSync, openSync } from "node:fs";
import Database from "better-sqlite3";
import { AppendOnlyError, DuplicateKeyError, NotFoundError, RevisionConflictError } from "../errors.js";
import type {
  Collection,
  CollectionSpec,
  Filter,
  FindOptions,
  Page,
  Scalar,
  Store,
  StoreTx,
  Stored,
} from "../ports/store.js";
import { AsyncMutex } from "./asyncMutex.js";
import { GroupCommit, type GroupCommitOptions, type GroupCommitStats } from "./groupCommit.js";
import { insertedDocument, replacedDocument } from "./documentMeta.js";
import { assertFieldName, encodeCursor, planQuery, type Predicate, type QueryPlan } from "./queryPlan.js";

/** The better-sqlite3 connection the store shares with the embedded queue. */
export type SqliteDatabase = Database.Database;

/** Tuning for `SqliteStore`; the defaults suit the embedded server. */
export interface SqliteStoreOptions {
  /** How long a statement waits for another process's write lock before failing; default 5 000 ms. */
  busyTimeoutMs?: number;
  /** Bounds of a group-commit batch; the defaults (64 writes, 4 ms) keep added latency about one fsync. */
  groupCommit?: GroupCommitOptions;
}

/** What `SqliteStore.stats()` reports. */
export type SqliteStoreStats = GroupCommitStats;

/** What the store knows about a declared collection. */
interface DeclaredCollection {
  table: string;
  indexed: Set<string>;
  appendOnly: boolean;
}

/** The transaction an async context is running in, so misuse of the outer store fails loudly. */
interface TxFrame {
  store: SqliteStore;
  open: boolean;
}

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const STATEMENT_CACHE_LIMIT = 500;
const txContext = new AsyncLocalStorage<TxFrame>();

/**
 * Creates the database file readable and writable by its owner only (0600), and narrows an existing one
 * and its WAL / shared-memory files (issue 11): it holds every application. SQLite gives the -wal and -shm
 * files it creates the database file's own mode.
 */
function ownerOnly(file: string): void {
  closeSync(openSync(file, "a", 0o600));
  for (const companion of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(companion, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/**
 * `Store` over one SQLite connection. Every read, every `exclusive()` task, and every write batch from BEGIN
 * to COMMIT runs under one async mutex: better-sqlite3 is synchronous and shares the connection, so an
 * operation that ran while a batch was open would silently join it (or read its uncommitted writes).
 * Writes (transactions and standalone insert / replace / delete) are group-committed: those that arrive
 * while a batch waits or runs join it, each in its own savepoint, and are acknowledged after its COMMIT.
 */
export class SqliteStore implements Store {
  readonly kind = "sqlite";
  /** The better-sqlite3 handle; touch it only through `exclusive()` or a transaction's `tx.native`. */
  readonly db: SqliteDatabase;
  private readonly mutex = new AsyncMutex();
  private readonly collections = new Map<string, DeclaredCollection>();
  /** Unique index name → its fields, to say which key a `DuplicateKeyError` is about. */
  private readonly uniqueIndexes = new Map<string, string[]>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly batches: GroupCommit;

  /** Opens (or creates) the database file and sets the durability pragmas. */
  constructor(
    readonly file: string,
    options: SqliteStoreOptions = {},
  ) {
    if (file !== ":memory:") ownerOnly(file);
    this.db = new Database(file);
    try {
      const mode = this.db.pragma("journal_mode = WAL", { simple: true });
      if (mode !== "wal" && file !== ":memory:") throw new Error(`SQLite refused WAL mode (got ${mode})`);
      // FULL syncs the WAL on every commit: NORMAL could lose the last acknowledged writes on power loss.
      this.db.pragma("synchronous = FULL");
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5_000))}`);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.batches = new GroupCommit(this.db, this.mutex, options.groupCommit);
  }

  async declare(specs: CollectionSpec[]): Promise<void> {
    await this.exclusive((db) => {
      db.transaction(() => {
        for (const spec of specs) this.declareOne(spec);
      })();
    });
  }

  collection<T extends object>(name: string): Collection<T> {
    return new SqliteCollection<T>(
      this,
      name,
      (task) => this.runOutsideTx(task),
      (task) => this.writeOutsideTx(task),
    );
  }

  /**
   * Runs `fn` as one logical transaction inside a group-commit batch: in its own SAVEPOINT within the
   * batch's BEGIN IMMEDIATE … COMMIT, so a throw rolls back only its writes. Resolves after the batch's
   * COMMIT (durable); while the body runs every other operation on this store waits, so it must not await
   * slow outside work. Inside it, use `tx.collection()` and `tx.native` only (`tx.native` writes, such as
   * the embedded queue's jobs, belong to this savepoint).
   */
  async transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
    this.assertNotInOpenTx("transaction()");
    const frame: TxFrame = { store: this, open: true };
    const run = <X>(task: () => X): Promise<X> => {
      if (!frame.open) return Promise.reject(new Error("this transaction has already ended"));
      try {
        return Promise.resolve(task());
      } catch (error) {
        return Promise.reject(error);
      }
    };
    const tx: StoreTx = {
      collection: <T extends object>(name: string) => new SqliteCollection<T>(this, name, run, run),
      native: this.db,
    };
    return this.batches.submit(async () => {
      try {
        return await txContext.run(frame, () => fn(tx));
      } finally {
        // Closed when the body ends, not at COMMIT: a leaked handle must not write into later members.
        frame.open = false;
      }
    });
  }

  /** Group-commit counters: physical COMMITs versus the writes they acknowledged. */
  stats(): SqliteStoreStats {
    return this.batches.stats();
  }

  /**
   * Runs a synchronous `fn` on the connection under the store's mutex, outside any transaction. For the
   * embedded queue; `fn` must not await and must not leave a transaction open.
   */
  async exclusive<R>(fn: (db: SqliteDatabase) => R): Promise<R> {
    return this.runOutsideTx(() => {
      let result: R;
      try {
        result = fn(this.db);
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
      if (this.db.inTransaction) {
        // A transaction left open would silently swallow every later store write.
        this.db.exec("ROLLBACK");
        throw new Error("exclusive() callback left a transaction open; it was rolled back");
      }
      return result;
    });
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await this.exclusive((db) => db.prepare("SELECT 1").get());
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Closes the connection once every write submitted before the call has committed or failed. */
  async close(): Promise<void> {
    await this.batches.settled();
    await this.mutex.run(() => {
      if (this.db.open) this.db.close();
    });
  }

  /** Table and indexed fields of a declared collection; throws for a name `declare()` never saw. */
  describe(name: string): DeclaredCollection {
    const declared = this.collections.get(name);
    if (!declared) throw new Error(`collection "${name}" is not declared on this store`);
    return declared;
  }

  /**
   * SQLite's query plan (EXPLAIN QUERY PLAN) of the statements a `find` and a `count` with these arguments
   * run: which index each uses, and whether it sorts in a temporary B-tree. For benches and diagnostics.
   */
  explain(name: string, filter: Filter, options?: FindOptions): Promise<{ find: string; count: string }> {
    return this.exclusive(() => {
      const declared = this.describe(name);
      const plan = ({ sql, params }: { sql: string; params: SqlValue[] }) =>
        (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
          .map((row) => row.detail)
          .join("; ");
      return { find: plan(findSql(declared, filter, options)), count: plan(countSql(declared, filter)) };
    });
  }

  /** A cached prepared statement (preparing costs more than running for the small queries here). */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Maps SQLite's unique-constraint failures to `DuplicateKeyError`; rethrows anything else. */
  translateError(collection: string, error: unknown): never {
    if (
      error instanceof Database.SqliteError &&
      (error.code === "SQLITE_CONSTRAINT_UNIQUE" || error.code === "SQLITE_CONSTRAINT_PRIMARYKEY")
    ) {
      const indexName = /index '([^']+)'/.exec(error.message)?.[1];
      const fields = (indexName && this.uniqueIndexes.get(indexName)) || ["_id"];
      throw new DuplicateKeyError(undefined, { collection, fields });
    }
    throw error;
  }

  private declareOne(spec: CollectionSpec): void {
    if (!COLLECTION_NAME.test(spec.name)) throw new TypeError(`invalid collection name "${spec.name}"`);
    const table = `doc_${spec.name}`;
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS "${table}" (_id TEXT PRIMARY KEY NOT NULL, rev INTEGER NOT NULL, doc TEXT NOT NULL)`,
    );
    const declared = this.collections.get(spec.name) ?? {
      table,
      indexed: new Set<string>(),
      appendOnly: spec.appendOnly === true,
    };
    if (spec.appendOnly === true) {
      declared.appendOnly = true;
      // Triggers refuse changes from any connection, including another process or a hand-run SQL shell.
      for (const event of ["UPDATE", "DELETE"]) {
        this.db.exec(
          `CREATE TRIGGER IF NOT EXISTS "${table}_no_${event.toLowerCase()}" BEFORE ${event} ON "${table}" ` +
            `BEGIN SELECT RAISE(ABORT, 'append-only collection ${spec.name}'); END`,
        );
      }
    }
    for (const index of spec.indexes) {
      if (index.fields.length === 0) throw new TypeError(`an index of "${spec.name}" lists no fields`);
      index.fields.forEach(assertFieldName);
      const name = `${index.unique ? "ux" : "ix"}_${spec.name}(${index.fields.join(",")})`;
      const columns = index.fields.map(fieldSql).join(", ");
      this.db.exec(
        `CREATE ${index.unique ? "UNIQUE " : ""}INDEX IF NOT EXISTS "${name}" ON "${table}" (${columns})`,
      );
      if (index.unique) this.uniqueIndexes.set(name, [...index.fields]);
      for (const field of index.fields) declared.indexed.add(field);
    }
    this.collections.set(spec.name, declared);
  }

  /** Reads and `exclusive()` work: alone on the connection, between write batches. */
  private runOutsideTx<X>(task: () => X): Promise<X> {
    try {
      this.assertNotInOpenTx("the store outside tx");
    } catch (error) {
      return Promise.reject(error);
    }
    return this.mutex.run(task);
  }

  /** A standalone write: a one-statement logical transaction in the next batch, acknowledged after COMMIT. */
  private writeOutsideTx<X>(task: () => X): Promise<X> {
    try {
      // Joining a batch from inside a body would wait for the batch that is waiting for the body.
      this.assertNotInOpenTx("the store outside tx");
    } catch (error) {
      return Promise.reject(error);
    }
    return this.batches.submit(task);
  }

  private assertNotInOpenTx(what: string): void {
    const frame = txContext.getStore();
    if (frame?.store === this && frame.open) {
      // Waiting for the mutex here would wait for the very transaction we are inside: a deadlock.
      throw new Error(`${what} used inside a transaction body; use tx.collection() / tx.native instead`);
    }
  }
}

/** Runs a synchronous task on the connection at the right moment and reports its outcome. */
type Runner = <X>(task: () => X) => Promise<X>;

/**
 * One collection of a `SqliteStore`. Outside a transaction reads take the mutex and writes join a
 * group-commit batch; inside one, both run at once in the open transaction.
 */
class SqliteCollection<T extends object> implements Collection<T> {
  constructor(
    private readonly store: SqliteStore,
    private readonly name: string,
    private readonly run: Runner,
    private readonly write: Runner,
  ) {}

  get(id: string): Promise<Stored<T> | null> {
    return this.run(() => {
      const { table } = this.store.describe(this.name);
      const row = this.store.statement(`SELECT doc FROM "${table}" WHERE _id = ?`).get(id) as
        DocRow | undefined;
      return row ? (JSON.parse(row.doc) as Stored<T>) : null;
    });
  }

  insert(doc: T & { _id?: string }): Promise<Stored<T>> {
    return this.write(() => {
      const { table } = this.store.describe(this.name);
      const stored = insertedDocument(doc, new Date());
      try {
        this.store
          .statement(`INSERT INTO "${table}" (_id, rev, doc) VALUES (?, ?, ?)`)
          .run(stored._id, stored.rev, JSON.stringify(stored));
      } catch (error) {
        this.store.translateError(this.name, error);
      }
      return stored;
    });
  }

  replace(id: string, expectedRev: number, doc: T): Promise<Stored<T>> {
    return this.write(() => {
      const { table, appendOnly } = this.store.describe(this.name);
      if (appendOnly) throw new AppendOnlyError(this.name);
      const row = this.store.statement(`SELECT doc FROM "${table}" WHERE _id = ?`).get(id) as
        DocRow | undefined;
      if (!row) throw new NotFoundError();
      const previous = JSON.parse(row.doc) as Stored<T>;
      if (previous.rev !== expectedRev) throw conflict(this.name, id, expectedRev, previous.rev);
      const stored = replacedDocument(previous, doc, new Date());
      let changes: number;
      try {
        // The rev guard still matters: another process may have written between the SELECT and here.
        changes = this.store
          .statement(`UPDATE "${table}" SET rev = ?, doc = ? WHERE _id = ? AND rev = ?`)
          .run(stored.rev, JSON.stringify(stored), id, expectedRev).changes;
      } catch (error) {
        this.store.translateError(this.name, error);
      }
      if (changes !== 1) throw conflict(this.name, id, expectedRev);
      return stored;
    });
  }

  delete(id: string, expectedRev?: number): Promise<boolean> {
    return this.write(() => {
      const { table, appendOnly } = this.store.describe(this.name);
      if (appendOnly) throw new AppendOnlyError(this.name);
      if (expectedRev === undefined) {
        return this.store.statement(`DELETE FROM "${table}" WHERE _id = ?`).run(id).changes === 1;
      }
      const { changes } = this.store
        .statement(`DELETE FROM "${table}" WHERE _id = ? AND rev = ?`)
        .run(id, expectedRev);
      if (changes === 1) return true;
      const row = this.store.statement(`SELECT rev FROM "${table}" WHERE _id = ?`).get(id) as
        { rev: number } | undefined;
      if (row) throw conflict(this.name, id, expectedRev, row.rev);
      return false;
    });
  }

  find(filter: Filter, options?: FindOptions): Promise<Page<T>> {
    return this.run(() => {
      const { sql, params, plan } = findSql(this.store.describe(this.name), filter, options);
      const rows = this.store.statement(sql).all(...params) as DocRow[];
      return toPage<T>(rows, plan);
    });
  }

  count(filter: Filter): Promise<number> {
    return this.run(() => {
      const { sql, params } = countSql(this.store.describe(this.name), filter);
      return (this.store.statement(sql).get(...params) as { n: number }).n;
    });
  }
}

/** The SELECT a `find` runs: the planned WHERE, ORDER BY the sort keys, one row beyond the limit. */
function findSql(declared: DeclaredCollection, filter: Filter, options?: FindOptions) {
  const plan = planQuery(declared.indexed, filter, options);
  const params: SqlValue[] = [];
  const where = whereSql(plan.where, params);
  const order = plan.sort.map((key) => `${fieldSql(key.field)} ${key.dir === 1 ? "ASC" : "DESC"}`);
  let sql = `SELECT doc FROM "${declared.table}" WHERE ${where} ORDER BY ${order.join(", ")}`;
  if (plan.limit !== undefined) {
    // One extra row tells whether a next page exists without a second query.
    sql += " LIMIT ?";
    params.push(plan.limit + 1);
  }
  return { sql, params, plan };
}

/** The SELECT count(*) a `count` runs. */
function countSql(declared: DeclaredCollection, filter: Filter) {
  const plan = planQuery(declared.indexed, filter);
  const params: SqlValue[] = [];
  return {
    sql: `SELECT count(*) AS n FROM "${declared.table}" WHERE ${whereSql(plan.where, params)}`,
    params,
  };
}

interface DocRow {
  doc: string;
}

type SqlValue = string | number | null;

function toPage<T>(rows: DocRow[], plan: QueryPlan): Page<T> {
  const items = rows.map((row) => JSON.parse(row.doc) as Stored<T>);
  if (plan.limit === undefined || items.length <= plan.limit) return { items };
  items.length = plan.limit;
  return { items, next: encodeCursor(plan.sort, items[items.length - 1] as Record<string, unknown>) };
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

/**
 * The SQL expression of a field. It must be written exactly like the index expression in `declareOne`,
 * or SQLite will not use the index.
 */
function fieldSql(field: string): string {
  return field === "_id" ? "_id" : `json_extract(doc, '$.${field}')`;
}

/** JSON booleans come out of `json_extract` as 1 / 0, and better-sqlite3 cannot bind booleans. */
function sqlValue(value: Scalar): SqlValue {
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}

function whereSql(predicates: Predicate[], params: SqlValue[]): string {
  if (predicates.length === 0) return "1";
  return predicates.map((predicate) => predicateSql(predicate, params)).join(" AND ");
}

function predicateSql(predicate: Predicate, params: SqlValue[]): string {
  switch (predicate.op) {
    case "eq": {
      const field = fieldSql(predicate.field);
      if (predicate.value === null) return `${field} IS NULL`;
      params.push(sqlValue(predicate.value));
      return `${field} = ?`;
    }
    case "in": {
      const field = fieldSql(predicate.field);
      const values = predicate.values.filter((value) => value !== null);
      const parts: string[] = [];
      if (values.length > 0) {
        params.push(...values.map(sqlValue));
        parts.push(`${field} IN (${values.map(() => "?").join(", ")})`);
      }
      if (values.length < predicate.values.length) parts.push(`${field} IS NULL`);
      return parts.length === 0 ? "0" : `(${parts.join(" OR ")})`;
    }
    case "cmp": {
      params.push(sqlValue(predicate.value));
      const operator = { gt: ">", gte: ">=", lt: "<", lte: "<=" }[predicate.cmp];
      return `${fieldSql(predicate.field)} ${operator} ?`;
    }
    case "notNull":
      return `${fieldSql(predicate.field)} IS NOT NULL`;
    case "any":
      if (predicate.groups.length === 0) return "0";
      return `(${predicate.groups.map((group) => `(${whereSql(group, params)})`).join(" OR ")})`;
  }
}
