/** How an attachment's metadata leaves the server: the id section data holds, and what the widget shows. */
import type { Stored } from "../ports/store.js";
import type { AttachmentDoc } from "../store/collections.js";

/** The JSON of one attachment; the file key and owner stay inside. */
export interface AttachmentView {
  id: string;
  applicationId: string;
  sectionKey: string;
  fieldPath: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/** Presents an attachment to someone allowed to read it. */
export function presentAttachment(attachment: Stored<AttachmentDoc>): AttachmentView {
  return {
    id: attachment._id,
    applicationId: attachment.applicationId,
    sectionKey: attachment.sectionKey,
    fieldPath: attachment.fieldPath,
    name: attachment.name,
    mime: attachment.mime,
    size: attachment.size,
    sha256: attachment.sha256,
    createdAt: attachment.createdAt,
  };
}
