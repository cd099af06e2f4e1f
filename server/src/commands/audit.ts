/**
 * The audit log (REV-6): every command that changes a state appends one event in the same transaction as
 * the change, so the log and the data never disagree. Events are never replaced or deleted.
 */
import type { Json } from "@shenbao/rules";
import type { StoreTx } from "../ports/store.js";
import { collectionsOf, type AuditDoc } from "../store/collections.js";

/** Who caused an event: a user id, or `system:<what>` for work no user asked for (e.g. `system:firstStart`). */
export type AuditActor = string;

/** One event to append: who (`actor`), what (`action`, e.g. `identity.approved`), on which document, when. */
export interface AuditEvent {
  actor: AuditActor;
  action: string;
  entity: string;
  entityId: string;
  /** Summaries without personal data (states, methods, versions), never whole documents. */
  before: Json;
  after: Json;
  at: number;
}

/** Appends `event` inside `tx`; it commits or rolls back with the change it describes. */
export async function appendAudit(tx: StoreTx, event: AuditEvent): Promise<void> {
  const doc: AuditDoc = { ...event };
  await collectionsOf(tx).audit.insert(doc);
}
