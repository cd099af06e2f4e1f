/**
 * Uploading one file into an attachment field of a draft application: the field's limits come from the
 * application's edition, the bytes stream straight into the files port (which checks size and magic bytes),
 * then the metadata is stored. Whatever fails after the file was kept deletes it again.
 */
import type { Readable } from "node:stream";
import { sectionApplies } from "@shenbao/rules";
import { AttachmentFieldUnknownError, SectionLockedError } from "../errors.js";
import type { Files } from "../ports/files.js";
import type { Stored } from "../ports/store.js";
import { assertDraft } from "../applications/applicationGuards.js";
import { answersOf, isLocked } from "../applications/applicationSections.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { sanitizeFileName } from "../files/fileNames.js";
import { collectionsOf, type ApplicationDoc, type AttachmentDoc } from "../store/collections.js";
import { attachmentFieldLimits, type AttachmentFieldLimits } from "./attachmentFieldLimits.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** One incoming file: its bytes, the name the client gave, and when the rest of the request proved valid. */
export interface IncomingFile {
  stream: Readable;
  fileName: string;
  /** Settles once the whole request was read; rejects when it broke a rule (a second file, too many parts). */
  finished: Promise<void>;
}

/**
 * Where an upload's bytes come from, asked only once the field's limits are known so the transport can
 * enforce them too (multipart in HTTP, a plain stream in tests and jobs).
 */
export type UploadSource = (limits: AttachmentFieldLimits) => Promise<IncomingFile>;

/** What to upload where, on whose behalf; the caller has authorized `actor` for the application. */
export interface UploadInput {
  actor: string;
  application: Stored<ApplicationDoc>;
  sectionKey: string;
  fieldPath: string;
  receive: UploadSource;
}

/** Stores the file `input.receive` delivers as an attachment of the application; returns its metadata. */
export async function attachmentUploader(
  deps: Pick<CommandDeps, "store" | "clock"> & { files: Files },
  input: UploadInput,
): Promise<Stored<AttachmentDoc>> {
  const { application, sectionKey, fieldPath } = input;
  assertDraft(application);
  const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
  const limits = attachmentFieldLimits(edition, sectionKey, fieldPath);
  // A field of a section the candidate type does not have is no field of this application.
  if (application.candidateType === null || !sectionApplies(edition, sectionKey, answersOf(application))) {
    throw new AttachmentFieldUnknownError({ section: sectionKey, field: fieldPath });
  }
  if (isLocked(application.sections[sectionKey])) throw new SectionLockedError([sectionKey]);

  const incoming = await input.receive(limits);
  const stored = await deps.files.put(incoming.stream, {
    maxBytes: limits.maxBytes,
    allowedTypes: limits.accept,
  });
  try {
    await incoming.finished;
    const doc: AttachmentDoc = {
      ownerId: application.userId,
      applicationId: application._id,
      sectionKey,
      fieldPath,
      name: sanitizeFileName(incoming.fileName),
      mime: stored.mime,
      size: stored.size,
      sha256: stored.sha256,
      fileKey: stored.key,
    };
    return await deps.store.transaction(async (tx) => {
      const attachment = await collectionsOf(tx).attachments.insert(doc);
      await appendAudit(tx, {
        actor: input.actor,
        action: "attachment.upload",
        entity: "attachments",
        entityId: attachment._id,
        // No file name: names are the candidate's words and may hold personal data.
        before: null,
        after: {
          applicationId: application._id,
          section: sectionKey,
          field: fieldPath,
          mime: stored.mime,
          size: stored.size,
        },
        at: deps.clock.now(),
      });
      return attachment;
    });
  } catch (error) {
    await deps.files.delete(stored.key);
    throw error;
  }
}
