/**
 * The FormEngine's `AttachmentClient` over the server's attachment routes: uploads go into one section of
 * one application (`POST /api/applications/:id/attachments?section&field`), files are read and deleted by id.
 */
import type { AttachmentClient, AttachmentInfo } from "../formEngine/attachmentClient.js";
import { AttachmentUploadError } from "../formEngine/attachmentClient.js";
import { ApiError, request } from "./apiClient.js";
import type { AttachmentView } from "./endpoints.js";
import { uploadFile } from "./upload.js";

/** An `AttachmentClient` bound to `applicationId` and `sectionKey`; the engine supplies the field path. */
export function createApplicationAttachmentClient(
  applicationId: string,
  sectionKey: string,
): AttachmentClient {
  const id = encodeURIComponent;
  return {
    async upload(file, { fieldPath, onProgress }): Promise<AttachmentInfo> {
      const url = `/api/applications/${id(applicationId)}/attachments?section=${id(sectionKey)}&field=${id(fieldPath)}`;
      try {
        const stored = await uploadFile<AttachmentView>(url, file, file.name, onProgress);
        return { id: stored.id, name: stored.name, type: stored.mime, size: stored.size };
      } catch (error) {
        // The widget shows AttachmentUploadError messages as they are: the server's Chinese wording.
        if (error instanceof ApiError) throw new AttachmentUploadError(error.message, error.status);
        throw error;
      }
    },
    // inline=1: images and PDFs open as previews; other types are still downloads.
    url: (attachmentId) => `/api/attachments/${id(attachmentId)}?inline=1`,
    async remove(attachmentId) {
      try {
        await request<void>("DELETE", `/api/attachments/${id(attachmentId)}`);
      } catch (error) {
        // Already gone is what the user wanted.
        if (error instanceof ApiError && error.status === 404) return;
        throw error;
      }
    },
  };
}
