/**
 * The checks every files adapter applies while an upload streams through: byte count against `maxBytes`,
 * sha256, and the real type detected from magic bytes. Nothing reaches the sink before the type passed.
 */
import { createHash, type Hash } from "node:crypto";
import type { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import { FileTooLargeError, FileTypeNotAllowedError } from "../errors.js";
import type { PutOptions } from "../ports/files.js";

// file-type's own "reasonable detection size": enough for every format it recognises by its head.
const SNIFF_BYTES = 4100;

/** Size, type and digest of an upload that passed every check. */
export interface UploadFacts {
  size: number;
  mime: string;
  sha256: string;
}

/**
 * One upload's checks. Iterate `chunks()` into the adapter's sink; it throws FileTooLargeError or
 * FileTypeNotAllowedError (which destroys the source); `passed()` gives the facts once the whole upload passed.
 */
export class UploadInspector {
  #facts: UploadFacts | undefined;
  readonly #options: PutOptions;
  readonly #hash: Hash = createHash("sha256");
  #size = 0;

  constructor(options: PutOptions) {
    this.#options = options;
  }

  /** Yields the upload's bytes once its head has been identified as an allowed type. */
  async *chunks(source: Readable): AsyncGenerator<Buffer> {
    const head: Buffer[] = [];
    let headBytes = 0;
    let mime: string | undefined;
    // Readable's iterator is typed `any`; uploads arrive as Buffers, strings only from hand-built streams.
    for await (const raw of source as AsyncIterable<Buffer | Uint8Array | string>) {
      const chunk =
        typeof raw === "string" ? Buffer.from(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.length);
      this.#count(chunk);
      if (mime !== undefined) {
        yield chunk;
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= SNIFF_BYTES) {
        mime = await this.#detect(Buffer.concat(head));
        yield* head;
        head.length = 0;
      }
    }
    if (mime === undefined) {
      mime = await this.#detect(Buffer.concat(head));
      yield* head;
    }
    this.#facts = { size: this.#size, mime, sha256: this.#hash.digest("hex") };
  }

  /** The facts of an upload whose chunks were all consumed; throws if the sink stopped early. */
  passed(): UploadFacts {
    if (!this.#facts) throw new Error("upload was not read to its end");
    return this.#facts;
  }

  #count(chunk: Buffer): void {
    this.#size += chunk.length;
    if (this.#size > this.#options.maxBytes) throw new FileTooLargeError(this.#options.maxBytes);
    this.#hash.update(chunk);
  }

  async #detect(head: Buffer): Promise<string> {
    const detected = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
    if (!detected || !this.#options.allowedTypes.includes(detected.mime)) {
      throw new FileTypeNotAllowedError(this.#options.allowedTypes, detected?.mime);
    }
    return detected.mime;
  }
}
