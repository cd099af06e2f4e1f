/** Request shapes of /api/admin/registry: the list's page size and cursor. */
import { z } from "zod";

/** GET /api/admin/registry: one page of the registry, newest ids last. */
export const registryListQuery = z.object({
  cursor: z.string().max(512, { error: "分页参数无效" }).optional(),
  limit: z.coerce
    .number({ error: "每页条数应为1到100之间的整数" })
    .int({ error: "每页条数应为1到100之间的整数" })
    .min(1, { error: "每页条数应为1到100之间的整数" })
    .max(100, { error: "每页条数应为1到100之间的整数" })
    .default(20),
});
