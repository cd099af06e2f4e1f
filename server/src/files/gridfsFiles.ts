/**
 * Files adapter for production: MongoDB GridFS. The key is stored as the file name (the `_id` stays an
 * ObjectId); `metadata` holds the detected mime and sha256. A rejected or failed upload leaves no chunks.
 */
import type { Readable, Writable } from "node:stream";
import { GridFSBucket, MongoClient, ObjectId, type Db } from "mongodb";
import { FileNotFoundError } from "../errors.js";
import type { Files, PutOptions, StoredFile } from "../ports/files.js";
import { isFileKey, newFileKey } from "./fileKeys.js";
import { UploadInspector } from "./uploadInspector.js";

/** Where the bucket lives and whether closing the adapter also closes the client it came with. */
export interface GridfsFilesOptions {
  bucketName?: string;
  /** A client this adapter owns (set by `connect`); `close()` closes it. */
  client?: MongoClient;
}

/** Metadata stored on every files document this adapter writes. */
export interface GridfsFileMetadata {
  mime: string;
  sha256: string;
}

/** The files port over one GridFS bucket (default "files": collections `files.files` and `files.chunks`). */
export class GridfsFiles implements Files {
  readonly kind = "gridfs";
  readonly #db: Db;
  readonly #bucket: GridFSBucket;
  readonly #bucketName: string;
  readonly #client: MongoClient | undefined;

  constructor(db: Db, options: GridfsFilesOptions = {}) {
    this.#db = db;
    this.#bucketName = options.bucketName ?? "files";
    this.#bucket = new GridFSBucket(db, { bucketName: this.#bucketName });
    this.#client = options.client;
  }

  /** Connects a client of its own to `uri` and uses database `dbName`. */
  static async connect(uri: string, dbName: string, bucketName?: string): Promise<GridfsFiles> {
    const client = new MongoClient(uri);
    await client.connect();
    return new GridfsFiles(client.db(dbName), { client, ...(bucketName ? { bucketName } : {}) });
  }

  async put(stream: Readable, options: PutOptions): Promise<StoredFile> {
    const key = newFileKey();
    const id = new ObjectId();
    const inspector = new UploadInspector(options);
    const upload = this.#bucket.openUploadStreamWithId(id, key);
    // Failures surface through the write and end callbacks below; an unheard 'error' would crash the process.
    upload.on("error", () => {});
    const chunkSize = upload.chunkSizeBytes;
    try {
      for await (const chunk of inspector.chunks(stream)) {
        // At most one chunk insert per write, so when a write fails no other insert is still in flight
        // and the cleanup below cannot race a chunk landing after it.
        for (let at = 0; at < chunk.length; at += chunkSize) {
          await write(upload, chunk.subarray(at, at + chunkSize));
        }
      }
      const facts = inspector.passed();
      await end(upload);
      const metadata: GridfsFileMetadata = { mime: facts.mime, sha256: facts.sha256 };
      // The files document is written by the driver at end(); the key is not yet handed out, so no reader
      // can see it before its metadata is set.
      await this.#filesCollection().updateOne({ _id: id }, { $set: { metadata } });
      return { key, ...facts };
    } catch (error) {
      stream.destroy();
      upload.destroy();
      await this.#remove(id);
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    if (!isFileKey(key)) throw new FileNotFoundError();
    const [file] = await this.#bucket.find({ filename: key }, { limit: 1, projection: { _id: 1 } }).toArray();
    if (!file) throw new FileNotFoundError();
    return this.#bucket.openDownloadStream(file._id);
  }

  async delete(key: string): Promise<void> {
    if (!isFileKey(key)) return;
    const files = await this.#bucket.find({ filename: key }, { projection: { _id: 1 } }).toArray();
    for (const file of files) await this.#remove(file._id);
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await this.#db.command({ ping: 1 });
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    await this.#client?.close();
  }

  /** Removes the files document first so readers stop finding the file, then its chunks. */
  async #remove(id: ObjectId): Promise<void> {
    await this.#filesCollection().deleteOne({ _id: id });
    await this.#db.collection(`${this.#bucketName}.chunks`).deleteMany({ files_id: id });
  }

  #filesCollection() {
    return this.#db.collection<{ _id: ObjectId }>(`${this.#bucketName}.files`);
  }
}

function write(stream: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function end(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}
