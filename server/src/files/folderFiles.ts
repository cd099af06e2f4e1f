/**
 * Files adapter for the embedded setup: one file per key in a folder under the data directory, written to a
 * temp file beside its final place, fsynced, then renamed so a key never names a partial file.
 */
import { constants } from "node:fs";
import { access, mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileNotFoundError } from "../errors.js";
import type { Files, PutOptions, StoredFile } from "../ports/files.js";
import { isFileKey, newFileKey } from "./fileKeys.js";
import { UploadInspector, type UploadFacts } from "./uploadInspector.js";

/** Temp files start with a dot so they can never match a key and are easy to sweep after a crash. */
const TEMP_SUFFIX = ".upload";

/** Files stored as `<dir>/<first two key characters>/<key>`; sharding keeps any one folder small. */
export class FolderFiles implements Files {
  readonly kind = "folder";
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = path.resolve(dir);
  }

  /** Creates the folder when missing and returns the adapter over it. */
  static async open(dir: string): Promise<FolderFiles> {
    await mkdir(dir, { recursive: true });
    return new FolderFiles(dir);
  }

  async put(stream: Readable, options: PutOptions): Promise<StoredFile> {
    const key = newFileKey();
    const shard = this.#shardOf(key);
    const createdShard = await mkdir(shard, { recursive: true });
    const temp = path.join(shard, `.${key}${TEMP_SUFFIX}`);
    const inspector = new UploadInspector(options);
    let facts: UploadFacts;
    try {
      // Opened before streaming, so the temp file exists by the time any failure path removes it.
      const handle = await open(temp, "wx", 0o600);
      // The stream owns the handle from here: `flush` fsyncs before it closes, and the pipeline settles
      // only after that close.
      await pipeline(inspector.chunks(stream), handle.createWriteStream({ flush: true }));
      facts = inspector.passed();
      await rename(temp, path.join(shard, key));
    } catch (error) {
      stream.destroy();
      await rm(temp, { force: true });
      throw error;
    }
    // The rename is durable only once the folder holding the new entry (and a new shard's parent) is synced.
    await syncDir(shard);
    if (createdShard) await syncDir(this.#dir);
    return { key, ...facts };
  }

  async get(key: string): Promise<Readable> {
    if (!isFileKey(key)) throw new FileNotFoundError();
    try {
      const handle = await open(path.join(this.#shardOf(key), key), "r");
      return handle.createReadStream();
    } catch (error) {
      if (isErrno(error, "ENOENT") || isErrno(error, "ENOTDIR")) throw new FileNotFoundError();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // A malformed key cannot name a stored file; deleting it is a no-op like deleting an unknown one.
    if (!isFileKey(key)) return;
    await rm(path.join(this.#shardOf(key), key), { force: true });
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await access(this.#dir, constants.R_OK | constants.W_OK);
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {}

  #shardOf(key: string): string {
    return path.join(this.#dir, key.slice(0, 2));
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
