/** Request parameters of the 申请表 route. */
import { z } from "zod";

/** `:id` of /api/applications/:id/pdf. */
export const applicationPdfParams = z.object({ id: z.string().min(1).max(64) });
