/**
 * The store port: document collections with optimistic concurrency, used by every command.
 * Adapters: SQLite (embedded default) and MongoDB (production). See ARCHITECTURE.md.
 */

/** Fields every stored document carries. `rev` starts at 1 and grows by one on each replace. */
export interface DocumentMeta {
  _id: string;
  rev: number;
  createdAt: string;
  updatedAt: string;
}

/** A stored document: the caller's fields plus the metadata. */
export type Stored<T> = T & DocumentMeta;

/** A scalar that can be compared in a filter or used as a sort key. */
export type Scalar = string | number | boolean | null;

/** One field's condition: equality, membership or a range. `null` (alone or in `$in`) matches null or missing. */
export type FieldCondition =
  Scalar | { $in: Scalar[] } | { $gt?: Scalar; $gte?: Scalar; $lt?: Scalar; $lte?: Scalar };

/** A filter: every listed field must match (AND). Only declared indexed fields and `_id` may be filtered or sorted. */
export type Filter = Record<string, FieldCondition>;

/** Sort, limit and the opaque cursor returned by the previous page. */
export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  cursor?: string;
}

/** One page of results; `next` is set when more documents match. */
export interface Page<T> {
  items: Stored<T>[];
  next?: string;
}

/**
 * A declared index over one or more top-level fields (dotted paths allowed), optionally unique.
 * A unique index ignores documents that lack one of its fields, so omit absent values rather than store null.
 */
export interface IndexSpec {
  fields: string[];
  unique?: boolean;
}

/** What a collection declares before use: its indexed fields, and whether documents may ever change. */
export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
  /**
   * Documents are only inserted, never replaced or deleted (the audit log, REV-6): adapters refuse both with
   * `AppendOnlyError`, whichever handle asks.
   */
  appendOnly?: boolean;
}

/** Operations on one collection; inside `transaction` they join that transaction. */
export interface Collection<T extends object> {
  get(id: string): Promise<Stored<T> | null>;
  /** Inserts a new document; `_id` is generated unless given. Unique index violations throw `DuplicateKeyError`. */
  insert(doc: T & { _id?: string }): Promise<Stored<T>>;
  /** Replaces the document if its stored `rev` equals `expectedRev`, else throws `RevisionConflictError`. */
  replace(id: string, expectedRev: number, doc: T): Promise<Stored<T>>;
  /** Deletes the document if its stored `rev` equals `expectedRev`; returns false when absent. */
  delete(id: string, expectedRev?: number): Promise<boolean>;
  find(filter: Filter, options?: FindOptions): Promise<Page<T>>;
  count(filter: Filter): Promise<number>;
}

/** The handle a transaction body receives: collections bound to the transaction. */
export interface StoreTx {
  collection<T extends object>(name: string): Collection<T>;
  /**
   * Adapter-specific handle, used by queue adapters that must write in the same transaction:
   * SQLite: the better-sqlite3 `Database`; MongoDB: the `ClientSession`.
   */
  readonly native: unknown;
}

/** The store port. */
export interface Store {
  /** Adapter name as shown in /healthz: "sqlite" | "mongodb". */
  readonly kind: string;
  /** Creates collections and indexes if missing; safe to call on every start. */
  declare(specs: CollectionSpec[]): Promise<void>;
  collection<T extends object>(name: string): Collection<T>;
  /**
   * Runs `fn` atomically across collections; throws roll everything back. Adapters may run `fn` again
   * after a transient conflict (MongoDB), so keep outside effects out of it, and keep it short.
   */
  transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R>;
  health(): Promise<{ ok: boolean; detail?: string }>;
  close(): Promise<void>;
}
