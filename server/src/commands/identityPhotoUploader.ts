/**
 * Stores one photo of an identity document (ID-2: 「证件扫描」, retaken as often as the user likes): JPEG or
 * PNG by magic bytes, at most 5 MB. The returned id is what a verification request names.
 */
import type { Readable } from "node:stream";
import type { Clock } from "../ports/clock.js";
import type { Files } from "../ports/files.js";
import type { Store, Stored } from "../ports/store.js";
import { collectionsOf, type IdentityPhotoDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";

/** Limits of an identity photo; a phone camera's JPEG is well under 5 MB. */
export const IDENTITY_PHOTO_LIMITS = { maxBytes: 5 * 1024 * 1024, allowedTypes: ["image/jpeg", "image/png"] };

/** The photo's bytes; `finished` (from a multipart parser) rejects when the rest of the request broke a rule. */
export interface IncomingPhoto {
  stream: Readable;
  finished?: Promise<void>;
}

/** Streams the photo into the files port and records its owner; nothing is kept when a check fails. */
export async function identityPhotoUploader(
  deps: { store: Store; files: Files; clock: Clock },
  input: { ownerId: string; incoming: IncomingPhoto },
): Promise<Stored<IdentityPhotoDoc>> {
  const stored = await deps.files.put(input.incoming.stream, IDENTITY_PHOTO_LIMITS);
  try {
    await input.incoming.finished;
    return await deps.store.transaction(async (tx) => {
      const photo = await collectionsOf(tx).identityPhotos.insert({
        ownerId: input.ownerId,
        fileKey: stored.key,
        mime: stored.mime,
        size: stored.size,
        sha256: stored.sha256,
      });
      await appendAudit(tx, {
        actor: input.ownerId,
        action: "identityPhoto.upload",
        entity: "identityPhotos",
        entityId: photo._id,
        before: null,
        after: { mime: stored.mime, size: stored.size },
        at: deps.clock.now(),
      });
      return photo;
    });
  } catch (error) {
    await deps.files.delete(stored.key);
    throw error;
  }
}
