/** Request schemas of the teacher lookup, with Chinese messages. */
import { z } from "zod";
import { legalName } from "../../identity/legalName.js";

/** `:id` of `/api/applications/:id/…`. */
export const applicationIdParams = z.object({ id: z.string().min(1).max(64) });

/** Body of `POST /api/applications/:id/teachers/lookup`. */
export const teacherLookupBody = z.object({
  role: z.enum(["supervisor", "recommender"], { error: "请选择医师的类别" }),
  name: legalName("请输入名字"),
  idNumber: z
    .string({ error: "请输入身份证号码" })
    .trim()
    .min(1, "请输入身份证号码")
    .max(32, "身份证号码过长"),
});
