/**
 * Child process for the SQLite durability test: inserts documents (every other one also replaced to
 * rev 2) from several writers at once, so acknowledgements come from group-committed batches, and prints
 * `<id> <seq> <rev> <commits>` only after the store acknowledged the write (`commits`: the store's
 * physical COMMITs so far). The parent kills it with SIGKILL mid-stream.
 * Usage: node --import tsx storeWriterChild.ts <file> [maxDocs] [maxMillis] [inFlight]
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SqliteStore } from "../src/store/sqliteStore.js";

/** The document the child writes; the parent checks `payload` to detect torn or stale rows. */
export interface DurabilityDoc {
  seq: number;
  payload: string;
}

/** The collection both processes declare. */
export const DURABILITY_SPEC = { name: "acks", indexes: [{ fields: ["seq"], unique: true }] };

/** The payload of document `seq` at revision `rev`, long enough to span several WAL frames together. */
export function durabilityPayload(seq: number, rev: number): string {
  return `seq ${seq} rev ${rev} `.repeat(40);
}

async function main(): Promise<void> {
  const [file, maxDocs = "20000", maxMillis = "20000", inFlight = "16"] = process.argv.slice(2);
  if (!file) throw new Error("usage: storeWriterChild.ts <file> [maxDocs] [maxMillis] [inFlight]");
  const store = new SqliteStore(file);
  await store.declare([DURABILITY_SPEC]);
  const acks = store.collection<DurabilityDoc>("acks");
  // Bounded in count and time so an orphaned child cannot run on if the parent dies.
  const deadline = Date.now() + Number(maxMillis);
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < Number(maxDocs) && Date.now() < deadline) {
      const seq = next++;
      let doc = await acks.insert({ seq, payload: durabilityPayload(seq, 1) });
      if (seq % 2 === 1) doc = await acks.replace(doc._id, 1, { seq, payload: durabilityPayload(seq, 2) });
      process.stdout.write(`${doc._id} ${seq} ${doc.rev} ${store.stats().commits}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(inFlight)) }, writer));
  await store.close();
}

// The durability test imports the spec and payload from here; only a direct run writes.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  await main();
}
