/**
 * Shows an authorised reviewer one side of the applicant's identity-document photo (REV-1): the stored
 * bytes of the current identity's front or back, with every look recorded in the audit log as a read, like
 * the full ID number (REV-6). The policy (`viewIdentity`) is checked by the route before this runs.
 */
import type { Readable } from "node:stream";
import { NotFoundError } from "../errors.js";
import type { Files } from "../ports/files.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** The two sides a document photo has. */
export const PHOTO_SIDES = ["front", "back"] as const;
/** One side of the document. */
export type PhotoSide = (typeof PHOTO_SIDES)[number];

/** The photo's type, size and bytes; audited before the bytes are handed out. */
export async function identityPhotoRevealer(
  deps: Pick<CommandDeps, "store" | "clock"> & { files: Files },
  input: { application: Stored<ApplicationDoc>; actor: string; side: PhotoSide },
): Promise<{ mime: string; size: number; body: Readable }> {
  const { identities, identityPhotos } = collectionsOf(deps.store);
  const [identity] = (await identities.find({ currentUserId: input.application.userId }, { limit: 1 })).items;
  if (identity === undefined) throw new NotFoundError("该考生没有有效的实名认证");
  const photoId = input.side === "front" ? identity.photoFront : identity.photoBack;
  const photo = photoId === undefined ? null : await identityPhotos.get(photoId);
  if (photo === null) throw new NotFoundError("该考生没有上传此面证件照");
  await deps.store.transaction((tx) =>
    appendAudit(tx, {
      actor: input.actor,
      action: "identity.viewPhoto",
      entity: "applications",
      entityId: input.application._id,
      before: null,
      after: { identity: identity._id, side: input.side },
      at: deps.clock.now(),
    }),
  );
  return { mime: photo.mime, size: photo.size, body: await deps.files.get(photo.fileKey) };
}
