/** Request bodies of /api/admin: shapes only; the token is checked by the command. */
import { z } from "zod";

/** POST /api/admin/bootstrap */
export const adminBootstrapRequestSchema = z.object(
  { token: z.string({ error: "管理员初始化链接无效" }).max(128, { error: "管理员初始化链接无效" }) },
  { error: "提交的内容不符合要求" },
);
