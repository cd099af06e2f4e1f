// Acknowledged SQLite writes survive a SIGKILL of the writing process (see storeWriterChild.ts), also
// when they were acknowledged by group commits of 16 concurrent writers.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStore } from "./sqliteStore.js";
import { DURABILITY_SPEC, durabilityPayload, type DurabilityDoc } from "../../test/storeWriterChild.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const childScript = fileURLToPath(new URL("../../test/storeWriterChild.ts", import.meta.url));
const ACKS_BEFORE_KILL = 200;
const WRITERS_IN_FLIGHT = 16;

interface Ack {
  id: string;
  seq: number;
  rev: number;
  /** The writer's physical COMMITs when it printed this ack. */
  commits: number;
}

/** Runs the writer child until it has printed `count` acks, then SIGKILLs it; resolves with every ack read. */
function writeThenKill(file: string, count: number): Promise<{ acks: Ack[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", childScript, file, "20000", "20000", String(WRITERS_IN_FLIGHT)],
      {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const acks: Ack[] = [];
    let buffered = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const [id, seq, rev, commits] = line.split(" ");
        acks.push({ id: id!, seq: Number(seq), rev: Number(rev), commits: Number(commits) });
      }
      if (acks.length >= count && child.exitCode === null && !child.killed) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
      // A partial last line was never a complete ack: it is ignored, not asserted.
      else resolve({ acks, signal });
    });
  });
}

describe("SqliteStore durability [sqlite]", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("opens in WAL mode with synchronous = FULL", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-durability-"));
    const store = new SqliteStore(path.join(dir, "pragmas.sqlite"));
    try {
      expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(store.db.pragma("synchronous", { simple: true })).toBe(2);
      expect(store.db.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      await store.close();
    }
  });

  it("keeps every acknowledged insert and replace after the writer is SIGKILLed mid-stream", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-durability-"));
    const file = path.join(dir, "store.sqlite");
    const { acks, signal } = await writeThenKill(file, ACKS_BEFORE_KILL);
    expect(signal).toBe("SIGKILL");
    expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    // Concurrent writers acknowledge out of order, but each seq once.
    expect(new Set(acks.map((ack) => ack.seq)).size).toBe(acks.length);
    // Grouped: the acknowledged inserts and replaces took well under one COMMIT each (one each without it).
    const writes = acks.reduce((sum, ack) => sum + ack.rev, 0);
    expect(Math.max(...acks.map((ack) => ack.commits))).toBeLessThan(writes / 2);

    const store = new SqliteStore(file);
    try {
      await store.declare([DURABILITY_SPEC]);
      expect(store.db.pragma("integrity_check", { simple: true })).toBe("ok");
      const collection = store.collection<DurabilityDoc>("acks");
      for (const ack of acks) {
        const doc = await collection.get(ack.id);
        expect(doc, `acknowledged ${ack.id} (seq ${ack.seq})`).not.toBeNull();
        expect(doc).toMatchObject({
          _id: ack.id,
          seq: ack.seq,
          rev: ack.rev,
          payload: durabilityPayload(ack.seq, ack.rev),
        });
      }
      // The child may have committed a few writes it was killed before printing, never fewer.
      expect(await collection.count({})).toBeGreaterThanOrEqual(acks.length);
    } finally {
      await store.close();
    }
  });
});
