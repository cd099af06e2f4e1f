/** Request shapes of /api/review: the queue's filters, decisions, the on-site form, passes. */
import { z } from "zod";

const BODY_ERROR = "提交的内容不符合要求";
const rev = z.number({ error: "缺少版本号，请刷新后重试" }).int().min(1);
const division = z.string().regex(/^\d{6}$/, { error: "区划代码应为6位数字" });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "日期格式应为 YYYY-MM-DD" });

/** Review stages a queue may filter by. */
export const REVIEW_STAGES = [
  "returned",
  "withdrawn",
  "county",
  "city",
  "province",
  "approved",
  "rejected",
] as const;

/** `:id` (and `:key`) path parameters. */
export const reviewParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  key: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/)
    .optional(),
});

/** `:side` of …/identity/photos/:side. */
export const photoSide = z.enum(["front", "back"], { error: "证件照只有人像面和国徽面" });

/** GET /api/review/applications (and the exports): filters, search, sort and page. */
export const queueQuery = z.object({
  stage: z.enum(REVIEW_STAGES, { error: "审核状态无效" }).optional(),
  candidateType: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/)
    .optional(),
  county: division.optional(),
  submittedFrom: day.optional(),
  submittedTo: day.optional(),
  signatures: z.enum(["complete", "incomplete"]).optional(),
  searchBy: z.enum(["name", "idNumber", "phoneTail"]).optional(),
  q: z.string().trim().max(40, { error: "搜索内容过长" }).optional(),
  sort: z.enum(["submittedAt", "-submittedAt"]).default("-submittedAt"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

/** The queue's filters as parsed. */
export type QueueQuery = z.output<typeof queueQuery>;

/** POST …/sections/:key/decision. */
export const decisionRequest = z.object(
  {
    decision: z.enum(["locked", "returned"], { error: "请选择锁定或退回修改" }),
    comment: z.string().max(1000, { error: "意见不能超过1000字" }).default(""),
    fieldComments: z
      .array(
        z.object({
          path: z
            .string()
            .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/)
            .max(200),
          comment: z.string().max(500, { error: "批注不能超过500字" }),
        }),
      )
      .max(100)
      .default([]),
    rev,
  },
  { error: BODY_ERROR },
);

/** POST …/onsite: the onsite form's answers. */
export const onsiteRequest = z.object(
  { answers: z.record(z.string(), z.json(), { error: "表单内容应为一个对象" }), rev },
  { error: BODY_ERROR },
);

/** POST …/pass. */
export const passRequest = z.object({ rev }, { error: BODY_ERROR });

/** GET /api/admin/audit. */
export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});

/** POST /api/admin/reviewers. */
export const appointRequest = z.object(
  {
    phone: z.string({ error: "请输入手机号码" }).min(1).max(20),
    level: z.enum(["county", "city", "province"], { error: "请选择审核级别" }),
    division,
  },
  { error: BODY_ERROR },
);
