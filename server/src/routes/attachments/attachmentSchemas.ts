/** Request parameters of the attachment routes: shapes only; which fields take files is the edition's call. */
import { ATTACHMENT_ID } from "@shenbao/rules";
import { z } from "zod";

const UPLOAD_TARGET_ERROR = "请指定上传附件的栏目";

/** POST /api/applications/:id/attachments?section=…&field=… (dotted field path, e.g. `cases.2.x`). */
export const uploadQuery = z.object(
  {
    section: z.string({ error: UPLOAD_TARGET_ERROR }).min(1, { error: UPLOAD_TARGET_ERROR }).max(64),
    field: z.string({ error: UPLOAD_TARGET_ERROR }).min(1, { error: UPLOAD_TARGET_ERROR }).max(256),
  },
  { error: UPLOAD_TARGET_ERROR },
);

/** `:id` of /api/attachments/:id: the attachment id section data holds. */
export const attachmentIdParams = z.object({
  id: z.string().regex(ATTACHMENT_ID, { error: "附件编号无效" }),
});

/** GET /api/attachments/:id?inline=1 asks for a preview instead of a download. */
export const downloadQuery = z.object({
  inline: z
    .enum(["0", "1"], { error: "参数 inline 只能是 0 或 1" })
    .optional()
    .transform((value) => value === "1"),
});

/** `:id` of /api/applications/:id/attachments. */
export const applicationIdParams = z.object({ id: z.string().min(1).max(64) });
