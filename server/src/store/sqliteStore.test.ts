import { chmod, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStore } from "./sqliteStore.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe("SqliteStore files", () => {
  it("creates the database, its WAL and shared-memory files readable by the owner only (issue 11)", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-perm-"));
    const file = path.join(dir, "shenbao.sqlite");
    const store = new SqliteStore(file);
    try {
      await store.declare([{ name: "notes", indexes: [] }]);
      await store.collection<{ text: string }>("notes").insert({ text: "x" });
      for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(await modeOf(name), name).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it("narrows an existing world-readable database file to 0600 when it opens it", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-perm-"));
    const file = path.join(dir, "shenbao.sqlite");
    await writeFile(file, "");
    await chmod(file, 0o644);
    const store = new SqliteStore(file);
    await store.close();
    expect(await modeOf(file)).toBe(0o600);
  });
});
