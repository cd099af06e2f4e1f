/** Request shapes of the 实名认证 routes; the number rules themselves (GB 11643, region codes) live in the commands. */
import { z } from "zod";
import { legalName } from "../../identity/legalName.js";
import { ID_DOC_TYPES } from "../../ports/identityCheck.js";

const BODY_ERROR = "提交的内容不符合要求";
// Store ids are 32 lower-case hex characters (store/newId.ts).
const recordId = (error: string) => z.string({ error }).regex(/^[0-9a-f]{32}$/, { error });
const photoId = recordId("请先拍摄或上传证件图片");
// One spelling of the separator, letters only, 2–60 characters (issue 11).
const personName = legalName("请填写真实名字");
const documentNumber = z
  .string({ error: "请填写证件号码" })
  .trim()
  .min(1, { error: "请填写证件号码" })
  .max(40, { error: "证件号码过长" });

/** POST /api/identity/verify: 「身份证（自动核验）」 (resident IDs only). */
export const verifyBody = z.object(
  { name: personName, idNumber: documentNumber, photoFront: photoId, photoBack: photoId.optional() },
  { error: BODY_ERROR },
);

/** POST /api/identity/requests: 「身份证（人工审核）」 or another document. Sex and birth date only for non-resident documents. */
export const requestBody = z.object(
  {
    docType: z.enum(ID_DOC_TYPES, { error: "请选择证件类型" }),
    name: personName,
    idNumber: documentNumber,
    photoFront: photoId,
    photoBack: photoId.optional(),
    sex: z.enum(["male", "female"], { error: "请选择男或女" }).optional(),
    birthDate: z.iso.date({ error: "日期应写成“年-月-日”，如 1980-01-31" }).optional(),
  },
  { error: BODY_ERROR },
);

/** `:id` of a photo or an identity request. */
export const idParams = z.object({ id: recordId("记录编号无效") });

/** GET /api/admin/identity-requests: the queue of one state (pending by default), oldest first. */
export const requestsQuery = z.object({
  state: z
    .enum(["pending", "verified", "rejected", "withdrawn"], { error: "状态参数无效" })
    .default("pending"),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** POST /api/admin/identity-requests/:id/reject: the reason is shown to the user. */
export const rejectBody = z.object(
  {
    reason: z
      .string({ error: "请填写驳回原因" })
      .trim()
      .min(1, { error: "请填写驳回原因" })
      .max(200, { error: "驳回原因不能超过200字" }),
  },
  { error: BODY_ERROR },
);
