/**
 * An in-memory `AttachmentClient` for tests and the admin preview: no network, deterministic ids, and
 * (with `hold`) uploads that wait until the caller moves them on, so progress can be asserted without timers.
 */
import type { AttachmentClient, AttachmentInfo, UploadOptions } from "./attachmentClient.js";

/** An upload the memory client is holding: report progress, then complete or fail it. */
export interface HeldUpload {
  file: File;
  fieldPath: string;
  progress(percent: number): void;
  complete(): AttachmentInfo;
  fail(message: string): void;
}

/** The memory client plus what tests inspect: stored files, uploads held, every call made. */
export interface MemoryAttachmentClient extends AttachmentClient {
  readonly stored: Map<string, AttachmentInfo>;
  readonly held: HeldUpload[];
  readonly calls: { upload: UploadOptions["fieldPath"][]; remove: string[] };
}

/** Creates the client; with `hold: true` each upload waits in `held` instead of finishing at once. */
export function createMemoryAttachmentClient(options: { hold?: boolean } = {}): MemoryAttachmentClient {
  const stored = new Map<string, AttachmentInfo>();
  const held: HeldUpload[] = [];
  const calls = { upload: [] as string[], remove: [] as string[] };
  let next = 1;
  const store = (file: File): AttachmentInfo => {
    const info = {
      id: `mem_${String(next++).padStart(6, "0")}`,
      name: file.name,
      type: file.type,
      size: file.size,
    };
    stored.set(info.id, info);
    return info;
  };
  return {
    stored,
    held,
    calls,
    upload(file, { fieldPath, onProgress }) {
      calls.upload.push(fieldPath);
      onProgress(0);
      if (!options.hold) {
        onProgress(100);
        return Promise.resolve(store(file));
      }
      return new Promise<AttachmentInfo>((resolve, reject) => {
        const upload: HeldUpload = {
          file,
          fieldPath,
          progress: onProgress,
          complete() {
            held.splice(held.indexOf(upload), 1);
            onProgress(100);
            const info = store(file);
            resolve(info);
            return info;
          },
          fail(message) {
            held.splice(held.indexOf(upload), 1);
            reject(new Error(message));
          },
        };
        held.push(upload);
      });
    },
    // A data-less placeholder URL: previews in tests and the admin preview need a string, not a file.
    url: (id) => `memory://attachments/${id}`,
    describe(ids) {
      return Promise.resolve(ids.flatMap((id) => stored.get(id) ?? []));
    },
    remove(id) {
      calls.remove.push(id);
      stored.delete(id);
      return Promise.resolve();
    },
  };
}
