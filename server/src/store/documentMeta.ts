/**
 * How adapters stamp `_id`, `rev`, `createdAt` and `updatedAt`: callers may pass documents they read
 * earlier, so incoming metadata is always discarded and recomputed here.
 */
import type { DocumentMeta, Stored } from "../ports/store.js";
import { newId } from "./newId.js";

/** The document to store on insert: revision 1, both timestamps now, `_id` as given or generated. */
export function insertedDocument<T extends object>(doc: T & { _id?: string }, now: Date): Stored<T> {
  const { _id, ...fields } = stripMeta(doc);
  const at = now.toISOString();
  return { _id: _id ?? newId(now.getTime()), ...fields, rev: 1, createdAt: at, updatedAt: at } as Stored<T>;
}

/** The document to store on replace: the caller's fields over the stored `_id`/`createdAt`, next `rev`. */
export function replacedDocument<T extends object>(
  previous: Pick<DocumentMeta, "_id" | "rev" | "createdAt">,
  doc: T,
  now: Date,
): Stored<T> {
  const { _id: _ignored, ...fields } = stripMeta(doc as T & { _id?: string });
  return {
    _id: previous._id,
    ...fields,
    rev: previous.rev + 1,
    createdAt: previous.createdAt,
    updatedAt: now.toISOString(),
  } as Stored<T>;
}

function stripMeta<T extends object>(doc: T & { _id?: string }): Record<string, unknown> & { _id?: string } {
  const { rev: _rev, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = doc as Record<string, unknown>;
  if (rest._id !== undefined && typeof rest._id !== "string") throw new TypeError("_id must be a string");
  return rest as Record<string, unknown> & { _id?: string };
}
