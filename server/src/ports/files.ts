/**
 * The files port: streamed uploads checked for size and real type before they are kept.
 * Adapters: a folder under the data directory (embedded) and MongoDB GridFS (production).
 */
import type { Readable } from "node:stream";

/** Limits an upload must meet; `allowedTypes` are MIME types detected from magic bytes. */
export interface PutOptions {
  maxBytes: number;
  allowedTypes: string[];
}

/** What was stored: a generated key (never the user's file name) and facts measured while streaming. */
export interface StoredFile {
  key: string;
  size: number;
  mime: string;
  sha256: string;
}

/** The files port. */
export interface Files {
  /** Adapter name as shown in /healthz: "folder" | "gridfs". */
  readonly kind: string;
  /** Throws FileTooLargeError / FileTypeNotAllowedError and keeps nothing when limits are not met. */
  put(stream: Readable, options: PutOptions): Promise<StoredFile>;
  /** Throws FileNotFoundError for an unknown key. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  health(): Promise<{ ok: boolean; detail?: string }>;
  close(): Promise<void>;
}
