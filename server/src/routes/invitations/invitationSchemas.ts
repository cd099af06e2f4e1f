/** Request schemas of the candidate's invitation routes (TCH-1…3, TCH-5), with Chinese messages. */
import { z } from "zod";

/** `:id` of `/api/applications/:id/…` and `/api/invitations/:id/…`. */
export const idParams = z.object({ id: z.string().min(1).max(64) });

/** Body of `POST /api/applications/:id/invitations`: the looked-up person in the chosen role. */
export const inviteBody = z.object({
  role: z.enum(["supervisor", "recommender"], { error: "请选择医师的类别" }),
  ref: z.string({ error: "请先获取医师" }).min(1, "请先获取医师").max(64),
  workProof: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "工作证明文件无效")
    .optional(),
  rev: z.number().int().min(1).optional(),
});
