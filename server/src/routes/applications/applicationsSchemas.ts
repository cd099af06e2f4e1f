/** Request shapes of /api/applications: shapes only; what the data means is decided by the edition's rules. */
import { z } from "zod";

const BODY_ERROR = "提交的内容不符合要求";
const rev = z.number({ error: "缺少版本号，请刷新后重试" }).int().min(1);

/** `:id` (and `:key`) path parameters; anything else is answered as not found. */
export const applicationParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  key: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/)
    .optional(),
});

/** PUT /api/applications/:id/candidate-type — `confirm` is needed to change a chosen type (APP-2). */
export const candidateTypeRequestSchema = z.object(
  {
    candidateType: z.string({ error: BODY_ERROR }).min(1).max(64),
    confirm: z.boolean().optional().default(false),
    rev: rev.optional(),
  },
  { error: BODY_ERROR },
);

/**
 * PUT /api/applications/:id/sections/:key — the revision the client read, the section's data, and
 * `confirmVoid` once the candidate has agreed that the save voids teachers' signatures (issue 11).
 */
export const sectionSaveRequestSchema = z.object(
  {
    rev,
    data: z.record(z.string(), z.json(), { error: "该部分的内容应为一个对象" }),
    confirmVoid: z.boolean({ error: "confirmVoid 应为 true 或 false" }).optional(),
  },
  { error: BODY_ERROR },
);

/** POST …/submit and …/withdraw: an optional revision, checked when given. */
export const transitionRequestSchema = z.object({ rev: rev.optional() }, { error: BODY_ERROR });
